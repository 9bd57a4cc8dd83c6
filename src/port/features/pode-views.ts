/**
 * Pode's own `.pode` views, compiled by the converter. Pode renders a view by running the whole
 * file as one PowerShell double-quoted string (`return "<file>"`, with `$data` as its parameter):
 * backtick escapes are applied, `$(…)` sub-expressions are run and their output joined with
 * spaces, `$name` variables expand, everything else is text. Here the file is split the same
 * way, each sub-expression becomes one function translated by the emitter (its output statements
 * collected), and the view becomes a list of text pieces and compiled parts. Loaded only when a
 * `.pode` view is first rendered (src/views/pode.ts).
 */

import { Emitter } from '../emit/program.js';
import { camel, unwrap } from '../emit/syntax.js';
import { loadCatalogue } from '../index.js';
import { firstError, parsePowerShell, type SyntaxNode } from '../parser.js';
import { lineColumn } from '../positions.js';

/** One piece of a `.pode` file: text as it is, or a PowerShell sub-expression (or variable). */
export type ViewPiece =
  | { kind: 'text'; text: string }
  | { kind: 'code'; code: string; offset: number };

/** A part that could not be translated: where it is in the file and why. */
export interface ViewProblem {
  line: number;
  column: number;
  what: string;
}

/** A compiled view: its pieces, the JavaScript of its parts, and what could not be translated. */
export interface CompiledViewSource {
  pieces: ViewPiece[];
  /** A function body: takes `__modules` and returns the parts' functions, in order. */
  body: string;
  /** The modules the body reads from `__modules`. */
  modules: string[];
  problems: ViewProblem[];
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};

/**
 * Splits a `.pode` file as PowerShell reads a double-quoted string: backtick escapes, `$(…)`
 * sub-expressions, `${name}` and `$name` variables; `$` before anything else is text.
 */
export function splitPodeView(content: string): ViewPiece[] {
  const pieces: ViewPiece[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') pieces.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < content.length) {
    const c = content[i];
    if (c === '`' && i + 1 < content.length) {
      const next = content[i + 1];
      text += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    if (c === '$' && content[i + 1] === '(') {
      const end = closingParen(content, i + 2);
      if (end < 0) {
        text += content.slice(i);
        break;
      }
      flush();
      pieces.push({ kind: 'code', code: content.slice(i + 2, end), offset: i });
      i = end + 1;
      continue;
    }
    if (c === '$') {
      const variable = /^\$(\{[^}]+\}|(?:global:|script:|local:|env:)?[A-Za-z_][\w]*)/i.exec(
        content.slice(i, i + 200),
      );
      if (variable !== null) {
        flush();
        pieces.push({ kind: 'code', code: variable[0], offset: i });
        i += variable[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return pieces;
}

// The index of the `)` that closes code starting at `from`, skipping strings and comments; -1 if none.
function closingParen(content: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < content.length) {
    const c = content[i];
    if (c === '`') {
      i += 2;
      continue;
    }
    if (c === "'") {
      i++;
      while (i < content.length) {
        if (content[i] === "'" && content[i + 1] === "'") i += 2;
        else if (content[i] === "'") break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === '"') {
      i = closingQuote(content, i + 1) + 1;
      if (i === 0) return -1;
      continue;
    }
    if (c === '<' && content[i + 1] === '#') {
      const end = content.indexOf('#>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
      continue;
    }
    if (c === '#') {
      const end = content.indexOf('\n', i);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return -1;
}

// The index of the `"` that closes a double-quoted string starting at `from`; -1 if none.
function closingQuote(content: string, from: number): number {
  let i = from;
  while (i < content.length) {
    const c = content[i];
    if (c === '`') i += 2;
    else if (c === '"' && content[i + 1] === '"') i += 2;
    else if (c === '"') return i;
    else if (c === '$' && content[i + 1] === '(') {
      const end = closingParen(content, i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else i++;
  }
  return -1;
}

/** The name of the collecting variable each part's output statements are added to. */
const OUTPUT = '$PodeViewOutput';
const PART = 'Invoke-PodeViewPart';

/** Pipelines ending in one of these write to the console, not to the output. */
const CONSOLE = new Set([
  'out-null',
  'write-host',
  'out-host',
  'out-default',
  'write-verbose',
  'write-debug',
  'write-information',
  'write-warning',
]);

const NOT_OUTPUT = new Set([
  'assignment_expression',
  'flow_control_statement',
  'function_statement',
  'comment',
  'empty_statement',
  'param_block',
  'trap_statement',
  'class_statement',
  'enum_statement',
  'post_increment_expression',
  'post_decrement_expression',
  'pre_increment_expression',
  'pre_decrement_expression',
]);

const CONTROL = new Set([
  'if_statement',
  'foreach_statement',
  'for_statement',
  'while_statement',
  'do_statement',
  'switch_statement',
  'try_statement',
]);

/** Nodes whose statement lists belong to a value, not to the sub-expression's output. */
const VALUE_NODES = new Set([
  'script_block_expression',
  'sub_expression',
  'array_expression',
  'parenthesized_expression',
  'hash_literal_expression',
]);

/**
 * Compiles a `.pode` file: each sub-expression becomes a PowerShell function whose output
 * statements are added to a list, the functions are translated by the emitter into JavaScript.
 */
/** A view's PowerShell, parsed, emitted as a JavaScript program (no file can be included). */
export async function emitView(parsed: Awaited<ReturnType<typeof parsePowerShell>>) {
  const emitter = new Emitter(parsed.text, {
    catalogue: await loadCatalogue(),
    language: 'js',
    rootExpression: 'process.cwd()',
    include: (path) => ({ error: `${path}: files are not included into views` }),
  });
  return emitter.emitProgram(parsed.root);
}

export async function compilePodeView(content: string, file: string): Promise<CompiledViewSource> {
  const pieces = splitPodeView(content);
  const codes = pieces.filter((p): p is Extract<ViewPiece, { kind: 'code' }> => p.kind === 'code');
  if (codes.length === 0) return { pieces, body: 'return [];', modules: [], problems: [] };
  const problems: ViewProblem[] = [];
  const where = (offset: number) => lineColumn(content, offset);
  // First pass: find each part's output statements, to wrap them in $PodeViewOutput.Add((…)).
  const script = codes
    .map((part, k) => `function ${PART}${k}($data, ${OUTPUT}) {\n${part.code}\n}\n`)
    .join('');
  const first = await parsePowerShell(script);
  const edits: { at: number; insert: string }[] = [];
  for (const fn of first.root.descendantsOfType('function_statement')) {
    if (fn === null) continue;
    const list = fn.descendantsOfType('statement_list')[0];
    if (list !== undefined && list !== null) collectOutput(list, edits);
  }
  let rewritten = first.text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    rewritten = `${rewritten.slice(0, edit.at)}${edit.insert}${rewritten.slice(edit.at)}`;
  }
  const parsed = await parsePowerShell(rewritten);
  const starts = [...rewritten.matchAll(new RegExp(`function ${PART}(\\d+)`, 'g'))].map(
    (m) => m.index ?? 0,
  );
  const partAt = (offset: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1] <= offset) k++;
    return k;
  };
  const syntax = firstError(parsed.root);
  if (syntax !== undefined) {
    const at = where(codes[partAt(syntax.startIndex)].offset);
    problems.push({ ...at, what: 'a sub-expression that is not valid PowerShell' });
    return { pieces, body: 'return [];', modules: [], problems };
  }
  const result = await emitView(parsed);
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.kind !== 'todo') continue;
    const k = partAt(parsed.positions.toOriginal(diagnostic.offset));
    const at = where(codes[k].offset);
    problems.push({ ...at, what: diagnostic.message.replace(/^not translated: /, '') });
  }
  const modules: string[] = [];
  const body = result.code.replace(
    /^import \{ ([^}]*) \} from '([^']+)';$/gm,
    (_, names: string, module: string) => {
      modules.push(module);
      return `const { ${names.replace(/ as /g, ': ')} } = __modules[${JSON.stringify(module)}];`;
    },
  );
  const names = codes.map((_, k) => camel(`${PART}${k}`));
  void file;
  return { pieces, body: `${body}\nreturn [${names.join(', ')}];`, modules, problems };
}

/**
 * Adds the edits that wrap each output statement of `list` (and of the blocks of its if,
 * foreach, switch, … statements) in `before` … `after` (default `$PodeViewOutput.Add((` … `))`);
 * statements `skip` accepts are left as they are.
 */
export function collectOutput(
  list: SyntaxNode,
  edits: { at: number; insert: string }[],
  before = `${OUTPUT}.Add((`,
  after = '))',
  skip: (node: SyntaxNode) => boolean = () => false,
): void {
  for (const child of list.namedChildren) {
    if (child === null) continue;
    const node = unwrap(child);
    if (NOT_OUTPUT.has(node.type)) continue;
    if (CONTROL.has(node.type)) {
      for (const inner of innerLists(node)) collectOutput(inner, edits, before, after, skip);
      continue;
    }
    if (toConsole(node) || skip(child)) continue;
    edits.push({ at: child.startIndex, insert: before });
    edits.push({ at: child.endIndex, insert: after });
  }
}

function innerLists(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    for (const child of n.namedChildren) {
      if (child === null || VALUE_NODES.has(child.type)) continue;
      if (child.type === 'statement_list') found.push(child);
      else visit(child);
    }
  };
  visit(node);
  return found;
}

function toConsole(node: SyntaxNode): boolean {
  const commands =
    node.type === 'command' ? [node] : node.namedChildren.filter((c) => c?.type === 'command');
  const last = commands.at(-1);
  if (last === undefined || last === null) return false;
  const name = last.childForFieldName('command_name')?.text ?? last.namedChildren[0]?.text ?? '';
  return CONSOLE.has(name.toLowerCase());
}
