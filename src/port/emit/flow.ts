/**
 * Control flow: if/elseif/else, PowerShell truthiness, foreach/for/while/do, switch,
 * try/catch/finally, break/continue/return/throw.
 */

import type { SyntaxNode } from '../parser.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { emitExpression, hashtable, output } from './expressions.js';
import { blockBody, braced } from './statements.js';
import { all, camel, named, unwrap } from './syntax.js';
import { assignmentCode, increment, inValidator } from './variables.js';

export function ifStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const condition = node.childForFieldName('condition');
  if (condition === null) throw new NotPorted(node, 'if without a condition');
  const blocks = named(node).filter((child) => child.type === 'statement_block');
  const lines = braced(
    `if (${conditionOf(cx, condition, scope)})`,
    blockBody(cx, blocks[0] ?? null, scope),
  );
  for (const clause of named(node)) {
    if (clause.type === 'elseif_clauses' || clause.type === 'elseif_clause') {
      const clauses =
        clause.type === 'elseif_clause'
          ? [clause]
          : named(clause).filter((c) => c.type === 'elseif_clause');
      for (const elseIf of clauses) {
        const elseCondition = elseIf.childForFieldName('condition');
        if (elseCondition === null) throw new NotPorted(elseIf, 'elseif without a condition');
        const block = named(elseIf).find((c) => c.type === 'statement_block') ?? null;
        lines[lines.length - 1] = `} else if (${conditionOf(cx, elseCondition, scope)}) {`;
        lines.push(...blockBody(cx, block, scope).map((line) => `  ${line}`), '}');
      }
    }
    if (clause.type === 'else_clause') {
      const block = named(clause).find((c) => c.type === 'statement_block') ?? null;
      lines[lines.length - 1] = '} else {';
      lines.push(...blockBody(cx, block, scope).map((line) => `  ${line}`), '}');
    }
  }
  return lines;
}

export function conditionOf(cx: EmitContext, raw: SyntaxNode, scope: Scope): string {
  const node =
    raw.type.endsWith('_condition') && named(raw).length > 0
      ? named(raw).filter((c) => c.type !== 'comment')[0]
      : raw;
  const expression = emitExpression(cx, node, scope);
  return truthy(cx, expression);
}

export function truthy(cx: EmitContext, expression: Expr): string {
  if (
    expression.type === 'boolean' ||
    expression.type === 'string' ||
    expression.type === 'number' ||
    expression.type === 'null' ||
    expression.type === 'date'
  ) {
    return expression.code;
  }
  return `${cx.helper('truthy')}(${expression.code})`;
}

export function foreach(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const variable = named(node).find((child) => child.type === 'variable');
  const kids = named(node);
  const source = kids.find(
    (child, i) =>
      i > 0 &&
      child !== variable &&
      child.type !== 'statement_block' &&
      child.type !== 'comment' &&
      child.type !== 'foreach_parameter',
  );
  const block = kids.find((child) => child.type === 'statement_block') ?? null;
  if (variable === undefined || source === undefined) throw new NotPorted(node, 'this foreach');
  const name = declareLoopVariable(variable, scope);
  const items = emitExpression(cx, source, scope);
  const iterable = items.type === 'array' ? items.code : `${cx.helper('toArray')}(${items.code})`;
  return braced(`for (const ${name} of ${iterable})`, loopBody(cx, block, scope));
}

export function declareLoopVariable(variable: SyntaxNode, scope: Scope): string {
  const psName = variable.text.replace(/^\$/, '').toLowerCase();
  const name = uniqueName(camel(variable.text.replace(/^\$/, '')), scope);
  scope.vars.set(psName, name);
  return name;
}

export function uniqueName(name: string, _scope: Scope): string {
  return name;
}

export function forStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const init = node.childForFieldName('for_initializer');
  const condition = node.childForFieldName('for_condition');
  const iterator = node.childForFieldName('for_iterator');
  const block = named(node).find((child) => child.type === 'statement_block') ?? null;
  let initCode = '';
  if (init !== null) {
    const assignment = unwrap(named(init)[0] ?? init);
    if (assignment.type !== 'assignment_expression')
      throw new NotPorted(init, 'this for initializer');
    const target = unwrap(named(assignment)[0]);
    const name = declareLoopVariable(target, scope);
    const value = emitExpression(
      cx,
      assignment.childForFieldName('value') ?? named(assignment)[2],
      scope,
    );
    initCode = `let ${name} = ${value.code}`;
  }
  const conditionCode =
    condition === null ? '' : conditionOf(cx, named(condition)[0] ?? condition, scope);
  let iteratorCode = '';
  if (iterator !== null) {
    const step = unwrap(named(iterator)[0] ?? iterator);
    iteratorCode = step.type.includes('crement')
      ? increment(cx, step, scope)
      : assignmentCode(cx, step, scope);
  }
  return braced(`for (${initCode}; ${conditionCode}; ${iteratorCode})`, loopBody(cx, block, scope));
}

export function whileStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const condition = node.childForFieldName('condition');
  if (condition === null) throw new NotPorted(node, 'while without a condition');
  const block = named(node).find((child) => child.type === 'statement_block') ?? null;
  return braced(`while (${conditionOf(cx, condition, scope)})`, loopBody(cx, block, scope));
}

export function doStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const condition = node.childForFieldName('condition');
  if (condition === null) throw new NotPorted(node, 'do without a condition');
  const block = named(node).find((child) => child.type === 'statement_block') ?? null;
  const until = all(node).some((child) => child.type.toLowerCase() === 'until');
  const test = conditionOf(cx, condition, scope);
  return [
    ...braced('do', loopBody(cx, block, scope)).slice(0, -1),
    `} while (${until ? `!(${test})` : test});`,
  ];
}

export function tryStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const block = named(node).find((child) => child.type === 'statement_block') ?? null;
  const lines = braced('try', blockBody(cx, block, scope));
  const catches = named(node)
    .flatMap((child) => (child.type === 'catch_clauses' ? named(child) : [child]))
    .filter((child) => child.type === 'catch_clause');
  if (catches.length > 1) throw new NotPorted(node, 'several typed catch clauses');
  for (const clause of catches) {
    if (
      named(clause).some(
        (child) => child.type === 'catch_type_list' || child.type === 'type_literal',
      )
    ) {
      cx.note(clause, 'a typed catch catches every error in JavaScript');
    }
    const catchBlock = named(clause).find((child) => child.type === 'statement_block') ?? null;
    scope.known ??= new Map();
    for (const name of ['_', 'psitem']) {
      scope.vars.set(name, 'error');
      scope.known.set(name, 'error');
    }
    const body = blockBody(cx, catchBlock, scope);
    for (const name of ['_', 'psitem']) {
      scope.vars.delete(name);
      scope.known.delete(name);
    }
    lines[lines.length - 1] = '} catch (error) {';
    lines.push(...body.map((line) => `  ${line}`), '}');
  }
  const finallyClause = named(node).find((child) => child.type === 'finally_clause');
  if (finallyClause !== undefined) {
    const finallyBlock =
      named(finallyClause).find((child) => child.type === 'statement_block') ?? null;
    lines[lines.length - 1] = '} finally {';
    lines.push(...blockBody(cx, finallyBlock, scope).map((line) => `  ${line}`), '}');
  }
  return lines;
}

export function flowStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const keyword = (all(node)[0]?.text ?? '').toLowerCase();
  const value = named(node).find((child) => child.type !== 'comment' && child.type !== 'label');
  switch (keyword) {
    case 'return':
      if (value === undefined) return ['return;'];
      if (inValidator(scope) && unwrap(value).type === 'hash_literal_expression') {
        return [`return ${hashtable(cx, unwrap(value), scope, true).code};`];
      }
      return [`return ${output(cx, emitExpression(cx, value, scope))};`];
    case 'break':
    case 'continue':
      if (value !== undefined) throw new NotPorted(node, `${keyword} with a label`);
      return [scope.switchTarget?.[keyword] ?? `${keyword};`];
    case 'throw': {
      if (value === undefined) return ['throw error;'];
      const thrown = emitExpression(cx, value, scope);
      return [
        thrown.type === 'string' ? `throw new Error(${thrown.code});` : `throw ${thrown.code};`,
      ];
    }
    case 'exit':
      return [`process.exit(${value === undefined ? '' : emitExpression(cx, value, scope).code});`];
    default:
      throw new NotPorted(node, keyword);
  }
}

/** A loop's body: `break` and `continue` in it are the loop's, not an enclosing switch's. */
function loopBody(cx: EmitContext, block: SyntaxNode | null, scope: Scope): string[] {
  const saved = scope.switchTarget;
  scope.switchTarget = undefined;
  try {
    return blockBody(cx, block, scope);
  } finally {
    scope.switchTarget = saved;
  }
}
