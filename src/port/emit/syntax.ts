/** Small helpers over the PowerShell syntax tree and for printing JavaScript names and strings. */

import type { SyntaxNode } from '../parser.js';

export const WRAPPERS = new Set([
  'pipeline',
  'pipeline_chain',
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'array_literal_expression',
  'unary_expression',
  'argument_expression',
  'logical_argument_expression',
  'bitwise_argument_expression',
  'comparison_argument_expression',
  'additive_argument_expression',
  'multiplicative_argument_expression',
  'format_argument_expression',
  'range_argument_expression',
  'key_expression',
  'statement_list',
  'script_block_body',
  'left_assignment_expression',
  'member_name',
  'expandable_string_literal_wrapper',
]);

/** Skips the grammar's one-child wrapper nodes. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (WRAPPERS.has(current.type) && current.childCount === 1) {
    const only = current.child(0);
    if (only === null) break;
    current = only;
  }
  return current;
}

export function named(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

export function all(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child): child is SyntaxNode => child !== null);
}

/** camelCase of a PowerShell name (`Views` → `views`, `$user-name` → `userName`). */
export function camel(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]+(.)?/g, (_, next: string | undefined) =>
    (next ?? '').toUpperCase(),
  );
  // `LOGGING_TYPE` stays a SCREAMING_CASE constant; `PORT` → `port`, `Views` → `views`.
  const lowered = /^[A-Z]+$/.test(clean)
    ? clean.toLowerCase()
    : /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(clean)
      ? clean
      : clean.charAt(0).toLowerCase() + clean.slice(1);
  const safe = /^[0-9]/.test(lowered) ? `_${lowered}` : lowered;
  return RESERVED.has(safe) || SCHEME_FACTORIES.has(safe) ? `${safe}_` : safe === '' ? '_' : safe;
}

/** pode-ts's scheme factories a script's `$form = New-PodeAuthScheme -Form` would shadow. */
const SCHEME_FACTORIES = new Set([
  'form',
  'basic',
  'bearer',
  'apiKey',
  'digest',
  'oauth2',
  'azureAD',
  'oidcDiscovery',
]);

export const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await e s arguments eval'.split(
    ' ',
  ),
);

export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

export function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

export function member(object: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`;
}

export function isDotSource(node: SyntaxNode): boolean {
  return named(node).some(
    (child) => child.type === 'command_invokation_operator' && child.text === '.',
  );
}

export function pipelineParts(node: SyntaxNode): SyntaxNode[] {
  return all(node).filter((child) => child.type !== '|' && child.type !== 'comment');
}

export function isBareValue(node: SyntaxNode): boolean {
  const inner = unwrap(node);
  return ![
    'assignment_expression',
    'if_statement',
    'foreach_statement',
    'for_statement',
    'while_statement',
    'do_statement',
    'switch_statement',
    'try_statement',
    'flow_control_statement',
    'function_statement',
    'command',
    'command_name',
    'pipeline_chain',
    'post_increment_expression',
    'post_decrement_expression',
    'pre_increment_expression',
    'pre_decrement_expression',
    'comment',
    'param_block',
    'trap_statement',
  ].includes(inner.type);
}

export function findStatementList(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'statement_list') return node;
  for (const child of named(node)) {
    if (child.type === 'script_block_expression' || child.type === 'function_statement') continue;
    const found = findStatementList(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function findScriptBlockExpression(node: SyntaxNode): SyntaxNode | undefined {
  const list = findStatementList(node);
  const first =
    list === undefined ? undefined : named(list).find((child) => child.type !== 'comment');
  if (first === undefined) return undefined;
  const inner = unwrap(first);
  if (inner.type === 'script_block_expression') return inner;
  // a file that ends in `return { … }` (Pode dot-sources it and takes what it returns)
  if (inner.type === 'flow_control_statement' && /^return\b/i.test(inner.text)) {
    const value = named(inner).find((child) => child.type !== 'comment');
    const block = value === undefined ? undefined : unwrap(value);
    if (block?.type === 'script_block_expression') return block;
  }
  return undefined;
}
