import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import { AppError, type ErrorDetail } from '../_shared/errors.js';
import { checkPart, type TemplatePart } from './template-check.js';
import { variables as defaultVariables, type RenderContext, type VariableRegistry } from './variables.js';

/** An instance of our own, so nothing registered here or elsewhere leaks between the two. */
const hb = Handlebars.create();

export interface TemplateSource {
  subject: string;
  html: string;
  /** Written by hand; null or empty: derived from the rendered HTML. */
  text?: string | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Variables the template uses that had no value for this recipient (fallback or blank used). */
  missing: string[];
}

export interface CompiledTemplate {
  /** Variables used, in order of first use (subject, then HTML, then text). */
  variables: string[];
  /** Each variable's value for one recipient; empty ones are left out. */
  values(ctx: RenderContext): Promise<Record<string, string>>;
  render(ctx: RenderContext): Promise<RenderedEmail>;
}

type Mode = 'html' | 'plain';
const PARTS: TemplatePart[] = ['subject', 'html', 'text'];

/**
 * Checks a template and prepares it for rendering many recipients. Anything outside plain
 * {{variable}} and {{variable "fallback"}} with a registered variable is refused with 400
 * VALIDATION, one detail per problem naming the part, the line and the column.
 */
export function compileTemplate(
  source: TemplateSource,
  registry: VariableRegistry = defaultVariables,
): CompiledTemplate {
  const problems: ErrorDetail[] = [];
  const used: string[] = [];
  for (const part of PARTS) {
    const src = source[part];
    if (!src) continue;
    const checked = checkPart(hb, part, src, registry);
    problems.push(...checked.problems);
    for (const name of checked.variables) if (!used.includes(name)) used.push(name);
  }
  if (problems.length) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AppError(
      'VALIDATION',
      `The template cannot be used: ${first.path} ${first.message}${more}`,
      problems,
    );
  }
  // strict: a name that slipped past the check throws instead of rendering blank; every variable
  // is a known helper, so nothing is ever looked up on a context object.
  const options = (mode: Mode) => ({
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(used.map((n) => [n, true])),
    noEscape: mode === 'plain',
  });
  const subject = hb.compile(source.subject, options('plain'));
  const html = hb.compile(source.html, options('html'));
  const text = source.text ? hb.compile(source.text, options('plain')) : undefined;

  const values = async (ctx: RenderContext) => {
    const out: Record<string, string> = {};
    for (const name of used) {
      const value = await registry.get(name)!.resolve(ctx);
      if (typeof value === 'string' && value.trim()) out[name] = value;
    }
    return out;
  };

  return {
    variables: used,
    values,
    async render(ctx) {
      const found = await values(ctx);
      const run = (template: HandlebarsTemplateDelegate, mode: Mode) =>
        template(
          {},
          {
            helpers: helpersFor(used, found, mode, registry),
            allowProtoPropertiesByDefault: false,
            allowProtoMethodsByDefault: false,
          },
        );
      const renderedHtml = run(html, 'html');
      return {
        subject: oneLine(run(subject, 'plain')),
        html: renderedHtml,
        text: text ? run(text, 'plain') : htmlToText(renderedHtml),
        missing: used.filter((n) => !(n in found)),
      };
    },
  };
}

/** Each variable is a helper taking an optional fallback: {{firstName "there"}}. */
function helpersFor(used: string[], found: Record<string, string>, mode: Mode, registry: VariableRegistry) {
  return Object.fromEntries(
    used.map((name) => {
      const isHtml = registry.get(name)!.html === true;
      return [
        name,
        (...args: unknown[]) => {
          const fallback = args.length > 1 && typeof args[0] === 'string' ? args[0] : '';
          const value = Object.hasOwn(found, name) ? found[name]! : undefined;
          if (value === undefined) return fallback;
          if (!isHtml) return value;
          // The user's own HTML: as written in the HTML part, as text elsewhere.
          return mode === 'html' ? new hb.SafeString(value) : htmlToText(value);
        },
      ];
    }),
  );
}

/** A subject is one line of text: line breaks would start new headers. */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** The plain-text part: links kept as "text [url]", lines wrapped as mail clients expect. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }],
  });
}
