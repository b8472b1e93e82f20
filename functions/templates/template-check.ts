import type Handlebars from 'handlebars';
import type { ErrorDetail } from '../_shared/errors.js';
import type { VariableRegistry } from './variables.js';

export type TemplatePart = 'subject' | 'html' | 'text';

type Instance = typeof Handlebars;
type Node = hbs.AST.Node;
type Loc = { line: number; column: number };

const at = ({ line, column }: Loc) => `line ${line}, column ${column}`;
/** Handlebars counts columns from 0; people (and editors) from 1. */
const startOf = (node: Node): Loc => ({ line: node.loc.start.line, column: node.loc.start.column + 1 });

/**
 * Reads one part of a template and lists what it may not do. A template is text with
 * {{variable}} or {{variable "fallback"}} of registered variables, and comments — nothing else:
 * no raw {{{ }}}, partials, blocks, paths (`a.b`, `this`, `@root`) or built-in helpers.
 */
export function checkPart(
  hb: Instance,
  part: TemplatePart,
  source: string,
  registry: VariableRegistry,
): { variables: string[]; problems: ErrorDetail[] } {
  let program: hbs.AST.Program;
  try {
    program = hb.parse(source);
  } catch (err) {
    return { variables: [], problems: [{ path: part, message: parseProblem(hb, err) }] };
  }
  const variables: string[] = [];
  const problems: ErrorDetail[] = [];
  const refuse = (node: Node, message: string) =>
    problems.push({ path: part, message: `${at(startOf(node))}: ${message}` });

  for (const node of program.body) {
    if (node.type === 'ContentStatement' || node.type === 'CommentStatement') continue;
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      refuse(node, 'partials ({{> …}}) are not allowed in a template.');
    } else if (node.type !== 'MustacheStatement') {
      refuse(node, 'blocks such as {{#if}} or {{#each}} are not supported — use {{variable "fallback"}}.');
    } else {
      const name = checkMustache(node as hbs.AST.MustacheStatement, registry, (m) => refuse(node, m));
      if (name && !variables.includes(name)) variables.push(name);
    }
  }
  return { variables, problems };
}

function checkMustache(
  node: hbs.AST.MustacheStatement,
  registry: VariableRegistry,
  refuse: (message: string) => void,
): string | undefined {
  if (!node.escaped) {
    refuse('triple braces {{{ }}} and {{& }} insert raw HTML and are not allowed — use {{ }}.');
    return;
  }
  const path = node.path as hbs.AST.PathExpression;
  if (path.type !== 'PathExpression' || path.data || path.depth !== 0 || path.parts.length !== 1) {
    refuse(`{{${source(path)}}} is not a variable — write a name such as {{firstName}}.`);
    return;
  }
  const name = path.original;
  if (!registry.get(name)) {
    refuse(`{{${name}}} is not a variable you can use${suggestion(name, registry)}`);
    return;
  }
  const [fallback, ...extra] = node.params;
  if (extra.length || node.hash?.pairs.length) {
    refuse(`{{${name}}} takes at most one fallback in quotes, e.g. {{${name} "there"}}.`);
  } else if (fallback && fallback.type !== 'StringLiteral') {
    refuse(`the fallback of {{${name}}} must be text in quotes, e.g. {{${name} "there"}}.`);
  }
  return name;
}

function source(path: Node): string {
  const p = path as Partial<hbs.AST.PathExpression> & { value?: unknown };
  return String(p.original ?? p.value ?? '…');
}

function suggestion(name: string, registry: VariableRegistry): string {
  const names = registry.list().map((v) => v.name);
  const close =
    names.find((n) => n.toLowerCase() === name.toLowerCase()) ??
    names.find((n) => distance(n.toLowerCase(), name.toLowerCase()) <= 2);
  return close
    ? ` — did you mean {{${close}}}?`
    : ` — the variables are ${names.map((n) => `{{${n}}}`).join(', ')}.`;
}

/** Edit distance, to suggest {{firstName}} for {{frstName}}. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * Where a template stops making sense. A Handlebars exception carries its line and column; a
 * grammar error does not, but the parser's lexer still holds where it stopped (parsing is
 * synchronous, so nothing else has used it since).
 */
function parseProblem(hb: Instance, err: unknown): string {
  const e = err as { message?: string; lineNumber?: number; column?: number };
  const summary = 'the braces do not match up — check each {{ has its }}.';
  if (typeof e.lineNumber === 'number' && typeof e.column === 'number') {
    const what = (e.message ?? '').split(' - ')[0];
    return `${at({ line: e.lineNumber, column: e.column + 1 })}: ${what || summary}`;
  }
  const lexer = (
    hb as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }
  ).Parser?.lexer?.yylloc;
  const line = lexer?.first_line ?? Number(/line (\d+)/.exec(e.message ?? '')?.[1] ?? 1);
  return `${at({ line, column: (lexer?.first_column ?? 0) + 1 })}: ${summary}`;
}
