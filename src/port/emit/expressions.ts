/**
 * Expressions: the dispatch on expression kind, literals, strings and here-strings, hashtables,
 * arrays, casts, pipeline output.
 */

import { typedParameters } from '../features/web-sites.js';
import type { SyntaxNode } from '../parser.js';
import { casts } from '../tables/powershell.js';
import { listNodes } from './builder.js';
import { command } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope, type ValueType } from './context.js';
import { handlerLines } from './handlers.js';
import { elementAccess, invocation, memberAccess } from './members.js';
import { arithmetic, comparison, logical, unary } from './operators.js';
import { pipeline, range } from './pipeline.js';
import { all, camel, named, pipelineParts, propertyKey, quote, unwrap } from './syntax.js';
import { assignmentCode, increment, variableExpression } from './variables.js';

export function unescapePowerShell(text: string, here: boolean): string {
  let result = text.replace(
    /`(.)/gs,
    (_, c: string) =>
      ({ n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' })[
        c
      ] ?? c,
  );
  if (!here) result = result.replace(/""/g, '"');
  return result;
}

/** Whether `code` is one call, `name.path(…)`, whose parentheses close at its end. */
function singleCall(code: string): boolean {
  const head = /^[A-Za-z_$][\w$.]*\(/.exec(code);
  if (head === null || !code.endsWith(')')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = head[0].length - 1; i < code.length; i++) {
    const char = code[i];
    if (quote !== undefined) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i === code.length - 1;
  }
  return false;
}

/** `(code)` without its outer parentheses where they enclose the whole of it. */
function bare(code: string): string {
  if (!code.startsWith('(') || !code.endsWith(')') || /['"`]/.test(code)) return code;
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')') depth--;
    if (depth === 0 && i < code.length - 1) return code;
  }
  return code.slice(1, -1);
}

export function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

export function emitExpression(cx: EmitContext, raw: SyntaxNode, scope: Scope): Expr {
  const node = unwrap(raw);
  switch (node.type) {
    case 'decimal_integer_literal':
    case 'integer_literal':
      return integer(node);
    case 'hexadecimal_integer_literal':
      return { code: node.text, type: 'number' };
    case 'real_literal': {
      const sized = /^(\d*\.\d+)(kb|mb|gb|tb|pb)$/i.exec(node.text);
      if (sized !== null) {
        const unit = 1024 ** (['kb', 'mb', 'gb', 'tb', 'pb'].indexOf(sized[2].toLowerCase()) + 1);
        return { code: String(Math.round(Number(sized[1]) * unit)), type: 'number' };
      }
      if (/[a-z]$/i.test(node.text)) throw new NotPorted(node, `the number ${node.text}`);
      return { code: node.text, type: 'number' };
    }
    case 'string_literal':
      return stringLiteral(cx, node, scope);
    case 'expandable_string_literal':
    case 'expandable_here_string_literal':
      return expandable(cx, node, scope);
    case 'verbatim_string_characters':
      return { code: quote(node.text.slice(1, -1).replace(/''/g, "'")), type: 'string' };
    case 'verbatim_here_string_characters':
      return {
        code: quote(node.text.replace(/^@'\r?\n/, '').replace(/\r?\n'@$/, '')),
        type: 'string',
      };
    case 'variable':
    case 'braced_variable':
      return variableExpression(cx, node, scope);
    case 'member_access':
      return memberAccess(cx, node, scope);
    case 'invokation_expression':
      return invocation(cx, node, scope);
    case 'element_access':
      return elementAccess(cx, node, scope);
    case 'hash_literal_expression':
      return hashtable(cx, node, scope);
    case 'array_expression':
      return arrayExpression(cx, node, scope);
    case 'array_literal_expression':
      return {
        code: `[${named(node)
          .map((item) => emitExpression(cx, item, scope).code)
          .join(', ')}]`,
        type: 'array',
      };
    case 'parenthesized_expression': {
      const inner = named(node).find((child) => child.type !== 'comment');
      if (inner === undefined) throw new NotPorted(node, 'empty parentheses');
      const value = pipelineOrExpression(cx, inner, scope);
      return {
        code:
          /^[\w.$[\]'()]+$/.test(value.code) ||
          wrapped(value.code) ||
          singleCall(value.code) ||
          (value.pipeline === true && !/^await /.test(value.code))
            ? value.code
            : `(${value.code})`,
        type: value.type,
        // `@{ Last = ($items | Select-Object -Last 1) }`: a value, one item unwrapped (output())
        pipeline: value.pipeline,
      };
    }
    case 'sub_expression': {
      const list = named(node).find((child) => child.type === 'statement_list');
      const statements =
        list === undefined
          ? []
          : named(list).filter((c) => c.type !== 'comment' && c.type !== 'empty_statement');
      if (statements.length !== 1) throw new NotPorted(node, 'a $( ) with several statements');
      const value = pipelineOrExpression(cx, statements[0], scope);
      const simple = /^[\w.$]+(\([^()]*(\([^()]*\))?[^()]*\))?$/.test(value.code);
      return { code: simple ? value.code : `(${value.code})`, type: value.type };
    }
    case 'cast_expression':
      return castExpression(cx, node, scope);
    case 'comparison_expression':
    case 'comparison_argument_expression':
      return comparison(cx, node, scope);
    case 'logical_expression':
    case 'logical_argument_expression':
      return logical(cx, node, scope);
    case 'additive_expression':
    case 'multiplicative_expression':
    case 'additive_argument_expression':
    case 'multiplicative_argument_expression':
      return arithmetic(cx, node, scope);
    case 'format_expression':
    case 'format_argument_expression': {
      const [format, , args] = all(node);
      const items = listNodes(cx, args).map((item) => emitExpression(cx, item, scope).code);
      return {
        code: `${cx.helper('format')}(${emitExpression(cx, format, scope).code}, ${items.join(', ')})`,
        type: 'string',
      };
    }
    case 'range_expression':
    case 'range_argument_expression': {
      const [from, , to] = all(node);
      const a = emitExpression(cx, from, scope).code;
      const b = emitExpression(cx, to, scope).code;
      if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) return range(`${a}..${b}`);
      return { code: `${cx.helper('range')}(${a}, ${b})`, type: 'array' };
    }
    case 'expression_with_unary_operator':
      return unary(cx, node, scope);
    case 'post_increment_expression':
    case 'post_decrement_expression':
    case 'pre_increment_expression':
    case 'pre_decrement_expression':
      return { code: increment(cx, node, scope), type: 'number' };
    case 'assignment_expression':
      return { code: assignmentCode(cx, node, scope), type: 'void' };
    case 'script_block_expression':
      return {
        // parameters typed `any`: a script block's parameters are untyped, as in PowerShell
        code: typedParameters(
          cx,
          handlerLines(cx, node, 'inline', scope, new Map(), undefined),
        ).join('\n'),
        type: 'function',
      };
    case 'command':
    case 'command_name':
    case 'pipeline_chain':
      return pipelineOrExpression(cx, node, scope);
    case 'generic_token':
      return { code: quote(node.text), type: 'string' };
    case 'type_literal':
      throw new NotPorted(node, `the type ${node.text}`);
    default:
      throw new NotPorted(node, node.type.replace(/_/g, ' '));
  }
}

export function pipelineOrExpression(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const inner = unwrap(node);
  if (inner.type === 'pipeline_chain') return pipeline(cx, pipelineParts(inner), scope);
  if (inner.type === 'command' || inner.type === 'command_name')
    return command(cx, inner, scope, undefined);
  if (inner.type === 'assignment_expression') return assignmentValue(cx, inner, scope);
  return emitExpression(cx, inner, scope);
}

/**
 * An assignment used as a value (`if ($null -eq ($x = Get-PodeState 'x'))`, `$a = $b = 1`):
 * JavaScript's assignment expression, whose value is the value assigned, as in PowerShell.
 * The variable is declared beforehand (hoisted). A compound operator, or a write that needs
 * statements of its own (a state member written back), stays a TODO.
 */
function assignmentValue(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const operator = all(node)[1]?.text;
  if (operator !== '=') throw new NotPorted(node, 'an assignment used as a value');
  const code = assignmentCode(cx, node, scope);
  if (code.includes('\n') || /^(const|let) /.test(code))
    throw new NotPorted(node, 'an assignment used as a value');
  return { code: `(${code})`, type: 'any' };
}

export function integer(node: SyntaxNode): Expr {
  const match = /^(\d+)(kb|mb|gb|tb)?$/i.exec(node.text);
  if (match === null) throw new NotPorted(node, `the number ${node.text}`);
  const unit = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 }[
    (match[2] ?? '').toLowerCase() as 'kb'
  ];
  return {
    code: unit === undefined ? match[1] : String(Number(match[1]) * unit),
    type: 'number',
  };
}

export function stringLiteral(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const inner = named(node)[0];
  if (inner === undefined) return { code: quote(node.text.slice(1, -1)), type: 'string' };
  return emitExpression(cx, inner, scope);
}

export function expandable(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const text = node.text;
  const here = node.type === 'expandable_here_string_literal' || text.startsWith('@"');
  const open = here ? (/^@"[ \t]*\r?\n/.exec(text)?.[0].length ?? 2) : 1;
  const close = here ? (/\r?\n"@$/.exec(text)?.[0].length ?? 2) : 1;
  const parts: string[] = [];
  let cursor = node.startIndex + open;
  const end = node.endIndex - close;
  const source = cx.textOverride ?? cx.text;
  let dynamic = false;
  for (const child of named(node)) {
    if (child.startIndex < cursor) continue;
    parts.push(escapeTemplate(unescapePowerShell(source.slice(cursor, child.startIndex), here)));
    const value = emitExpression(cx, child, scope);
    const code = bare(value.code);
    parts.push(
      `\${${value.type === 'string' || value.type === 'number' ? code : `${cx.helper('toPsString')}(${code})`}}`,
    );
    dynamic = true;
    cursor = child.endIndex;
  }
  parts.push(escapeTemplate(unescapePowerShell(source.slice(cursor, Math.max(cursor, end)), here)));
  if (!dynamic) {
    return {
      code: quote(
        unescapePowerShell(
          source.slice(node.startIndex + open, Math.max(node.startIndex + open, end)),
          here,
        ),
      ),
      type: 'string',
    };
  }
  return { code: `\`${parts.join('')}\``, type: 'string' };
}

/** A pipeline's value as PowerShell assigns it. */
/** A pipeline's value used in an expression: one item is the item, none is $null (psOutput). */
export function settled(cx: EmitContext, value: Expr): Expr {
  return value.pipeline === true ? { code: output(cx, value), type: 'any' } : value;
}

export function output(cx: EmitContext, value: Expr): string {
  if (value.pipeline !== true) return value.code;
  cx.usesOutput = true;
  return `psOutput(${value.code})`;
}

export function hashtable(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  camelKeys = false,
): Expr {
  const body = named(node).find((child) => child.type === 'hash_literal_body');
  const entries =
    body === undefined ? [] : named(body).filter((child) => child.type === 'hash_entry');
  const parts: string[] = [];
  for (const entry of entries) {
    const [keyNode, , valueNode] = all(entry);
    const key = unwrap(keyNode);
    let keyText: string;
    if (key.type === 'simple_name' || key.type === 'generic_token')
      keyText = propertyKey(camelKeys ? camel(key.text) : key.text);
    else {
      const value = emitExpression(cx, key, scope);
      keyText = /^'[^']*'$/.test(value.code)
        ? propertyKey(value.code.slice(1, -1))
        : `[${value.code}]`;
    }
    const value = pipelineOrExpression(cx, valueNode, scope);
    parts.push(`${keyText}: ${output(cx, value)}`);
  }
  if (parts.length === 0) return { code: `{}${cx.ts(' as Record<string, any>')}`, type: 'object' };
  return { code: `{ ${parts.join(', ')} }`, type: 'object' };
}

export function arrayExpression(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const list = named(node).find((child) => child.type === 'statement_list');
  const statements =
    list === undefined
      ? []
      : named(list).filter((child) => child.type !== 'comment' && child.type !== 'empty_statement');
  if (statements.length === 0) return { code: `[]${cx.ts(' as any[]')}`, type: 'array' };
  if (statements.length > 1)
    return {
      code: `[${statements.map((s) => pipelineOrExpression(cx, s, scope).code).join(', ')}]`,
      type: 'array',
    };
  const inner = unwrap(statements[0]);
  if (inner.type === 'array_literal_expression') return emitExpression(cx, inner, scope);
  const value = pipelineOrExpression(cx, inner, scope);
  // @(…) is the array itself: never unwrapped as a pipeline's single item is
  if (value.type === 'array') return { code: value.code, type: 'array' };
  return { code: `${cx.helper('toArray')}(${value.code})`, type: 'array' };
}

export function castExpression(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  let castNode = node;
  while (!named(castNode).some((c) => c.type === 'type_literal') && named(castNode).length === 1) {
    castNode = named(castNode)[0];
  }
  const typeNode = named(castNode).find((c) => c.type === 'type_literal');
  const valueNode = named(castNode).find((c) => c !== typeNode && c.type !== 'comment');
  if (typeNode === undefined || valueNode === undefined) throw new NotPorted(node, 'this cast');
  const type = typeNode.text
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\s/g, '');
  const cast = casts[type];
  if (cast === undefined)
    throw new NotPorted(node, `the cast [${typeNode.text.replace(/^\[|\]$/g, '')}]`);
  const value = emitExpression(cx, valueNode, scope);
  if (cast.result === 'void') return { code: `void ${value.code}`, type: 'void' };
  if (cast.helper === undefined) return value;
  if (cast.helper === 'toInt' && value.type === 'number' && /^\d+$/.test(value.code)) return value;
  if (cast.helper === 'toPsString' && value.type === 'string') return value;
  return { code: `${cx.helper(cast.helper)}(${value.code})`, type: cast.result as ValueType };
}

/** True when the code is one parenthesised group, `(…)` (an awaited call already wrapped). */
function wrapped(code: string): boolean {
  if (!code.startsWith('(') || !code.endsWith(')')) return false;
  let depth = 0;
  for (let index = 0; index < code.length; index++) {
    const char = code[index];
    if (char === '`') return false;
    if (char === "'" || char === '"') {
      // Skip the string literal (backslash escapes included).
      for (index++; index < code.length && code[index] !== char; index++) {
        if (code[index] === '\\') index++;
      }
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0 && index < code.length - 1) return false;
  }
  return depth === 0;
}
