/**
 * Operators: comparisons (case-insensitive by default, -c… forms), -like/-match, logical,
 * arithmetic and unary operators.
 */

import type { SyntaxNode } from '../parser.js';
import { comparisonOperators, numericOperators } from '../tables/powershell.js';
import { listNodes } from './builder.js';
import { type EmitContext, type Expr, NotPorted, type Scope, type ValueType } from './context.js';
import { castExpression, emitExpression } from './expressions.js';
import { truthy } from './flow.js';
import { all } from './syntax.js';

export function comparison(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const [leftNode, operatorNode, rightNode] = all(node);
  if (rightNode === undefined) throw new NotPorted(node, 'this comparison');
  const operatorText = cx.operatorText(operatorNode).toLowerCase().replace(/^-/, '');
  const caseSensitive =
    /^c(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(
      operatorText,
    );
  const operator =
    /^[ci](eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(
      operatorText,
    )
      ? operatorText.slice(1)
      : operatorText;
  const left = emitExpression(cx, leftNode, scope);
  if (operator === 'is' || operator === 'isnot' || operator === 'as')
    throw new NotPorted(node, `-${operator}`);
  if (operator === 'join') {
    return {
      code: `${cx.helper('join')}(${left.code}, ${emitExpression(cx, rightNode, scope).code})`,
      type: 'string',
    };
  }
  const cs = caseSensitive ? ', true' : '';
  if (operator === 'replace') {
    const items = listNodes(cx, rightNode).map((item) => emitExpression(cx, item, scope).code);
    return {
      code: `${cx.helper('replace')}(${left.code}, ${items[0]}, ${items[1] ?? "''"}${cs})`,
      type: 'string',
    };
  }
  const right = emitExpression(cx, rightNode, scope);
  if (operator === 'split')
    return { code: `${cx.helper('split')}(${left.code}, ${right.code}${cs})`, type: 'array' };
  if ((operator === 'eq' || operator === 'ne') && (right.type === 'null' || left.type === 'null')) {
    const other = right.type === 'null' ? left : right;
    if (left.type === 'null' || other.type !== 'array')
      return { code: `${other.code} ${operator === 'eq' ? '==' : '!='} null`, type: 'boolean' };
  }
  const numeric = numericOperators[operator];
  if (numeric !== undefined && left.type === 'number' && right.type === 'number')
    return { code: `${left.code} ${numeric} ${right.code}`, type: 'boolean' };
  if (
    (operator === 'eq' || operator === 'ne') &&
    left.type === 'string' &&
    right.type === 'string' &&
    /^'[^A-Za-z]*'$/.test(right.code)
  ) {
    return { code: `${left.code} ${numeric} ${right.code}`, type: 'boolean' };
  }
  const helper = comparisonOperators[operator];
  if (helper === undefined) throw new NotPorted(node, `-${operatorText}`);
  if (operator === 'match') {
    cx.matchesVar = true;
    return {
      code: `(matches = ${cx.helper('match')}(${left.code}, ${right.code}${cs})) !== null`,
      type: 'boolean',
    };
  }
  const type: ValueType =
    left.type === 'array' && !['contains', 'notcontains', 'in', 'notin'].includes(operator)
      ? 'array'
      : 'boolean';
  return { code: `${cx.helper(helper)}(${left.code}, ${right.code}${cs})`, type };
}

export function logical(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const [leftNode, operatorNode, rightNode] = all(node);
  const operator = operatorNode.text.toLowerCase();
  const left = truthy(cx, emitExpression(cx, leftNode, scope));
  const right = truthy(cx, emitExpression(cx, rightNode, scope));
  if (operator === '-and') return { code: `${left} && ${right}`, type: 'boolean' };
  if (operator === '-or') return { code: `${left} || ${right}`, type: 'boolean' };
  if (operator === '-xor') return { code: `(${left}) !== (${right})`, type: 'boolean' };
  throw new NotPorted(node, operator);
}

export function arithmetic(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const [leftNode, operatorNode, rightNode] = all(node);
  const operator = operatorNode.text;
  const left = emitExpression(cx, leftNode, scope);
  const right = emitExpression(cx, rightNode, scope);
  const wrap = (e: Expr) => (/^[\w.$'"`()[\]]+$/.test(e.code) ? e.code : `(${e.code})`);
  if (left.type === 'number' && right.type === 'number' && operator !== '/' && operator !== '%') {
    return { code: `${left.code} ${operator} ${wrap(right)}`, type: 'number' };
  }
  if (operator === '+') {
    if (left.type === 'string')
      return {
        code: `${left.code} + ${right.type === 'string' || right.type === 'number' ? wrap(right) : `${cx.helper('toPsString')}(${right.code})`}`,
        type: 'string',
      };
    return { code: `${cx.helper('add')}(${left.code}, ${right.code})`, type: 'any' };
  }
  if (operator === '*')
    return { code: `${cx.helper('multiply')}(${left.code}, ${right.code})`, type: 'any' };
  if (operator === '/')
    return { code: `${cx.helper('divide')}(${left.code}, ${right.code})`, type: 'number' };
  if (operator === '%')
    return { code: `${cx.helper('mod')}(${left.code}, ${right.code})`, type: 'number' };
  if (operator === '-') {
    if (left.type === 'date' || right.type === 'date')
      throw new NotPorted(node, 'date subtraction');
    return { code: `${toNumber(cx, left)} - ${toNumber(cx, right)}`, type: 'number' };
  }
  throw new NotPorted(node, operator);
}

export function toNumber(cx: EmitContext, e: Expr): string {
  if (e.type === 'number') return /^[\w.]+$/.test(e.code) ? e.code : `(${e.code})`;
  return `${cx.helper('toDouble')}(${e.code})`;
}

export function unary(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const [operatorNode, valueNode] = all(node);
  const operator = operatorNode.text.toLowerCase();
  if (operator === '!' || operator === '-not') {
    const value = emitExpression(cx, valueNode, scope);
    const test = truthy(cx, value);
    return { code: /^[\w.$()]+$/.test(test) ? `!${test}` : `!(${test})`, type: 'boolean' };
  }
  if (operator === '-') {
    const value = emitExpression(cx, valueNode, scope);
    return {
      code: `-${value.type === 'number' ? value.code : toNumber(cx, value)}`,
      type: 'number',
    };
  }
  if (operator === '-join')
    return {
      code: `${cx.helper('join')}(${emitExpression(cx, valueNode, scope).code})`,
      type: 'string',
    };
  if (operator === '-split')
    return {
      code: `${cx.helper('split')}(${emitExpression(cx, valueNode, scope).code})`,
      type: 'array',
    };
  if (operator === ',')
    return { code: `[${emitExpression(cx, valueNode, scope).code}]`, type: 'array' };
  if (operator.startsWith('[')) return castExpression(cx, node, scope);
  throw new NotPorted(node, `the operator ${operator}`);
}
