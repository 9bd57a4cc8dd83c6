/**
 * A statement used as a value: `$x = switch (…) {…}`, `$x = if (…) {…}`, `$x = foreach (…) {…}`
 * and the loops and `try`. PowerShell assigns what the statement writes to its output: nothing
 * is $null, one value is that value, more are an array.
 */

import type { SyntaxNode } from '../parser.js';
import { type EmitContext, NotPorted, type Scope } from './context.js';
import { emitExpression } from './expressions.js';
import { declareLoopVariable, ifStatement } from './flow.js';
import { statementUnchecked } from './statements.js';
import { switchAssignment } from './switch.js';
import { all, isBareValue, named, unwrap } from './syntax.js';
import { assignTarget } from './variables.js';

const STATEMENTS = new Set([
  'switch_statement',
  'if_statement',
  'foreach_statement',
  'for_statement',
  'while_statement',
  'do_statement',
  'try_statement',
]);

/** The assigned value is a statement (not an expression). */
export function assignsStatement(node: SyntaxNode): boolean {
  const value = node.childForFieldName('value') ?? all(node)[2];
  return value !== undefined && STATEMENTS.has(unwrap(value).type);
}

/** `$x = <statement>`: its lines. */
export function statementAssignment(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const [targetNode, operatorNode] = all(node);
  const statement = unwrap(node.childForFieldName('value') ?? all(node)[2]);
  if (operatorNode.text !== '=')
    throw new NotPorted(
      node,
      `${operatorNode.text} with the value of a ${statementName(statement)}`,
    );
  const target = assignTarget(cx, targetNode, scope).code;
  if (statement.type === 'switch_statement') {
    const lines = switchAssignment(cx, statement, scope, target);
    if (lines !== undefined) return lines;
  }
  if (statement.type === 'if_statement' && everyBranchOneValue(statement)) {
    const lines = withOutput(
      scope,
      (value) => `${target} = ${value};`,
      () => ifStatement(cx, statement, scope),
    );
    const hasElse = named(statement).some((child) => child.type === 'else_clause');
    return hasElse ? lines : [...lines.slice(0, -1), '} else {', `  ${target} = null;`, '}'];
  }
  if (statement.type === 'foreach_statement') {
    const mapped = foreachMap(cx, statement, scope, target);
    if (mapped !== undefined) return mapped;
  }
  const items = itemsName(cx, target);
  const body = withOutput(
    scope,
    (value) => `${items}.push(${value});`,
    () => statementUnchecked(cx, statement, scope),
  );
  cx.usesOutput = true;
  return [
    `const ${items}${cx.ts(': unknown[]')} = [];`,
    ...body,
    `${target} = psOutput(${items});`,
  ];
}

/** `foreach ($x in $xs) { <one value> }` → `psOutput(xs.map((x) => value))`. */
function foreachMap(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  target: string,
): string[] | undefined {
  const kids = named(node);
  const variable = kids.find((child) => child.type === 'variable');
  const source = kids.find(
    (child, i) =>
      i > 0 &&
      child !== variable &&
      child.type !== 'statement_block' &&
      child.type !== 'comment' &&
      child.type !== 'foreach_parameter',
  );
  const block = kids.find((child) => child.type === 'statement_block');
  const statements = block === undefined ? [] : blockStatements(block);
  if (variable === undefined || source === undefined || statements.length !== 1) return undefined;
  if (!isBareValue(statements[0]) || block?.text.includes('#')) return undefined;
  const items = emitExpression(cx, source, scope);
  const name = declareLoopVariable(variable, scope);
  const value = emitExpression(cx, statements[0], scope);
  if (/\bawait\b/.test(value.code) || value.type === 'void') return undefined;
  const iterable = items.type === 'array' ? items.code : `${cx.helper('toArray')}(${items.code})`;
  const body = value.code.startsWith('{') ? `(${value.code})` : value.code;
  cx.usesOutput = true;
  return [`${target} = psOutput(${iterable}.map((${name}) => ${body}));`];
}

function everyBranchOneValue(node: SyntaxNode): boolean {
  const blocks: SyntaxNode[] = [];
  const visit = (parent: SyntaxNode) => {
    for (const child of named(parent)) {
      if (child.type === 'statement_block') blocks.push(child);
      else if (/^(elseif_clauses|elseif_clause|else_clause)$/.test(child.type)) visit(child);
    }
  };
  visit(node);
  return blocks.every((block) => {
    const statements = blockStatements(block);
    return statements.length === 1 && isBareValue(statements[0]);
  });
}

function blockStatements(block: SyntaxNode): SyntaxNode[] {
  const list = named(block).find((child) => child.type === 'statement_list');
  return list === undefined
    ? []
    : all(list).filter(
        (child) =>
          child.type !== ';' && child.type !== 'empty_statement' && child.type !== 'comment',
      );
}

function withOutput<T>(scope: Scope, output: (value: string) => string, run: () => T): T {
  const saved = scope.output;
  scope.output = output;
  try {
    return run();
  } finally {
    scope.output = saved;
  }
}

const usedNames = new WeakMap<EmitContext, Set<string>>();

/** The array that collects a statement's output: `<target>Items`, unique in the module. */
function itemsName(cx: EmitContext, target: string): string {
  const used = usedNames.get(cx) ?? new Set<string>();
  usedNames.set(cx, used);
  const base = /^[A-Za-z_$][\w$]*$/.test(target) ? `${target}Items` : 'outputItems';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

function statementName(node: SyntaxNode): string {
  return node.type.replace(/_statement$/, '');
}
