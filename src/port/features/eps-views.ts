/**
 * EPS templates (the PowerShell module EPS, `Invoke-EpsTemplate`), compiled by the converter.
 * EPS turns a template into one PowerShell script that appends to a string builder: text is
 * appended as it is, `<%= expr %>` appends `"$(expr)"` (PowerShell's string of the output: items
 * joined with spaces, nothing for `$null`; no HTML escaping), `<% code %>` is run (its own
 * output is discarded), `<%# … %>` is dropped, `<%%` and `%%>` are the literal `<%` and `%>`,
 * `<%-` removes the spaces and tabs before the tag on its line, and `-%>` the line break right
 * after it. The binding's entries are variables (`$numbers`) of that script.
 *
 * Here the template is split the same way, the script is written as one PowerShell function
 * that adds to a list instead of a string builder (each text piece stands for an index into the
 * template's texts), each variable the script reads is set from the binding first, and the
 * emitter translates the function to JavaScript. Loaded only when an EPS view is first rendered
 * (src/views/templates.ts).
 */

import { camel } from '../emit/syntax.js';
import { firstError, parsePowerShell, type SyntaxNode } from '../parser.js';
import { lineColumn } from '../positions.js';
import { collectOutput, emitView, type ViewProblem } from './pode-views.js';

/** One piece of an EPS template: text, an expression (`<%=`) or code (`<%`), in order. */
export type EpsPiece =
  | { kind: 'text'; text: string }
  | { kind: 'expression' | 'code'; code: string; offset: number };

/** A compiled template: its texts and a function body over `__modules` and `__texts`. */
export interface CompiledTemplateSource {
  texts: string[];
  /** A function body: takes `__modules` and `__texts` and returns the view's function. */
  body: string;
  problems: ViewProblem[];
}

// EPS's own tag pattern: a literal `<%%`/`%%>`, or a tag with its indicator, code, tail
// character and the spaces and line break after it.
const TAG =
  /(?<lit><%%|%%>)|<%(?<ind>={1,2}|-|#)?(?<code>[\s\S]*?)(?<tail>[-=])?(?<!%)%>(?<rspace>[ \t]*\r?\n)?/g;

/** Splits an EPS template as EPS's `New-EpsTemplateScript` does. */
export function splitEpsTemplate(template: string): EpsPiece[] {
  const pieces: EpsPiece[] = [];
  const text = (value: string) => {
    if (value === '') return;
    const last = pieces.at(-1);
    if (last?.kind === 'text') last.text += value;
    else pieces.push({ kind: 'text', text: value });
  };
  let position = 0;
  for (const match of template.matchAll(TAG)) {
    const groups = match.groups as Record<string, string | undefined>;
    const index = match.index ?? 0;
    const content = template.slice(position, index);
    position = index + match[0].length;
    if (groups.lit !== undefined) {
      text(content);
      text(groups.lit === '<%%' ? '<%' : '%>');
      continue;
    }
    const ind = groups.ind ?? '';
    const code = groups.code ?? '';
    const rspace = groups.rspace ?? '';
    // the code starts after `<%` and its indicator
    const offset = index + 2 + ind.length;
    if (ind === '-') text(content.replace(/(^|[\n\r]+)[ \t]+$/, '$1'));
    else text(content);
    if (ind === '=') pieces.push({ kind: 'expression', code: code.trim(), offset });
    else if (ind === '-' || ind === '') pieces.push({ kind: 'code', code: code.trim(), offset });
    // `<%#` comments and EPS's `<%==` (which it drops as well) add nothing
    if (groups.tail !== '-' || /^[^\r\n]/.test(rspace)) text(rspace);
  }
  text(template.slice(position));
  return pieces;
}

/** The name of the list the view's function adds its pieces to. */
const OUTPUT = '$PodeViewOutput';
const BINDING = '$PodeViewBinding';
const FUNCTION = 'Invoke-PodeEpsView';
const TEXT = (k: number) => `'__PodeViewText${k}__'`;

/** Variables a template reads that are PowerShell's own, not the binding's. */
const AUTOMATIC = new Set([
  '_',
  'psitem',
  'true',
  'false',
  'null',
  'args',
  'this',
  'input',
  'matches',
  'error',
  'lastexitcode',
  'pwd',
  'host',
  'home',
  'pid',
  'psscriptroot',
  'pscommandpath',
  'myinvocation',
  'executioncontext',
  'psversiontable',
  'ofs',
  'podeviewoutput',
  'podeviewbinding',
]);

/**
 * Compiles an EPS template: the script EPS would run, as one PowerShell function translated to
 * JavaScript by the emitter.
 */
export async function compileEpsTemplate(template: string): Promise<CompiledTemplateSource> {
  const pieces = splitEpsTemplate(template);
  const texts: string[] = [];
  // Each piece's code starts at a known place in the script, to say where a problem is.
  const spans: { start: number; offset: number }[] = [];
  let script = '';
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      script += `${OUTPUT}.Add(${TEXT(texts.length)})\n`;
      texts.push(piece.text);
    } else if (piece.kind === 'expression') {
      script += `${OUTPUT}.Add("$(`;
      spans.push({ start: script.length, offset: piece.offset });
      script += `${piece.code})")\n`;
    } else {
      spans.push({ start: script.length, offset: piece.offset });
      script += `${piece.code}\n`;
    }
  }
  const problems: ViewProblem[] = [];
  const where = (scriptOffset: number, prefix: number): { line: number; column: number } => {
    let span = spans[0];
    for (const s of spans) if (s.start + prefix <= scriptOffset) span = s;
    if (span === undefined) return { line: 1, column: 1 };
    return lineColumn(template, span.offset + Math.max(0, scriptOffset - prefix - span.start));
  };
  // First pass: the variables the template reads, to set them from the binding.
  const first = await parsePowerShell(script);
  const syntax = firstError(first.root);
  if (syntax !== undefined) {
    const at = where(first.positions.toOriginal(syntax.startIndex), 0);
    problems.push({ ...at, what: 'code that is not valid PowerShell' });
    return { texts, body: '', problems };
  }
  const names = new Map<string, string>();
  for (const node of first.root.descendantsOfType('variable')) {
    if (node === null) continue;
    const name = /^\$([A-Za-z_]\w*)$/.exec(node.text)?.[1];
    if (name === undefined || AUTOMATIC.has(name.toLowerCase())) continue;
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  const prologue = [...names.values()].map((name) => `$${name} = ${BINDING}['${name}']\n`).join('');
  const head = `function ${FUNCTION}(${BINDING}, ${OUTPUT}) {\n${prologue}`;
  // EPS runs the script inside `[void]$(…)`: what the code itself writes to the output is
  // discarded, so each such statement becomes `$null = (…)`.
  const whole = await parsePowerShell(`${head}${script}}\n`);
  const edits: { at: number; insert: string }[] = [];
  const list = whole.root
    .descendantsOfType('function_statement')[0]
    ?.descendantsOfType('statement_list')[0];
  const ours = (node: SyntaxNode) => node.text.startsWith(`${OUTPUT}.Add(`);
  if (list !== undefined && list !== null) collectOutput(list, edits, '$null = (', ')', ours);
  let rewritten = whole.text;
  // `where` maps offsets of the script as written; each insert before an offset moves it
  const inserted: { at: number; length: number }[] = [];
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    rewritten = `${rewritten.slice(0, edit.at)}${edit.insert}${rewritten.slice(edit.at)}`;
    inserted.push({ at: edit.at, length: edit.insert.length });
  }
  const unshift = (offset: number) => {
    let shift = 0;
    for (const edit of [...inserted].sort((a, b) => a.at - b.at)) {
      if (offset < edit.at + shift) break;
      if (offset < edit.at + shift + edit.length) return edit.at;
      shift += edit.length;
    }
    return whole.positions.toOriginal(offset - shift);
  };
  const parsed = await parsePowerShell(rewritten);
  const result = await emitView(parsed);
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.kind !== 'todo') continue;
    const at = where(unshift(parsed.positions.toOriginal(diagnostic.offset)), head.length);
    problems.push({ ...at, what: diagnostic.message.replace(/^not translated: /, '') });
  }
  return { texts, body: moduleBody(result.code, camel(FUNCTION)), problems };
}

/**
 * The emitted module as a function body: its imports read from `__modules`, its text pieces
 * from `__texts`, and `name` returned.
 */
export function moduleBody(code: string, name: string): string {
  const body = code
    .replace(
      /^import \{ ([^}]*) \} from '([^']+)';$/gm,
      (_, names: string, module: string) =>
        `const { ${names.replace(/ as /g, ': ')} } = __modules[${JSON.stringify(module)}];`,
    )
    .replace(/(['"`])__PodeViewText(\d+)__\1/g, (_, _quote: string, k: string) => `__texts[${k}]`);
  return `${body}\nreturn ${name};`;
}
