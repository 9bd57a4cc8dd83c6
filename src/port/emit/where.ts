/**
 * `Where-Object`'s comparison form: `Where-Object Team -eq $team`, `Where-Object -Property Age
 * -GT -Value 30`, `Where-Object Active`, `Where-Object -Not Deleted`, with every operator
 * parameter and its case-sensitive `-C…` form. The script-block form goes through the tables.
 */

import type { SyntaxNode } from '../parser.js';
import { comparisonOperators } from '../tables/powershell.js';
import { argumentExpression } from './builder.js';
import { commandElements } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { member, unwrap } from './syntax.js';

/** Where-Object with a property (and an operator): its call, or undefined for the block form. */
export function whereComparison(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  input: Expr | undefined,
): Expr | undefined {
  const elements = commandElements(cx, node);
  let property: SyntaxNode | undefined;
  let value: SyntaxNode | undefined;
  let operator: string | undefined;
  const positional: SyntaxNode[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element.kind === 'argument') {
      positional.push(element.node);
      continue;
    }
    const name = element.name.toLowerCase();
    const next = elements[i + 1];
    const takeValue = () => {
      if (next === undefined || next.kind !== 'argument')
        throw new NotPorted(element.node, `Where-Object -${element.name} without a value`);
      i++;
      return next.node;
    };
    if (name === 'property') property = takeValue();
    else if (name === 'value') value = takeValue();
    else if (name === 'filterscript') return undefined;
    else if (name === 'inputobject') throw new NotPorted(element.node, 'Where-Object -InputObject');
    else if (name === 'not' || operatorHelper(name) !== undefined) {
      if (operator !== undefined)
        throw new NotPorted(element.node, 'Where-Object with two operators');
      operator = name;
    } else throw new NotPorted(element.node, `Where-Object -${element.name}`);
  }
  if (property === undefined) property = positional.shift();
  if (value === undefined && operator !== 'not') value = positional.shift();
  if (property === undefined || positional.length > 0) return undefined;
  if (unwrap(property).type === 'script_block_expression') return undefined;
  if (input === undefined) throw new NotPorted(node, 'Where-Object without pipeline input');
  const name = propertyName(property);
  if (name === undefined)
    throw new NotPorted(property, 'a Where-Object property that is not a name');
  const left = member('item', name);
  let test: string;
  if (operator === undefined) {
    if (value !== undefined) throw new NotPorted(node, 'Where-Object with a value and no operator');
    test = left;
  } else if (operator === 'not') {
    test = `!${cx.helper('truthy')}(${left})`;
  } else {
    if (value === undefined) throw new NotPorted(node, `Where-Object -${operator} without a value`);
    const [helper, caseSensitive] = operatorHelper(operator) ?? ['', false];
    const right = argumentExpression(cx, value, scope).code;
    test = `${cx.helper(helper)}(${left}, ${right}${caseSensitive ? ', true' : ''})`;
  }
  return {
    code: `${cx.helper('whereObject')}(${input.code}, (item${cx.ts(': any')}) => ${test})`,
    type: 'array',
  };
}

const OPERATORS = new Set([
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  'notlike',
  'match',
  'notmatch',
  'contains',
  'notcontains',
  'in',
  'notin',
]);

/** `-eq` → ['eq', false], `-ceq` → ['eq', true]; -Is and -IsNot have no equivalent. */
function operatorHelper(name: string): [string, boolean] | undefined {
  if (OPERATORS.has(name)) return [comparisonOperators[name], false];
  if (name.startsWith('c') && OPERATORS.has(name.slice(1)))
    return [comparisonOperators[name.slice(1)], true];
  return undefined;
}

function propertyName(node: SyntaxNode): string | undefined {
  const text = unwrap(node).text.trim();
  if (/^'([^']|'')*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^"[^"`$]*"$/.test(text)) return text.slice(1, -1);
  if (/^[A-Za-z_][\w.-]*$/.test(text) && !text.includes('.')) return text;
  return undefined;
}
