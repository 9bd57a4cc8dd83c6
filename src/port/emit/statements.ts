/**
 * Statements: statement lists, comments, the TODO form of a statement that cannot be ported, and
 * the dispatch on statement kind.
 */

import { stateMethodCall } from '../features/background.js';
import { podeLoaderBlock } from '../features/module-import.js';
import type { SyntaxNode } from '../parser.js';
import { LINE_BREAK } from './builder.js';
import { commandStatement, pipelineStatement } from './commands.js';
import { type EmitContext, NotPorted, type Scope } from './context.js';
import { emitExpression, output, pipelineOrExpression } from './expressions.js';
import {
  doStatement,
  flowStatement,
  foreach,
  forStatement,
  ifStatement,
  tryStatement,
  whileStatement,
} from './flow.js';
import { functionStatement } from './functions.js';
import { rememberScheme } from './handlers.js';
import { holdsMiddleware } from './middleware.js';
import { switchStatement } from './switch.js';
import { all, named, quote, unwrap } from './syntax.js';
import { assignsStatement, statementAssignment } from './values.js';
import { assignmentCode, increment } from './variables.js';

export function statementList(
  cx: EmitContext,
  list: SyntaxNode,
  scope: Scope,
  _where: string,
): string[] {
  const lines: string[] = [];
  const children = list.type === 'statement_list' ? all(list) : [list];
  for (const child of children) {
    if (child.type === ';' || child.type === 'empty_statement') continue;
    if (child.type === 'comment') {
      lines.push(...commentLines(child));
      continue;
    }
    lines.push(...emitStatement(cx, child, scope));
  }
  return lines;
}

export function commentLines(node: SyntaxNode): string[] {
  const text = node.text;
  if (text.startsWith('<#')) {
    const inner = text
      .slice(2, -2)
      .split(/\r?\n/)
      .map((line) => line.trimEnd());
    return ['/*', ...inner.map((line) => ` *${line === '' ? '' : ` ${line.trim()}`}`), ' */'];
  }
  return [`//${text.slice(1).replace(/\s+$/, '')}`];
}

export function emitStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  cx.statements++;
  try {
    return statementUnchecked(cx, node, scope).flatMap((line) => line.split(LINE_BREAK));
  } catch (error) {
    if (!(error instanceof NotPorted)) throw error;
    return todo(cx, node, error);
  }
}

/** Counts a construct that is not translated and reports it (`<file>:<line>:<col>: not translated: …`). */
export function recordTodo(cx: EmitContext, error: NotPorted): void {
  cx.todos++;
  cx.diagnostics.push({
    offset: cx.offsetOf(error.node),
    message: `not translated: ${error.what}`,
    kind: 'todo',
  });
  cx.imports.add('PodeError');
}

export function todo(cx: EmitContext, statement: SyntaxNode, error: NotPorted): string[] {
  recordTodo(cx, error);
  const original = statement.text.split(/\r?\n/);
  const indent = Math.min(
    ...original
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.length - l.trimStart().length),
    1000,
  );
  const lines = original.map(
    (line, i) => `// ${i === 0 || indent === 1000 ? line.trim() : line.slice(indent).trimEnd()}`,
  );
  lines[0] = `// TODO(port): ${original[0].trim()}`;
  return [
    ...lines,
    `throw new PodeError('PODE_ERR_NOT_PORTED', ${quote(`Not ported: ${error.what}`)});`,
  ];
}

export function statementUnchecked(cx: EmitContext, raw: SyntaxNode, scope: Scope): string[] {
  const node = unwrap(raw);
  switch (node.type) {
    case 'assignment_expression': {
      const discarded = discardedValue(node);
      if (discarded !== undefined) return discard(cx, discarded, scope);
      if (assignsStatement(node)) return statementAssignment(cx, node, scope);
      rememberScheme(cx, node);
      if (scope.kind === 'setup' && holdsMiddleware(cx, node))
        return [
          `// ${node.text.split(/\r?\n/)[0].split('=')[0].trim()}: a middleware, added below`,
        ];
      return statementLines(assignmentCode(cx, node, scope));
    }
    case 'if_statement':
      return ifStatement(cx, node, scope);
    case 'foreach_statement':
      return foreach(cx, node, scope);
    case 'for_statement':
      return forStatement(cx, node, scope);
    case 'while_statement':
      return whileStatement(cx, node, scope);
    case 'do_statement':
      return doStatement(cx, node, scope);
    case 'switch_statement':
      return switchStatement(cx, node, scope);
    case 'try_statement':
      return (
        podeLoaderBlock(cx, node, scope, (statement) => emitStatement(cx, statement, scope)) ??
        tryStatement(cx, node, scope)
      );
    case 'flow_control_statement':
      return flowStatement(cx, node, scope);
    case 'function_statement':
      return functionStatement(cx, node, scope);
    case 'command':
    case 'command_name':
      return commandStatement(cx, node, scope);
    case 'pipeline_chain':
      return pipelineStatement(cx, node, scope);
    case 'post_increment_expression':
    case 'post_decrement_expression':
    case 'pre_increment_expression':
    case 'pre_decrement_expression':
      return statementLines(increment(cx, node, scope));
    case 'param_block':
      throw new NotPorted(node, 'a param() block here');
    case 'trap_statement':
      throw new NotPorted(node, 'trap');
    case 'class_statement':
    case 'enum_statement':
      throw new NotPorted(node, `${node.type.replace('_statement', '')} definitions`);
    default: {
      const stateCall = stateMethodCall(cx, node, scope);
      if (stateCall !== undefined) return stateCall;
      const expression = emitExpression(cx, node, scope);
      if (scope.output !== undefined && expression.type !== 'void')
        return [scope.output(output(cx, expression))];
      if (scope.kind === 'function' && expression.type !== 'void') {
        throw new NotPorted(
          node,
          'a value written to the output of a function (return it instead)',
        );
      }
      return [`${expression.code};`];
    }
  }
}

export function blockBody(cx: EmitContext, node: SyntaxNode | null, scope: Scope): string[] {
  if (node === null) return [];
  const list = named(node).find((child) => child.type === 'statement_list');
  const comments = named(node).filter((child) => child.type === 'comment');
  const lines = list === undefined ? [] : statementList(cx, list, scope, 'block');
  if (list === undefined) for (const comment of comments) lines.push(...commentLines(comment));
  return lines;
}

/** The value of `$null = value` (its output thrown away), or undefined for another assignment. */
function discardedValue(node: SyntaxNode): SyntaxNode | undefined {
  const [target, operator] = all(node);
  if (operator?.text !== '=' || !/^\$\{?null\}?$/i.test(unwrap(target).text)) return undefined;
  return node.childForFieldName('value') ?? all(node)[2];
}

/** `$null = value`: the value as a statement of its own (a state write-back included). */
function discard(cx: EmitContext, valueNode: SyntaxNode, scope: Scope): string[] {
  const value = unwrap(valueNode);
  if (value.type === 'assignment_expression') return statementUnchecked(cx, value, scope);
  if (value.type === 'invokation_expression') {
    const stateCall = stateMethodCall(cx, value, scope);
    if (stateCall !== undefined) return stateCall;
  }
  return statementLines(
    pipelineOrExpression(cx, value, scope).code.replace(/^\((await [\s\S]*)\)$/, '$1'),
  );
}

export function braced(head: string, body: string[]): string[] {
  return [`${head} {`, ...body.map((line) => `  ${line}`), '}'];
}

/**
 * One statement's code as lines ended by `;`: a state write-back block (`{` … `}`) as its
 * lines, and a trailing `await setState(…)` write-back on a line of its own. Other code stays one
 * element (a multi-line string must not be re-indented).
 */
function statementLines(code: string): string[] {
  if (code.startsWith('{\n')) return code.split('\n');
  const writeBack = code.lastIndexOf(';\nawait setState(');
  if (writeBack > 0 && !code.slice(writeBack + 2).includes('\n'))
    return [`${code.slice(0, writeBack)};`, `${code.slice(writeBack + 2)};`];
  return [`${code};`];
}
