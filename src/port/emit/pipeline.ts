/**
 * PowerShell cmdlets and pipelines (Where-Object, ForEach-Object, Select-Object, …) through the
 * tables in tables/powershell.ts.
 */

import { splitPath } from '../features/script-paths.js';
import type { SyntaxNode } from '../parser.js';
import { type CmdletMapping, powershellCmdlets } from '../tables/powershell.js';
import { argumentExpression } from './builder.js';
import { bind, command, commandElements, commandName } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope, type ValueType } from './context.js';
import { emitExpression } from './expressions.js';
import { truthy } from './flow.js';
import { braced, statementList } from './statements.js';
import { all, camel, findStatementList, isBareValue, named, unwrap } from './syntax.js';
import { whereComparison } from './where.js';

export function fill(template: string, self: string | undefined, args: string[]): string {
  return template
    .replace('{this}', self ?? '')
    .replace('{args}', args.join(', '))
    .replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? 'undefined');
}

export function psCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: CmdletMapping,
  scope: Scope,
  input: Expr | undefined,
): Expr {
  if (name === 'Where-Object') {
    const comparison = whereComparison(cx, node, scope, input);
    if (comparison !== undefined) return comparison;
  }
  const values = bind(cx, node, name);
  if (name === 'Get-Date' && values.size === 0) return { code: 'new Date()', type: 'date' };
  if (name === 'Split-Path') return splitPath(cx, node, values, scope, input);
  if (
    name === 'Write-Host' ||
    name === 'Write-Output' ||
    name === 'Out-Default' ||
    name === 'Out-Host'
  ) {
    if (name === 'Write-Output' && scope.kind === 'function')
      throw new NotPorted(node, 'Write-Output in a function (return the value instead)');
    const items = commandElements(cx, node)
      .filter((element) => element.kind === 'argument')
      .map((element) => argumentExpression(cx, element.node, scope).code);
    if (input !== undefined) items.unshift(input.code);
    return { code: `${cx.helper('writeHost')}(${items.join(', ')})`, type: 'void' };
  }
  // A value piped into a cmdlet that takes no pipeline input would be lost: never silently.
  if (input !== undefined && mapping.input === undefined && mapping.block === undefined)
    throw new NotPorted(node, `${name} with pipeline input`);
  const helper = cx.helper(mapping.helper ?? '');
  const args: string[] = [];
  if (mapping.block !== undefined) {
    const block = values.get(mapping.block);
    if (input === undefined) throw new NotPorted(node, `${name} without pipeline input`);
    if (block === undefined || block.kind !== 'node')
      throw new NotPorted(node, `${name} without a script block`);
    const fn = itemFunction(cx, block.node, scope, name === 'Where-Object');
    return { code: `${helper}(${input.code}, ${fn})`, type: 'array' };
  }
  for (const param of mapping.args ?? []) {
    const value = values.get(param);
    if (param === mapping.input && input !== undefined) {
      args.push(input.code);
      continue;
    }
    if (value === undefined) {
      if (args.length === 0 && param === mapping.input)
        throw new NotPorted(node, `${name} without input`);
      continue;
    }
    args.push(
      value.kind === 'switch'
        ? String(value.value)
        : argumentExpression(cx, value.node, scope).code,
    );
  }
  const options: string[] = [];
  for (const [param, key] of Object.entries(mapping.options ?? {})) {
    const value = values.get(param);
    if (value === undefined) continue;
    if (param === mapping.input && input !== undefined) continue;
    options.push(
      `${key}: ${value.kind === 'switch' ? String(value.value) : argumentExpression(cx, value.node, scope).code}`,
    );
  }
  if (
    input !== undefined &&
    mapping.input !== undefined &&
    !(mapping.args ?? []).includes(mapping.input)
  ) {
    options.push(`${mapping.options?.[mapping.input] ?? camel(mapping.input)}: ${input.code}`);
  }
  for (const param of values.keys()) {
    if (
      !(mapping.args ?? []).includes(param) &&
      mapping.options?.[param] === undefined &&
      !(mapping.switches ?? []).includes(param) &&
      param !== mapping.input
    ) {
      throw new NotPorted(node, `${name} -${param}`);
    }
  }
  if (options.length > 0) args.push(`{ ${options.join(', ')} }`);
  const call = `${helper}(${args.join(', ')})`;
  return {
    code: mapping.await === true ? `await ${call}` : call,
    type: (mapping.result ?? 'any') as ValueType,
  };
}

/** Names for a pipeline block's `$_`, in order of preference. */
const ITEM_NAMES = ['item', 'each', 'entry', 'element', 'value'];

export function itemFunction(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  predicate: boolean,
): string {
  const block = unwrap(node);
  if (block.type !== 'script_block_expression')
    throw new NotPorted(node, 'a script block held in a variable');
  // `$_` gets a name no variable around it has (a route's `$item` must stay reachable)
  const taken = new Set<string>();
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent)
    for (const name of s.vars.values()) taken.add(name);
  const param = ITEM_NAMES.find((name) => !taken.has(name)) ?? `item${taken.size}`;
  const inner: Scope = {
    kind: 'block',
    event: null,
    vars: new Map([
      ['_', param],
      ['psitem', param],
    ]),
    parent: scope,
    hoisted: new Set(),
    isAsync: false,
  };
  const scriptBlock = named(block).find((child) => child.type === 'script_block');
  const list = scriptBlock === undefined ? undefined : findStatementList(scriptBlock);
  const statements =
    list === undefined
      ? []
      : all(list).filter(
          (c) => c.type !== ';' && c.type !== 'comment' && c.type !== 'empty_statement',
        );
  const annotation = cx.ts(': any');
  if (statements.length === 1 && isBareValue(statements[0])) {
    const value = emitExpression(cx, statements[0], inner);
    return `(${param}${annotation}) => ${predicate ? truthy(cx, value) : value.code}`;
  }
  throw new NotPorted(
    node,
    `a ${predicate ? 'Where-Object' : 'ForEach-Object'} block with statements`,
  );
}

/**
 * `… | ForEach-Object { several statements }` whose output is not used: a `for … of` loop over
 * the input, `$_` its item. Pode runs the block in the caller's scope (variables set in it are
 * seen after it), as the loop's body is; `await`s stay possible. Undefined when the block is a
 * single value (the `.map` of `forEachObject` is kept for that).
 */
export function forEachObjectStatement(
  cx: EmitContext,
  parts: SyntaxNode[],
  scope: Scope,
): string[] | undefined {
  const last = unwrap(parts[parts.length - 1]);
  if (parts.length < 2 || last.type !== 'command') return undefined;
  if (!/^(foreach-object|foreach|%)$/i.test(commandName(last))) return undefined;
  const values = bind(cx, last, 'ForEach-Object');
  const block = values.get('Process');
  if (values.size !== 1 || block?.kind !== 'node') return undefined;
  const expression = unwrap(block.node);
  if (expression.type !== 'script_block_expression') return undefined;
  const scriptBlock = named(expression).find((child) => child.type === 'script_block');
  const list = scriptBlock === undefined ? undefined : findStatementList(scriptBlock);
  const statements =
    list === undefined
      ? []
      : all(list).filter(
          (c) => c.type !== ';' && c.type !== 'comment' && c.type !== 'empty_statement',
        );
  if (statements.length === 1 && isBareValue(statements[0])) return undefined;
  // in a ForEach-Object block, `return` ends one item and `break`/`continue` leave the
  // enclosing loop (or script): no loop statement means the same
  if (/(^|[\s;{}])(return|break|continue)\b/i.test(expression.text))
    throw new NotPorted(last, 'return, break or continue in a ForEach-Object block');
  const input = pipeline(cx, parts.slice(0, -1), scope);
  const iterable = input.type === 'array' ? input.code : `${cx.helper('toArray')}(${input.code})`;
  const taken = new Set<string>();
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent)
    for (const name of s.vars.values()) taken.add(name);
  const item = ITEM_NAMES.find((name) => !taken.has(name)) ?? `item${taken.size}`;
  const saved = [scope.vars.get('_'), scope.vars.get('psitem')] as const;
  scope.vars.set('_', item).set('psitem', item);
  try {
    const body = list === undefined ? [] : statementList(cx, list, scope, 'block');
    return braced(`for (const ${item} of ${iterable})`, body);
  } finally {
    for (const [key, value] of [
      ['_', saved[0]],
      ['psitem', saved[1]],
    ] as const) {
      if (value === undefined) scope.vars.delete(key);
      else scope.vars.set(key, value);
    }
  }
}

export function pipeline(cx: EmitContext, parts: SyntaxNode[], scope: Scope): Expr {
  let value: Expr | undefined;
  for (const part of parts) {
    const node = unwrap(part);
    if (node.type === 'command' || node.type === 'command_name')
      value = command(cx, node, scope, value);
    else if (value === undefined) value = emitExpression(cx, node, scope);
    else throw new NotPorted(node, 'an expression after a pipe');
  }
  if (value === undefined) throw new NotPorted(parts[0], 'an empty pipeline');
  const last = unwrap(parts[parts.length - 1]);
  if (
    (last.type === 'command' || last.type === 'command_name') &&
    (value.type === 'array' || value.type === 'any')
  ) {
    const name = commandName(last).toLowerCase();
    if (Object.keys(powershellCmdlets).some((key) => key.toLowerCase() === name)) {
      return { ...value, pipeline: true };
    }
  }
  return value;
}

export function range(text: string): Expr {
  const [from, to] = text.split('..').map(Number);
  const count = Math.abs(to - from) + 1;
  if (count <= 20) {
    const items = Array.from({ length: count }, (_, i) => (from <= to ? from + i : from - i));
    return { code: `[${items.join(', ')}]`, type: 'array' };
  }
  return {
    code: `Array.from({ length: ${count} }, (_, i) => ${from} ${from <= to ? '+' : '-'} i)`,
    type: 'array',
  };
}
