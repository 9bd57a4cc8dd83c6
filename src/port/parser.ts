/**
 * Parsing PowerShell: web-tree-sitter with tree-sitter-powershell's `.wasm`, both loaded on first
 * use (a server that never converts anything never loads them), and the repair pass that closes
 * the grammar's known gaps on real Pode code before the emitter sees the tree.
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Node as SyntaxNode, Tree, Parser as TreeSitterParser } from 'web-tree-sitter';
import { type Edit, PositionMap } from './positions.js';

export type { SyntaxNode };

/** A parsed script: the tree of the repaired text, and the map back to the original. */
export interface ParsedScript {
  /** The text the tree was parsed from (the original with the repairs applied). */
  text: string;
  tree: Tree;
  root: SyntaxNode;
  /** Maps an offset in `text` to an offset in the original source. */
  positions: PositionMap;
  /** What the repair pass changed, for tests and `--debug`. */
  repairs: string[];
  /** Operators the grammar lacks (`-cin`, `-inotin`, …), by their offset in `text`. */
  operators: Map<number, string>;
}

let parserPromise: Promise<TreeSitterParser> | undefined;

/** Loads web-tree-sitter and the PowerShell grammar once. */
export function loadParser(): Promise<TreeSitterParser> {
  parserPromise ??= (async () => {
    // The grammar's .wasm has huge lexer functions: V8's optimising tier spends tens of seconds
    // of CPU on them in the background (and the process waits for it at exit) for no gain on a
    // one-shot parse. The baseline compiler alone parses a 300-line script in milliseconds.
    setFlagsFromString('--liftoff-only');
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    // Only the .wasm is used: the package's native binding is never loaded.
    const grammarDir = require
      .resolve('tree-sitter-powershell/package.json')
      .replace(/package\.json$/, '');
    const language = await Language.load(`${grammarDir}tree-sitter-powershell.wasm`);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** The most repairs tried before a remaining error is reported as a syntax error. */
const MAX_REPAIRS = 200;

/**
 * Parses `source`, repairing the grammar's gaps one at a time: comment-only or empty script
 * blocks, bareword comma lists (`-Method Get, Post`), PowerShell 7's leading-pipe continuation,
 * one-line `switch` clauses and `param(…)` followed by a statement on the same line. Each repair
 * rewrites the text and re-parses; positions map back to the original.
 */
export async function parsePowerShell(source: string): Promise<ParsedScript> {
  const parser = await loadParser();
  let text = source;
  const positions = new PositionMap();
  const repairs: string[] = [];
  const operatorOrigins = new Map<number, string>();
  let tree = parse(parser, text);
  for (let attempt = 0; attempt < MAX_REPAIRS; attempt++) {
    // Parameter names with digits are misread without an error (`-Sha256` as `-Sha 256`): all of
    // them are encoded first, in one pass, whether or not the tree has an error.
    const digits = digitParameters(tree.rootNode, text);
    if (digits.length === 0 && !tree.rootNode.hasError) break;
    // Bareword lists are all quoted in one pass (right to left, so offsets stay valid).
    const lists = digits.length > 0 ? digits : barewordLists(tree.rootNode, text);
    const edits = lists.length > 0 ? lists : [findRepair(tree.rootNode, text)];
    if (edits[0] === undefined) break;
    for (const edit of edits) {
      if (edit === undefined) continue;
      repairs.push(edit.reason);
      if (edit.reason.startsWith('operator '))
        operatorOrigins.set(positions.toOriginal(edit.start), text.slice(edit.start, edit.end));
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      positions.push(edit);
    }
    // The old tree is left to the garbage collector: deleting it by hand corrupts web-tree-sitter's heap.
    tree = parse(parser, text);
  }
  const operators = new Map<number, string>();
  if (operatorOrigins.size > 0) {
    const visit = (node: SyntaxNode) => {
      if (node.type === 'comparison_operator') {
        const original = operatorOrigins.get(positions.toOriginal(node.startIndex));
        if (original !== undefined) operators.set(node.startIndex, original);
      }
      for (const child of node.namedChildren) if (child !== null) visit(child);
    };
    visit(tree.rootNode);
  }
  return { text, tree, root: tree.rootNode, positions, repairs, operators };
}

function parse(parser: TreeSitterParser, text: string): Tree {
  const tree = parser.parse(text);
  if (tree === null) throw new Error('The PowerShell parser returned no tree.');
  return tree;
}

/**
 * The grammar's parameter token has no digits: `-OAuth2` lexes as `-OAuth` and a `2>` redirection
 * missing its `>`, `-Sha256 x` silently as `-Sha` with the argument `256`. Each digit of such a
 * name is written as a backtick and a letter (`-OAuth\`c`), which the token takes;
 * `decodeParameterName` turns it back. Every such parameter, last first.
 */
function digitParameters(root: SyntaxNode, text: string): Edit[] {
  const edits: Edit[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'command_parameter') {
      const rest = /^[A-Za-z0-9_]*/.exec(text.slice(node.endIndex))?.[0] ?? '';
      if (/^[0-9]/.test(rest)) {
        const name = text.slice(node.startIndex, node.endIndex) + rest;
        edits.push({
          start: node.startIndex,
          end: node.endIndex + rest.length,
          text: name.replace(/[0-9]/g, (d) => `\`${DIGIT_LETTERS[Number(d)]}`),
          reason: `parameter ${name} at ${node.startIndex}`,
        });
      }
      return;
    }
    for (const child of node.children) if (child !== null) visit(child);
  };
  visit(root);
  return edits.reverse();
}

const DIGIT_LETTERS = 'abcdefghij';

/** A parameter's name as written (`OAuth2`), from its token in the repaired text (`-OAuth\`c`). */
export function decodeParameterName(token: string): string {
  return token.replace(/`([a-j])/g, (_, letter: string) => String(DIGIT_LETTERS.indexOf(letter)));
}

/** The first syntax error left in a tree: an ERROR node or a MISSING token. */
export function firstError(root: SyntaxNode): SyntaxNode | undefined {
  if (!root.hasError) return undefined;
  for (const child of root.children) {
    if (child === null) continue;
    if (child.isError || child.isMissing) return child;
    if (child.hasError) return firstError(child) ?? child;
  }
  return root.isError || root.isMissing ? root : undefined;
}

/** Finds one repair for the first problem in the tree, or undefined when none applies. */
function findRepair(root: SyntaxNode, text: string): Edit | undefined {
  const list = barewordList(root, text);
  if (list !== undefined) return list;
  const clauses = oneLineSwitch(root, text);
  if (clauses !== undefined) return clauses;
  const problems: SyntaxNode[] = [];
  collectProblems(root, problems);
  for (const node of problems) {
    const edit = repairFor(node, text);
    if (edit !== undefined) return edit;
  }
  return undefined;
}

function collectProblems(node: SyntaxNode, out: SyntaxNode[]): void {
  if (node.isError || node.isMissing) out.push(node);
  if (!node.hasError && !node.isMissing) return;
  for (const child of node.children) if (child !== null) collectProblems(child, out);
}

const BAREWORD_LIST = /^[A-Za-z_*][\w.*-]*(?:[ \t]*,[ \t]*[A-Za-z_*][\w.*-]*)+/;

function repairFor(node: SyntaxNode, text: string): Edit | undefined {
  // Empty or comment-only blocks: `{ }` / `{ # logic }` parse with a MISSING `;`; give it one.
  if (node.isMissing && node.type === ';') {
    const open = enclosingBrace(node);
    if (open !== undefined) {
      return { start: open, end: open, text: ';', reason: `empty block at ${open}` };
    }
  }
  // Leading-pipe continuation: a MISSING operand before a `|` that starts a line.
  if (node.isMissing) {
    const pipeAt = skipSpace(text, node.endIndex);
    if (text[pipeAt] === '|' && startsLine(text, pipeAt)) {
      const before = previousCodeEnd(text, pipeAt);
      if (before >= 0) {
        const gap = text
          .slice(before, pipeAt)
          .replace(/[^\s]/g, ' ')
          .replace(/[\r\n]/g, ' ');
        // Comments between the lines would swallow the pipe: keep them out of reach.
        if (!/#/.test(text.slice(before, pipeAt))) {
          return { start: before, end: pipeAt, text: gap, reason: `leading pipe at ${pipeAt}` };
        }
      }
    }
  }
  // A bareword before a comma and a value that is not a bareword (`Select-Object Name, @{…}`):
  // the grammar only takes all-bareword lists; quote the word.
  if (node.isMissing && node.type === ' ') {
    const word = /(?<=[\s,])[A-Za-z_*][\w.*-]*$/.exec(text.slice(0, node.startIndex));
    if (word !== null && /^[ \t]*,/.test(text.slice(node.startIndex))) {
      const start = word.index;
      return {
        start,
        end: node.startIndex,
        text: `'${word[0]}'`,
        reason: `bareword before a value list at ${start}`,
      };
    }
  }
  if (!node.isError) return undefined;
  // A statement keyword right after a closing brace (`}try {`): a new statement on its own line.
  const glued = gluedKeyword(node, text);
  if (glued !== undefined) return glued;
  // `-iin`, `-cin`, `-inotin`, `-cnotin`: operators the grammar lacks; parsed as -in/-notin and
  // remembered (ParsedScript.operators) so -cin stays case-sensitive.
  // (`-inotin` reaches here as the operator -in followed by an error `otin`.)
  let operatorStart = node.startIndex;
  while (operatorStart > 0 && /[a-z]/i.test(text[operatorStart - 1])) operatorStart--;
  const word = text.slice(operatorStart, node.endIndex);
  if (/^[ic](not)?in$/i.test(word) && text[operatorStart - 1] === '-') {
    return {
      start: operatorStart - 1,
      end: node.endIndex,
      text: /not/i.test(word) ? '-notin' : '-in',
      reason: `operator -${word} at ${operatorStart - 1}`,
    };
  }
  // Bareword comma list after a parameter: `-Method Get, Post` → `-Method 'Get','Post'`.
  const previous = node.previousSibling;
  if (previous !== null && previous.type === 'generic_token') {
    const match = BAREWORD_LIST.exec(text.slice(previous.startIndex));
    if (match !== null) {
      const quoted = match[0]
        .split(',')
        .map((word) => `'${word.trim()}'`)
        .join(', ');
      return {
        start: previous.startIndex,
        end: previous.startIndex + match[0].length,
        text: quoted.padEnd(match[0].length, ' '),
        reason: `bareword list at ${previous.startIndex}`,
      };
    }
  }
  // A first bareword list item the grammar did not take as a generic token.
  const ownMatch = /^\s*,/.test(text.slice(node.startIndex))
    ? BAREWORD_LIST.exec(text.slice(wordStart(text, node.startIndex)))
    : null;
  if (ownMatch !== null) {
    const start = wordStart(text, node.startIndex);
    const quoted = ownMatch[0]
      .split(',')
      .map((word) => `'${word.trim()}'`)
      .join(', ');
    return {
      start,
      end: start + ownMatch[0].length,
      text: quoted,
      reason: `bareword list at ${start}`,
    };
  }
  // One-line switch clauses and `param(…) statement` on one line: a newline after the block.
  for (const child of node.namedChildren) {
    if (child === null) continue;
    if (child.type === 'statement_block' || child.type === 'param_block') {
      const at = child.endIndex;
      if (!/^[ \t]*(\r?\n|$)/.test(text.slice(at))) {
        return { start: at, end: at, text: '\n', reason: `newline after ${child.type} at ${at}` };
      }
    }
  }
  return undefined;
}

const GLUED_KEYWORD = /\}(?=(?:try|if|foreach|for|while|do|switch|function|filter|trap)\b)/gi;

/** `}try {` inside an error node: a newline after the brace (outside strings and comments). */
function gluedKeyword(node: SyntaxNode, text: string): Edit | undefined {
  // the error may hold the brace or only the keyword after it
  const from = Math.max(0, node.startIndex - 1);
  const span = text.slice(from, node.endIndex + 12);
  for (const match of span.matchAll(GLUED_KEYWORD)) {
    if ((match.index ?? 0) >= node.endIndex - from) break;
    const at = from + (match.index ?? 0) + 1;
    const inside = node.descendantForIndex(at - 1);
    if (inside !== null && /string|comment/.test(inside.type)) continue;
    return { start: at, end: at, text: '\n', reason: `newline after a brace at ${at}` };
  }
  return undefined;
}

/** The offset just after the `{` of the block holding `node`. */
function enclosingBrace(node: SyntaxNode): number | undefined {
  for (let parent = node.parent; parent !== null; parent = parent.parent) {
    const first = parent.child(0);
    if (first !== null && (first.type === '{' || first.type === '@{')) return first.endIndex;
  }
  return undefined;
}

const PARAMETER_LIST =
  /(?<=[ \t]-[A-Za-z]\w*[ \t]+)[A-Za-z_*][\w.*-]*(?:[ \t]*,[ \t]*[A-Za-z_*][\w.*-]*)+(?=[ \t]*(?:$|[|;)}]|[ \t]-[A-Za-z]))/gm;

/** Every bareword list, last first. */
function barewordLists(root: SyntaxNode, text: string): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(PARAMETER_LIST)) {
    const edit = barewordList(root, text, match.index ?? 0);
    if (edit !== undefined && edit.start === (match.index ?? 0)) edits.push(edit);
  }
  return edits.reverse();
}

/** `-Property Name, Salary` anywhere in code (not in strings or comments): quote the words. */
function barewordList(root: SyntaxNode, text: string, from = 0): Edit | undefined {
  PARAMETER_LIST.lastIndex = 0;
  for (const match of text.matchAll(PARAMETER_LIST)) {
    if ((match.index ?? 0) < from) continue;
    const at = match.index ?? 0;
    const inside = root.descendantForIndex(at);
    if (inside !== null && /string|comment/.test(inside.type)) continue;
    const quoted = match[0]
      .split(',')
      .map((word) => `'${word.trim()}'`)
      .join(', ');
    return { start: at, end: at + match[0].length, text: quoted, reason: `bareword list at ${at}` };
  }
  return undefined;
}

/** One-line switch clauses: a newline after each clause block of a switch body with an error. */
function oneLineSwitch(root: SyntaxNode, text: string): Edit | undefined {
  const body = findSwitchBodyWithError(root);
  if (body === undefined) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = body.startIndex; i < body.endIndex; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 1 && !/^[ \t]*(\r?\n|}|#|$)/.test(text.slice(i + 1))) {
        return { start: i + 1, end: i + 1, text: '\n', reason: `switch clause at ${i + 1}` };
      }
    }
  }
  return undefined;
}

function findSwitchBodyWithError(node: SyntaxNode): SyntaxNode | undefined {
  if (!node.hasError) return undefined;
  if (node.type === 'switch_body' || node.type === 'switch_statement') {
    const body =
      node.type === 'switch_body'
        ? node
        : node.namedChildren.find((c) => c?.type === 'switch_body');
    if (body !== undefined && body !== null) return body;
  }
  for (const child of node.children) {
    if (child === null) continue;
    const found = findSwitchBodyWithError(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    if (text[i] === '\n') return true;
    if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return false;
  }
  return false;
}

function previousCodeEnd(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i < 0 ? -1 : i + 1;
}

function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  while (i > 0 && /[\w.*-]/.test(text[i - 1])) i--;
  return i;
}
