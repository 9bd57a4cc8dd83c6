/**
 * External programs a Pode script runs (`redis-cli GET $key`, `vault kv get …`) and
 * `Get-Command <program>`. Only the command-line tools listed here are run as programs; any
 * other unknown command stays a TODO, so a misspelt or missing cmdlet is never sent to the shell.
 * The program runs as PowerShell runs it: its output lines come back (`invokeNative` in
 * pode-ts/powershell), a non-zero exit is not an error.
 */
import { argumentExpression } from '../emit/builder.js';
import { commandElements } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { quote, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';

/** The programs Pode's own examples shell out to: Redis's and HashiCorp Vault's command lines. */
const PROGRAMS = new Set(['redis-cli', 'vault']);

/** A known program or `Get-Command`, as an expression; undefined for any other command. */
export function nativeCommand(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  scope: Scope,
  input: Expr | undefined,
): Expr | undefined {
  const lower = name.toLowerCase();
  if (lower === 'get-command') return getCommand(cx, node, scope, input);
  if (!PROGRAMS.has(lower)) return undefined;
  if (input !== undefined) throw new NotPorted(node, `piping into ${name}`);
  requireAsync(node, scope, name);
  const args: string[] = [];
  for (const element of commandElements(cx, node)) {
    if (element.kind === 'parameter') {
      args.push(quote(`-${element.name}${element.colon ? ':' : ''}`));
      continue;
    }
    const value = argumentExpression(cx, element.node, scope).code;
    // `-name:value` is one argument for a program
    const last = args[args.length - 1];
    if (last?.endsWith(":'"))
      args[args.length - 1] = `${last} + ${cx.helper('toPsString')}(${value})`;
    else args.push(value);
  }
  return {
    code: `(await ${cx.helper('invokeNative')}(${quote(name)}, [${args.join(', ')}]))`,
    type: 'any',
  };
}

/** `Get-Command <program> [-ErrorAction Stop]` → `getCommand('program', { errorAction: 'Stop' })`. */
function getCommand(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  input: Expr | undefined,
): Expr {
  if (input !== undefined) throw new NotPorted(node, 'piping into Get-Command');
  let target: string | undefined;
  let errorAction: string | undefined;
  const elements = commandElements(cx, node);
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const next = elements[i + 1];
    if (element.kind === 'argument' && target === undefined) {
      target = argumentExpression(cx, element.node, scope).code;
      continue;
    }
    if (element.kind === 'parameter' && next?.kind === 'argument') {
      const parameter = element.name.toLowerCase();
      if (parameter === 'name' && target === undefined) {
        target = argumentExpression(cx, next.node, scope).code;
        i++;
        continue;
      }
      if (parameter === 'erroraction' || parameter === 'ea') {
        errorAction = quote(unwrap(next.node).text.replace(/^['"]|['"]$/g, ''));
        i++;
        continue;
      }
    }
    throw new NotPorted(
      node,
      'Get-Command: only Get-Command <program> [-ErrorAction …] is translated',
    );
  }
  if (target === undefined) throw new NotPorted(node, 'Get-Command without a name');
  const options = errorAction === undefined ? '' : `, { errorAction: ${errorAction} }`;
  return { code: `${cx.helper('getCommand')}(${target}${options})`, type: 'any' };
}

function requireAsync(node: SyntaxNode, scope: Scope, name: string): void {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (!s.isAsync) throw new NotPorted(node, `${name} inside a pipeline script block`);
    if (s.kind === 'function' || s.kind === 'handler' || s.kind === 'setup' || s.kind === 'module')
      return;
  }
}
