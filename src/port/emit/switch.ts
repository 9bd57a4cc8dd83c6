/**
 * PowerShell's `switch`, as a statement and as a value (`$x = switch (…) {…}`): value, -Wildcard
 * and -Regex clauses, script-block conditions, `default`, `break`/`continue`, and a subject that is
 * an array (one pass per item). Clauses that cannot both match become an if/else chain; others
 * become one `if` each, as PowerShell runs every matching clause.
 */

import type { SyntaxNode } from '../parser.js';
import type { EmitContext, Expr, Scope } from './context.js';
import { NotPorted } from './context.js';
import { emitExpression } from './expressions.js';
import { conditionOf } from './flow.js';
import { lookup } from './functions.js';
import { commentLines, emitStatement } from './statements.js';
import { all, findStatementList, isBareValue, named, quote, unwrap } from './syntax.js';

interface Clause {
  /** the condition, or undefined for `default` */
  condition: SyntaxNode | undefined;
  /** the clause body's children (statements and comments) */
  body: SyntaxNode[];
  /** its last statement is a plain `break` */
  endsWithBreak: boolean;
}

interface SwitchShape {
  mode: 'value' | 'wildcard' | 'regex';
  caseSensitive: boolean;
  subject: SyntaxNode;
  clauses: Clause[];
  defaultClause: Clause | undefined;
}

/** A switch statement. */
export function switchStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  return emitSwitch(cx, node, scope, undefined) ?? [];
}

/**
 * A switch whose value is assigned to `target`, when it runs on one value, at most one clause
 * runs and each clause writes one value: every clause assigns `target` directly. Undefined when
 * the switch needs the general form (its outputs collected in an array).
 */
export function switchAssignment(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  target: string,
): string[] | undefined {
  return emitSwitch(cx, node, scope, target);
}

function emitSwitch(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  target: string | undefined,
): string[] | undefined {
  const shape = switchShape(node);
  const oneValue = (clause: Clause) => {
    const statements = clause.body.filter((child) => child.type !== 'comment');
    const values = clause.endsWithBreak ? statements.slice(0, -1) : statements;
    return values.length === 1 && isBareValue(values[0]);
  };
  const clauses = [...shape.clauses, ...(shape.defaultClause ? [shape.defaultClause] : [])];
  if (target !== undefined && !(exclusive(shape) && clauses.every(oneValue))) return undefined;
  const subject = emitExpression(cx, shape.subject, scope);
  const scalar = isScalar(subject) || scalarVariable(shape.subject);
  if (target !== undefined && !scalar) return undefined;
  const depth = ++cx.switchDepth;
  const suffix = depth === 1 ? '' : String(depth);
  const label = `switchBlock${suffix}`;
  const lines: string[] = [];
  let source = subject.code;
  if (!isPath(subject.code) && (scalar || subject.type !== 'array')) {
    const name = `switchValue${suffix}`;
    lines.push(`const ${name} = ${subject.code};`);
    source = name;
  }
  const item: Expr = scalar
    ? { code: source, type: subject.type }
    : { code: itemName(scope, suffix), type: 'any' };
  const savedItem = [scope.vars.get('_'), scope.vars.get('psitem')] as const;
  const savedTarget = scope.switchTarget;
  const savedOutput = scope.output;
  scope.vars.set('_', item.code);
  scope.vars.set('psitem', item.code);
  scope.switchTarget = scalar
    ? { break: `break ${label};`, continue: `break ${label};` }
    : { break: 'break;', continue: 'continue;' };
  if (target !== undefined) scope.output = (value) => `${target} = ${value};`;
  try {
    const chain = exclusive(shape);
    let body = chain
      ? chainLines(cx, shape, scope, item, scalar)
      : everyMatchLines(cx, shape, scope, item);
    if (chain && target !== undefined && shape.defaultClause === undefined) {
      body = [...body.slice(0, -1), '} else {', `  ${target} = null;`, '}'];
    }
    if (!scalar) {
      const items =
        subject.type === 'array' ? source : `Array.isArray(${source}) ? ${source} : [${source}]`;
      return [...lines, ...block(`for (const ${item.code} of ${items})`, body)];
    }
    if (body.some((line) => line.trim() === `break ${label};`))
      return [...lines, ...block(`${label}:`, body)];
    if (!chain && shape.defaultClause !== undefined) return [...lines, ...block('', body)];
    return [...lines, ...body];
  } finally {
    cx.switchDepth--;
    restore(scope.vars, '_', savedItem[0]);
    restore(scope.vars, 'psitem', savedItem[1]);
    scope.switchTarget = savedTarget;
    scope.output = savedOutput;
  }
}

/** At most one clause can run: if/else if/else. */
function chainLines(
  cx: EmitContext,
  shape: SwitchShape,
  scope: Scope,
  item: Expr,
  scalar: boolean,
): string[] {
  const lines: string[] = [];
  for (const clause of shape.clauses) {
    const test = clauseTest(cx, shape, clause, scope, item);
    const body = clauseLines(cx, clause, scope, scalar);
    if (lines.length === 0) lines.push(...block(`if (${test})`, body));
    else lines.splice(lines.length - 1, 1, ...block(`} else if (${test})`, body));
  }
  if (shape.defaultClause !== undefined) {
    const body = clauseLines(cx, shape.defaultClause, scope, scalar);
    if (lines.length === 0) return body;
    lines.splice(lines.length - 1, 1, ...block('} else', body));
  }
  return lines;
}

/** Every matching clause runs; `default` when none did. */
function everyMatchLines(cx: EmitContext, shape: SwitchShape, scope: Scope, item: Expr): string[] {
  const flag = shape.defaultClause === undefined ? undefined : 'matched';
  const lines = flag === undefined ? [] : [`let ${flag} = false;`];
  for (const clause of shape.clauses) {
    const test = clauseTest(cx, shape, clause, scope, item);
    const body = clauseLines(cx, clause, scope, false);
    lines.push(...block(`if (${test})`, flag === undefined ? body : [`${flag} = true;`, ...body]));
  }
  if (shape.defaultClause !== undefined)
    lines.push(...block(`if (!${flag})`, clauseLines(cx, shape.defaultClause, scope, false)));
  return lines;
}

function clauseTest(
  cx: EmitContext,
  shape: SwitchShape,
  clause: Clause,
  scope: Scope,
  item: Expr,
): string {
  const condition = clause.condition;
  if (condition === undefined) throw new Error('default has no test');
  if (condition.type === 'script_block_expression') {
    const list = findStatementList(condition);
    const statements =
      list === undefined ? [] : named(list).filter((child) => child.type !== 'comment');
    if (statements.length !== 1)
      throw new NotPorted(condition, 'a switch condition that is not one expression');
    return conditionOf(cx, statements[0], scope);
  }
  const literal = literalText(condition);
  const value =
    literal !== undefined
      ? { code: /^[-+]?\d+(\.\d+)?$/.test(literal) ? literal : quote(literal) }
      : emitExpression(cx, condition, scope);
  const caseSensitive = shape.caseSensitive ? ', true' : '';
  if (shape.mode === 'regex') {
    cx.matchesVar = true;
    // switch -Regex matches the item as a string: the table overload of match()
    const text = item.type === 'string' ? item.code : `${item.code}${cx.ts(' as string')}`;
    return `(matches = ${cx.helper('match')}(${text}, ${value.code}${caseSensitive})) !== null`;
  }
  if (shape.mode === 'wildcard')
    return `${cx.helper('like')}(${item.code}, ${value.code}${caseSensitive})`;
  return `${cx.helper('eq')}(${item.code}, ${value.code}${caseSensitive})`;
}

/** A clause's statements; in a chain on one value its final `break` is the chain's end. */
function clauseLines(cx: EmitContext, clause: Clause, scope: Scope, dropBreak: boolean): string[] {
  const last = [...clause.body].reverse().find((child) => child.type !== 'comment');
  const lines: string[] = [];
  for (const child of clause.body) {
    if (child.type === 'comment') lines.push(...commentLines(child));
    else if (!(dropBreak && clause.endsWithBreak && child === last))
      lines.push(...emitStatement(cx, child, scope));
  }
  return lines;
}

function switchShape(node: SyntaxNode): SwitchShape {
  const parameters = named(node).find((child) => child.type === 'switch_parameters');
  const flags = (parameters?.text ?? '').toLowerCase();
  if (/-file|-parallel/.test(flags)) throw new NotPorted(node, 'switch -File');
  if (/-exact/.test(flags) && /-regex|-wildcard/.test(flags))
    throw new NotPorted(node, 'switch -Exact with -Regex or -Wildcard');
  const mode = /-regex/.test(flags) ? 'regex' : /-wildcard/.test(flags) ? 'wildcard' : 'value';
  const condition = named(node).find((child) => child.type === 'switch_condition');
  const body = named(node).find((child) => child.type === 'switch_body');
  const subject = condition && named(condition).find((child) => child.type !== 'comment');
  if (subject === undefined || body === undefined) throw new NotPorted(node, 'this switch');
  const clauses: Clause[] = [];
  let defaultClause: Clause | undefined;
  const clauseNodes = named(body)
    .flatMap((child) => (child.type === 'switch_clauses' ? named(child) : [child]))
    .filter((child) => child.type === 'switch_clause');
  for (const clauseNode of clauseNodes) {
    const conditionHolder =
      named(clauseNode).find((child) => child.type === 'switch_clause_condition') ??
      named(clauseNode)[0];
    const conditionNode =
      conditionHolder.namedChildCount === 1 ? unwrap(named(conditionHolder)[0]) : conditionHolder;
    const block = named(clauseNode).find((child) => child.type === 'statement_block');
    const list = block && named(block).find((child) => child.type === 'statement_list');
    const children =
      list === undefined
        ? (block?.namedChildren.filter((child) => child?.type === 'comment') ?? [])
        : all(list).filter((child) => child.type !== ';' && child.type !== 'empty_statement');
    const bodyNodes = children.filter((child): child is SyntaxNode => child !== null);
    const statements = bodyNodes.filter((child) => child.type !== 'comment');
    const last = statements[statements.length - 1];
    const clause: Clause = {
      condition: conditionNode,
      body: bodyNodes,
      endsWithBreak: last !== undefined && isPlainBreak(last),
    };
    if (conditionNode.text.toLowerCase() === 'default') {
      if (defaultClause !== undefined) throw new NotPorted(clauseNode, 'a second default clause');
      defaultClause = { ...clause, condition: undefined };
    } else clauses.push(clause);
  }
  return { mode, caseSensitive: /-casesensitive/.test(flags), subject, clauses, defaultClause };
}

/** At most one clause can match one item: each ends in `break`, or they are distinct literals. */
function exclusive(shape: SwitchShape): boolean {
  if (shape.clauses.length <= 1 || shape.clauses.every((clause) => clause.endsWithBreak))
    return true;
  if (shape.mode !== 'value' || shape.caseSensitive) return false;
  const keys = new Set<string>();
  for (const clause of shape.clauses) {
    const condition = clause.condition;
    if (condition === undefined) return false;
    const text = literalText(condition);
    if (text === undefined) return false;
    // '1' and '01' both equal the number 1: literals that read as numbers are compared as numbers
    const key = /^\s*[-+]?(\d|\.\d)/.test(text) ? `#${Number(text)}` : text.toLowerCase();
    if (keys.has(key)) return false;
    keys.add(key);
  }
  return true;
}

function isPlainBreak(statement: SyntaxNode): boolean {
  const node = unwrap(statement);
  return (
    node.type === 'flow_control_statement' &&
    named(node).filter((child) => child.type !== 'comment').length === 0 &&
    (all(node)[0]?.text ?? '').toLowerCase() === 'break'
  );
}

/**
 * The text of a clause condition written as a literal: a bareword, a number, a '…' string or a
 * "…" string with nothing to expand. Undefined for anything else (an expression).
 */
function literalText(node: SyntaxNode): string | undefined {
  if (node.namedChildCount > 0 && node.type === 'switch_clause_condition') return undefined;
  const text = node.text.trim();
  if (/^'([^']|'')*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^"[^"`$]*"$/.test(text)) return text.slice(1, -1);
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return text;
  if (/^[^\s$@('"{}[\]]+$/.test(text)) return text;
  return undefined;
}

/** PowerShell's switch runs once for a value that is not a collection. */
function isScalar(subject: Expr): boolean {
  if (['string', 'number', 'boolean', 'date', 'null', 'record'].includes(subject.type)) return true;
  // pode-ts types route parameters and query values as strings
  return /^e\.(query|parameters)(\.[A-Za-z_$][\w$]*|\['[^'\\]*'\])$/.test(subject.code);
}

/** Values that are never collections, by how they are written: casts, strings, numbers, $WebEvent.Query[…]. */
const SCALAR_SOURCES = [
  /^\[(int|int32|int64|long|string|double|decimal|single|bool|boolean|datetime|char|guid)\]/i,
  /^\$WebEvent\.(Query|Parameters)\[[^\]]+\]$/i,
  /^\$WebEvent\.(Method|Path|ContentType)$/i,
  /^'([^']|'')*'$/,
  /^"[^"]*"$/,
  /^-?\d+(\.\d+)?$/,
];

/**
 * `switch ($x)` where every assignment to `$x` in the enclosing script block is a scalar value
 * (and `$x` is not one of its parameters): it runs once, on that value.
 */
function scalarVariable(subject: SyntaxNode): boolean {
  const node = unwrap(subject);
  if (node.type !== 'variable' || node.text.includes(':')) return false;
  const name = node.text.toLowerCase();
  let body: SyntaxNode | null = node.parent;
  while (body !== null && body.type !== 'script_block' && body.type !== 'program')
    body = body.parent;
  if (body === null) return false;
  let assignments = 0;
  let scalar = true;
  const visit = (current: SyntaxNode) => {
    if (current.type === 'script_block_expression' || current.type === 'function_statement') return;
    if (current.type === 'param_block' && current.text.toLowerCase().includes(name)) scalar = false;
    if (current.type === 'assignment_expression') {
      const [left] = all(current);
      if (unwrap(left).text.toLowerCase() === name) {
        assignments++;
        const value = current.childForFieldName('value') ?? all(current)[2];
        if (value === undefined || !SCALAR_SOURCES.some((re) => re.test(value.text.trim())))
          scalar = false;
      }
    }
    for (const child of named(current)) visit(child);
  };
  visit(body);
  return scalar && assignments > 0;
}

function isPath(code: string): boolean {
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[(\d+|'[^'\\]*')\])*$/.test(code);
}

function itemName(scope: Scope, suffix: string): string {
  const taken = (name: string) => {
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent)
      if ([...s.vars.values()].includes(name)) return true;
    return lookup(name, scope) !== undefined;
  };
  return taken(`item${suffix}`) ? `switchItem${suffix}` : `item${suffix}`;
}

function restore(vars: Map<string, string>, key: string, value: string | undefined): void {
  if (value === undefined) vars.delete(key);
  else vars.set(key, value);
}

function block(head: string, body: string[]): string[] {
  const open = head === '' ? '{' : `${head} {`;
  return [open, ...body.map((line) => `  ${line}`), '}'];
}
