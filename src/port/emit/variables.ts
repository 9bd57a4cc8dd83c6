/**
 * Variables: automatic and scoped variables, $session:/$state: keys, assignment targets,
 * assignments and ++/--.
 */

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
    if (
      drive === 'script' ||
      drive === 'global' ||
      drive === 'using' ||
      drive === 'state' ||
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
  if (lower === 'matches') {
    cx.matchesVar = true;
    return { code: 'matches', type: 'any' };
  }
  const found = lookup(lower, scope);
  if (found !== undefined) return { code: found, type: lower === '_' ? 'any' : 'any' };
  const automatic = automaticVariables[lower];
  if (automatic !== undefined)
    return {
      code: automatic.js.replace('{root}', cx.options.rootExpression),
      type: automatic.type as ValueType,
    };
  if (lower === '_' || lower === 'psitem')
    throw new NotPorted(node, '$_ outside a pipeline block or catch');
  throw new NotPorted(node, `$${raw} (a variable the script does not set)`);
}

/** `$script:x` written in a function before any module-level assignment: declare it at module level. */
export function moduleVariable(name: string, scope: Scope): string {
  let module: Scope | undefined = scope;
  while (module?.parent !== undefined) module = module.parent;
  const js = camel(name);
  module?.vars.set(name.toLowerCase(), js);
  return js;
}

export function sessionKey(cx: EmitContext, node: SyntaxNode, name: string, scope: Scope): Expr {
  const key = sessionSpelling(cx, node, name);
  const event = eventName(cx, scope);
  if (event === 'getWebEvent()') {
    cx.imports.delete('getWebEvent');
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
  return emitExpression(cx, target, scope);
}

export function assignmentCode(cx: EmitContext, node: SyntaxNode, scope: Scope): string {
  const [targetNode, operatorNode] = all(node);
  const valueNode = node.childForFieldName('value') ?? all(node)[2];
  const operator = operatorNode.text;
  const target = assignTarget(cx, targetNode, scope);
  if (target.code.startsWith('process.env.') && operator === '=') {
    return `${target.code} = ${cx.helper('toPsString')}(${pipelineOrExpression(cx, valueNode, scope).code})`;
  }
  const value = pipelineOrExpression(cx, valueNode, scope);
  if (operator === '=') return `${target.code} = ${output(cx, value)}`;
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
  const target = assignTarget(cx, operand, scope);
  const plus = node.type.includes('increment');
  return `${target.code} = (${target.code} ?? 0) ${plus ? '+' : '-'} 1`;
}
