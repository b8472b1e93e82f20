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
  // One Handlebars instance per registry and part kind, its variable helpers registered once:
  // passing helpers on every render made Handlebars merge them each time (half the render cost).
  const engines = enginesFor(registry, used);
  const subject = engines.plain.compile(source.subject, options('plain'));
  const html = engines.html.compile(source.html, options('html'));
  const text = source.text ? engines.plain.compile(source.text, options('plain')) : undefined;

  /** Each used variable's value for one recipient, in a context object with no prototype. */
  const resolvers = used.map((name) => [name, registry.get(name)!.resolve] as const);
  const keep = (out: Record<string, string>, name: string, value: string | null | undefined) => {
    if (typeof value === 'string' && value.trim()) out[name] = value;
  };
  const collect = (ctx: RenderContext) => {
    const out = Object.create(null) as Record<string, string>;
    let pending: Promise<void>[] | undefined;
    for (const [name, resolve] of resolvers) {
      const value = resolve(ctx);
      // Most values are plain fields: only a resolver that is really async is awaited.
      if (value instanceof Promise) {
        pending ??= [];
        pending.push(value.then((v) => keep(out, name, v)));
      } else keep(out, name, value);
    }
    return { out, pending };
  };
  const values = async (ctx: RenderContext) => {
    const { out, pending } = collect(ctx);
    if (pending) await Promise.all(pending);
    return out;
  };

  // Prototype properties and methods are refused by Handlebars' defaults (4.6+): passing the
  // options again on every call only made each render build its access rules anew.
  return {
    variables: used,
    values,
    async render(ctx) {
      const { out: found, pending } = collect(ctx);
      if (pending) await Promise.all(pending);
      // The values are the template's whole context; each variable's helper reads its own.
      const renderedHtml = html(found);
      return {
        subject: oneLine(subject(found)),
        html: renderedHtml,
        text: text ? text(found) : htmlToText(renderedHtml),
        missing: used.filter((n) => !(n in found)),
      };
    },
  };
}

type Engines = { html: typeof Handlebars; plain: typeof Handlebars };
const engineCache = new WeakMap<VariableRegistry, Engines>();

/** The registry's engines, with a helper for each variable a template uses (added on first use). */
function enginesFor(registry: VariableRegistry, used: string[]): Engines {
  let engines = engineCache.get(registry);
  if (!engines) {
    engines = { html: Handlebars.create(), plain: Handlebars.create() };
    engineCache.set(registry, engines);
  }
  for (const name of used) {
    if (engines.html.helpers[name]) continue;
    const isHtml = registry.get(name)!.html === true;
    for (const mode of ['html', 'plain'] as const)
      engines[mode].registerHelper(name, variableHelper(name, isHtml, mode));
  }
  return engines;
}

/** {{name}} or {{name "fallback"}}: the recipient's value, else the fallback, else nothing. */
function variableHelper(name: string, isHtml: boolean, mode: Mode) {
  return (...args: unknown[]) => {
    const options = args[args.length - 1] as { data?: { root?: Record<string, string> } };
    const fallback = args.length > 1 && typeof args[0] === 'string' ? args[0] : '';
    const value = options.data?.root?.[name];
    if (value === undefined) return fallback;
    if (!isHtml) return value;
    // The user's own HTML: as written in the HTML part, as text elsewhere.
    return mode === 'html' ? new Handlebars.SafeString(value) : htmlToText(value);
  };
}

/** A subject is one line of text: line breaks would start new headers. */
const oneLine = (s: string) => (/[\r\n]/.test(s) ? s.replace(/\s*[\r\n]+\s*/g, ' ') : s).trim();

/** The plain-text part: links kept as "text [url]", lines wrapped as mail clients expect. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }],
  });
}
