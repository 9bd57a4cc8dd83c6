/**
 * Variables: automatic and scoped variables, $session: keys ($state: in features/background.ts),
 * assignment targets,
 * assignments and ++/--.
 */

import {
  backgroundVariable,
  stateAssignment,
  stateRead,
  stateVariableAssignment,
} from '../features/background.js';
import { podeContextTodo } from '../features/endpoints.js';
import { scopedAssignment, scopedRead } from '../features/secrets-cache.js';
import type { SyntaxNode } from '../parser.js';
import { automaticVariables } from '../tables/powershell.js';
import { eventName } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope, type ValueType } from './context.js';
import { emitExpression, output, pipelineOrExpression } from './expressions.js';
import { lookup } from './functions.js';
import { toNumber } from './operators.js';
import { all, camel, member, named, unwrap } from './syntax.js';

export function variableExpression(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  let raw = node.text.replace(/^\$/, '');
  if (raw.startsWith('{') && raw.endsWith('}')) raw = raw.slice(1, -1);
  if (raw.startsWith('@')) throw new NotPorted(node, 'splatting');
  const colon = raw.indexOf(':');
  if (colon > 0) {
    const drive = raw.slice(0, colon).toLowerCase();
    const name = raw.slice(colon + 1);
    if (drive === 'env') return { code: member('process.env', name), type: 'any' };
    if (drive === 'session') return sessionKey(cx, node, name, scope);
    if (drive === 'state') return stateRead(cx, node, name, scope);
    const scoped = scopedRead(cx, node, drive, name, scope);
    if (scoped !== undefined) return scoped;
    if (
      drive === 'script' ||
      drive === 'global' ||
      drive === 'using' ||
      drive === 'local' ||
      drive === 'private'
    ) {
      const found = lookup(name.toLowerCase(), scope);
      if (found !== undefined) return { code: found, type: 'any' };
      if (drive === 'using' || drive === 'local' || drive === 'private')
        throw new NotPorted(node, `$${raw}: no such variable in the script`);
      return { code: moduleVariable(name, scope), type: 'any' };
    }
    throw new NotPorted(node, `$${raw}`);
  }
  const lower = raw.toLowerCase();
  if (lower === 'webevent') return { code: eventName(cx, scope), type: 'any' };
  if (lower === 'session' && lookup(lower, scope) === undefined && inHandler(scope)) {
    // Pode before 1.0 handed route and middleware script blocks the request as `$session`
    cx.note(node, '$session read as $WebEvent: the name Pode 0.x gave the current request');
    return { code: eventName(cx, scope), type: 'any' };
  }
  if (lower === 'matches') {
    cx.matchesVar = true;
    return { code: 'matches', type: 'any' };
  }
  const found = lookup(lower, scope);
  if (found !== undefined) return { code: found, type: knownType(lower, scope) };
  const automatic = automaticVariables[lower];
  if (automatic !== undefined)
    return {
      code: automatic.js
        .replace('{root}', cx.options.rootExpression)
        .replace('{script}', cx.options.scriptExpression ?? 'import.meta.filename'),
      type: automatic.type as ValueType,
    };
  if (lower === '_' || lower === 'psitem')
    throw new NotPorted(node, '$_ outside a pipeline block or catch');
  if (lower === 'podecontext') throw new NotPorted(node, podeContextTodo);
  const background = backgroundVariable(cx, lower);
  if (background !== undefined) return background;
  throw new NotPorted(node, `$${raw} (a variable the script does not set)`);
}

/** `$script:x` written in a function before any module-level assignment: declare it at module level. */
export function moduleVariable(name: string, scope: Scope): string {
  let module: Scope | undefined = scope;
  while (module?.parent !== undefined) module = module.parent;
  const js = camel(name);
  module?.vars.set(name.toLowerCase(), js);
  module?.hoisted.add(js);
  return js;
}

export function sessionKey(cx: EmitContext, node: SyntaxNode, name: string, scope: Scope): Expr {
  const key = sessionSpelling(cx, node, name);
  const imported = cx.imports.has('getWebEvent');
  const event = eventName(cx, scope);
  if (event === 'getWebEvent()') {
    if (!imported) cx.imports.delete('getWebEvent');
    cx.imports.add('sessionScope');
    return { code: member('sessionScope', key), type: 'any' };
  }
  return { code: member(`${event}.session.data`, key), type: 'any' };
}

export function sessionSpelling(cx: EmitContext, node: SyntaxNode, name: string): string {
  const lower = name.toLowerCase();
  const first = cx.sessionKeys.get(lower);
  if (first === undefined) {
    const spelling = camel(name);
    cx.sessionKeys.set(lower, spelling);
    cx.sessionRaw.set(lower, name);
    return spelling;
  }
  const firstRaw = cx.sessionRaw.get(lower);
  if (firstRaw !== name && !cx.reportedSessionCase.has(`${lower}:${name}`)) {
    cx.reportedSessionCase.add(`${lower}:${name}`);
    cx.note(
      node,
      `session key ${name} is also spelled ${firstRaw}: the first spelling wins (${first}); keys are case-sensitive in pode-ts`,
    );
  }
  return first;
}

export function inValidator(scope: Scope): boolean {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.validator === true) return true;
    if (s.kind === 'function') return false;
  }
  return false;
}

export function assignTarget(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const target = unwrap(node);
  if (target.type === 'variable') {
    const raw = target.text.replace(/^\$/, '');
    const colon = raw.indexOf(':');
    if (colon < 0) {
      const found = lookup(raw.toLowerCase(), scope);
      if (found !== undefined) return { code: found, type: 'any' };
      const name = camel(raw);
      scope.vars.set(raw.toLowerCase(), name);
      scope.hoisted.add(name);
      return { code: name, type: 'any' };
    }
  }
  // `$h.Keys = …` / `$h.Values += …` write the key (a hashtable's own Keys and Values are
  // read-only): never `Object.keys(h) = …`
  const [objectNode, , memberNode] = all(target);
  if (
    target.type === 'member_access' &&
    objectNode !== undefined &&
    /^(keys|values)$/i.test(memberNode?.text ?? '')
  )
    return {
      code: member(emitExpression(cx, objectNode, scope).code, memberNode.text),
      type: 'any',
    };
  return emitExpression(cx, target, scope);
}

export function assignmentCode(cx: EmitContext, node: SyntaxNode, scope: Scope): string {
  const [targetNode, operatorNode] = all(node);
  const valueNode = node.childForFieldName('value') ?? all(node)[2];
  const operator = operatorNode.text;
  const scoped = scopedAssignment(cx, targetNode, scope, (target) =>
    assignmentTo(cx, node, targetNode, { code: target, type: 'any' }, operator, valueNode, scope),
  );
  if (scoped !== undefined) return scoped;
  const state = stateAssignment(cx, targetNode, scope, (target) =>
    assignmentTo(cx, node, targetNode, { code: target, type: 'any' }, operator, valueNode, scope),
  );
  if (state !== undefined) return state;
  const target = assignTarget(cx, targetNode, scope);
  const code = assignmentTo(cx, node, targetNode, target, operator, valueNode, scope);
  return stateVariableAssignment(cx, targetNode, valueNode, target.code, code, scope);
}

function assignmentTo(
  cx: EmitContext,
  node: SyntaxNode,
  targetNode: SyntaxNode,
  target: Expr,
  operator: string,
  valueNode: SyntaxNode,
  scope: Scope,
): string {
  if (target.code.startsWith('process.env.') && operator === '=') {
    return `${target.code} = ${cx.helper('toPsString')}(${pipelineOrExpression(cx, valueNode, scope).code})`;
  }
  const value = pipelineOrExpression(cx, valueNode, scope);
  if (operator === '=') {
    recordType(cx, targetNode, value, scope);
    const declare = declaresHere(cx, node, targetNode, target.code, value, scope) ? 'const ' : '';
    return `${declare}${target.code} = ${output(cx, value)}`;
  }
  const helper = { '+=': 'add', '-=': '', '*=': 'multiply', '/=': 'divide', '%=': 'mod' }[operator];
  if (helper === undefined) throw new NotPorted(node, operator);
  if (
    value.type === 'number' &&
    operator === '+=' &&
    /\.session\.data|sessionScope/.test(target.code)
  ) {
    return `${target.code} = (${target.code} ?? 0) + ${value.code}`;
  }
  if (helper === '') return `${target.code} = ${toNumber(cx, target)} - ${toNumber(cx, value)}`;
  return `${target.code} = ${cx.helper(helper)}(${target.code}, ${value.code})`;
}

export function increment(cx: EmitContext, node: SyntaxNode, scope: Scope): string {
  const operand = named(node)[0];
  const plus = node.type.includes('increment');
  const scoped = scopedAssignment(
    cx,
    operand,
    scope,
    (target) => `${target} = (${target} ?? 0) ${plus ? '+' : '-'} 1`,
  );
  if (scoped !== undefined) return scoped;
  const state = stateAssignment(
    cx,
    operand,
    scope,
    (target) => `${target} = (${target} ?? 0) ${plus ? '+' : '-'} 1`,
  );
  if (state !== undefined) return state;
  const target = assignTarget(cx, operand, scope);
  return `${target.code} = (${target.code} ?? 0) ${plus ? '+' : '-'} 1`;
}

/** Value types a variable keeps when the script assigns it once (see {@link knownType}). */
const KEPT_TYPES = new Set<ValueType>([
  'string',
  'number',
  'boolean',
  'date',
  'array',
  'object',
  'cookie',
]);

/** The lower-case name a variable node assigns (`$x`, `${x}`, `$script:x` → 'x'), or undefined. */
function assignedName(node: SyntaxNode): string | undefined {
  const target = unwrap(node);
  if (target.type !== 'variable' && target.type !== 'braced_variable') return undefined;
  const raw = target.text.replace(/^\$\{?|\}$/g, '');
  return raw.slice(raw.indexOf(':') + 1).toLowerCase();
}

/**
 * Counts every assignment of every variable in a tree (`=`, `+=`…, `++`/`--`, foreach and for
 * variables, parameters), whatever its scope: a variable assigned once keeps the type of that
 * value, which the operators need (an array on the left of `-match` filters it).
 */
export function countAssignments(counts: Map<string, number>, root: SyntaxNode): void {
  const bump = (name: string | undefined) => {
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const visit = (node: SyntaxNode) => {
    switch (node.type) {
      case 'assignment_expression':
        bump(assignedName(named(node)[0]));
        break;
      case 'pre_increment_expression':
      case 'pre_decrement_expression':
      case 'post_increment_expression':
      case 'post_decrement_expression':
        bump(assignedName(named(node)[0]));
        break;
      case 'foreach_statement':
        bump(assignedName(named(node).find((child) => child.type === 'variable') ?? node));
        break;
      case 'script_parameter':
      case 'parameter_list':
        for (const child of named(node)) if (child.type === 'variable') bump(assignedName(child));
        break;
    }
    for (const child of named(node)) visit(child);
  };
  visit(root);
}

/**
 * The type of a variable where the emitter can be sure of it: the script assigns it exactly
 * once, that assignment has been emitted, and its value had a kept type. Anything else is 'any'.
 */
export function knownType(lower: string, scope: Scope): ValueType {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.vars.has(lower)) return s.known?.get(lower) ?? 'any';
    const known = s.known?.get(lower);
    if (known !== undefined) return known;
  }
  return 'any';
}

/** Remembers the type of a variable's only assignment on the scope that declares it. */
function recordType(cx: EmitContext, targetNode: SyntaxNode, value: Expr, scope: Scope): void {
  const target = unwrap(targetNode);
  if (target.type !== 'variable' || target.text.includes(':')) return;
  const lower = assignedName(target);
  if (lower === undefined) return;
  if (value.pipeline === true || !KEPT_TYPES.has(value.type)) return;
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.vars.has(lower)) {
      if (!assignedOnce(cx, lower, s)) return;
      s.known ??= new Map();
      s.known.set(lower, value.type);
      return;
    }
  }
}

/** Value types TypeScript infers exactly from the emitted code: `const x = …` needs no annotation. */
const DECLARED_TYPES = new Set<ValueType>([
  'string',
  'number',
  'boolean',
  'date',
  'array',
  'cookie',
]);

/**
 * Whether `$x = value` can be `const x = value`: the script assigns `$x` once, here, as a
 * statement of the function's own body (not inside a block), nothing reads it before, the value's
 * type is exact, and an array is never written into by index or member.
 */
function declaresHere(
  cx: EmitContext,
  node: SyntaxNode,
  targetNode: SyntaxNode,
  name: string,
  value: Expr,
  scope: Scope,
): boolean {
  const target = unwrap(targetNode);
  const lower = assignedName(target);
  if (lower === undefined || target.text.includes(':') || !assignedOnce(cx, lower, scope))
    return false;
  if (!scope.hoisted.has(name) || value.pipeline === true || !DECLARED_TYPES.has(value.type))
    return false;
  const list = scope.topList;
  const statement = node.parent;
  if (list === undefined || statement?.type !== 'pipeline') return false;
  const parent = statement.parent;
  if (parent === null || parent.startIndex !== list.startIndex || parent.endIndex !== list.endIndex)
    return false;
  if (readBefore(list, lower, target.startIndex)) return false;
  if (value.type === 'array') {
    const raw = target.text.replace(/^\$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`\\$${raw}\\s*(\\[[^\\]]*\\]|\\.\\w+)\\s*[-+*/%]?=[^=]`, 'i').test(cx.text))
      return false;
  }
  scope.inline ??= new Set();
  scope.inline.add(name);
  return true;
}

/** Whether a variable of that lower-case name appears in `list` before `offset`. */
function readBefore(list: SyntaxNode, lower: string, offset: number): boolean {
  let found = false;
  const visit = (node: SyntaxNode) => {
    if (found || node.startIndex >= offset) return;
    if (
      (node.type === 'variable' || node.type === 'braced_variable') &&
      assignedName(node) === lower
    )
      found = true;
    for (const child of named(node)) visit(child);
  };
  visit(list);
  return found;
}

/**
 * Whether the variable `lower`, declared by `scope`, is assigned exactly once: once in the whole
 * script, or, for a local of a route handler or function (which no other handler can write),
 * once in that handler's or function's body, nested blocks included.
 */
function assignedOnce(cx: EmitContext, lower: string, scope: Scope): boolean {
  if (cx.assignments.get(lower) === 1) return true;
  if ((scope.kind !== 'handler' && scope.kind !== 'function') || scope.topList === undefined)
    return false;
  if (!scope.hoisted.has(scope.vars.get(lower) ?? '')) return false;
  let counts = localCounts.get(scope.topList);
  if (counts === undefined) {
    counts = new Map();
    countAssignments(counts, scope.topList);
    localCounts.set(scope.topList, counts);
  }
  return counts.get(lower) === 1;
}

const localCounts = new WeakMap<SyntaxNode, Map<string, number>>();

/** Inside a script block (a route, a middleware, a block held in a variable), not at set-up. */
export function inHandler(scope: Scope): boolean {
  return scope.kind !== 'setup' && scope.kind !== 'module';
}
