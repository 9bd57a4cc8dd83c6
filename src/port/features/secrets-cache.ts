/**
 * The converter's code for Pode's cache and secrets where a table entry is not enough:
 * `$cache:name` and `$secret:name` reads and assignments (Pode rewrites them to `Get-PodeCache`/
 * `Set-PodeCache` and `Get-PodeSecret`/`Update-PodeSecret`; so do we, to the free functions),
 * `Register-PodeSecretVault -ModuleName` (the SecretStore module becomes pode-ts's local vault;
 * any other module cannot be loaded), and the set-up cmdlets used inside a route (their free
 * functions, since `s` is the set-up's).
 */
import { builderCall } from '../emit/builder.js';
import { bind, commandName } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { member, quote, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import type { PodeMapping } from '../tables/pode.js';

/** Set-up cmdlets that have a free function of the same name for use while running. */
const RUNTIME_BUILDER = new Set([
  'mount-podesecret',
  'register-podesecretvault',
  'add-podecachestorage',
  'set-podecachedefaultttl',
  'set-podecachedefaultstorage',
]);

/** A cache or secret cmdlet as a statement, or undefined when it is not one of ours. */
export function secretsCacheStatement(
  cx: EmitContext,
  node: SyntaxNode,
  mapping: PodeMapping | undefined,
  scope: Scope,
): string[] | undefined {
  const name = commandName(node);
  const lower = name.toLowerCase();
  if (mapping === undefined || !RUNTIME_BUILDER.has(lower)) return undefined;
  const lines =
    lower === 'register-podesecretvault'
      ? registerVault(cx, node, name, mapping, { ...scope, kind: 'setup' })
      : builderCall(cx, node, name, mapping, { ...scope, kind: 'setup' }, undefined);
  if (scope.kind === 'setup') return lines;
  // Inside a route or function: the free function of the same name, on the running server.
  cx.imports.add(mapping.name ?? '');
  return [lines[0].replace(/^s\./, ''), ...lines.slice(1)];
}

/** `$cache:name` / `$secret:name` read, or undefined for another drive. */
export function scopedRead(
  cx: EmitContext,
  node: SyntaxNode,
  drive: string,
  name: string,
  scope: Scope,
): Expr | undefined {
  const read = READS[drive];
  if (read === undefined) return undefined;
  requireAsync(node, scope, drive);
  cx.imports.add(read);
  // The grammar reads `$cache:cart.items` as one variable; PowerShell reads a member of `$cache:cart`.
  const [key, ...members] = name.split('.');
  const value = `(await ${read}${cx.ts('<any>')}(${quote(key)}))`;
  return { code: members.reduce((code, part) => member(`${code}?`, part), value), type: 'any' };
}

/**
 * An assignment (or ++/--) whose target is `$cache:name` or `$secret:name`, or undefined for
 * another target: `$cache:x = v` → `await setCache('x', v)`, `$secret:x = v` →
 * `await updateSecret('x', v)`. A member of one (`$cache:x.y = v`) is not translated: Pode
 * itself only rewrites the whole variable.
 */
export function scopedAssignment(
  cx: EmitContext,
  targetNode: SyntaxNode,
  scope: Scope,
  assign: (target: string) => string,
): string | undefined {
  const target = unwrap(targetNode);
  const match = /^\$\{?(cache|secret):([^}.]+)\}?$/i.exec(target.text);
  if (match === null) {
    if (/^\$\{?(cache|secret):/i.test(target.text))
      throw new NotPorted(
        targetNode,
        `a member of ${target.text.split(/[.[]/)[0]}: read the value, change it, and write the whole value back`,
      );
    return undefined;
  }
  const drive = match[1].toLowerCase();
  const key = quote(match[2]);
  requireAsync(targetNode, scope, drive);
  const read = `(await ${READS[drive]}${cx.ts('<any>')}(${key}))`;
  const change = assign(read);
  if (change.includes(read)) cx.imports.add(READS[drive]);
  // `read = value` / `read = f(read, …)`: the new value is what follows the first ` = `.
  const value = change.slice(read.length + 3);
  const write = drive === 'cache' ? 'setCache' : 'updateSecret';
  cx.imports.add(write);
  return `await ${write}(${key}, ${value})`;
}

const READS: Record<string, string> = { cache: 'getCache', secret: 'getSecret' };

/**
 * `Register-PodeSecretVault`: a custom vault from its script blocks (the table), or, for
 * `-ModuleName Microsoft.PowerShell.SecretStore`, pode-ts's local encrypted vault. Other
 * SecretManagement modules (Az.KeyVault…) are PowerShell modules pode-ts cannot load.
 */
function registerVault(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping,
  scope: Scope,
): string[] {
  const values = bind(cx, node, name);
  const module = values.get('ModuleName');
  if (module === undefined) return builderCall(cx, node, name, mapping, scope, undefined);
  const moduleName = module.kind === 'node' ? literalText(module.node) : undefined;
  if (moduleName === undefined || !/^Microsoft\.PowerShell\.SecretStore$/i.test(moduleName))
    throw new NotPorted(
      node,
      `Register-PodeSecretVault -ModuleName ${moduleName ?? module.node.text}: a PowerShell SecretManagement extension module, which pode-ts cannot load; register a custom vault (custom: { read, set, remove }) that calls the service's SDK (docs/secrets.md)`,
    );
  if (!values.has('UnlockSecret'))
    throw new NotPorted(
      node,
      'Register-PodeSecretVault -ModuleName Microsoft.PowerShell.SecretStore without -UnlockSecret (pode-ts’s local vault encrypts its file with it)',
    );
  cx.note(
    node,
    "Register-PodeSecretVault -ModuleName Microsoft.PowerShell.SecretStore → pode-ts's local vault: an encrypted file, ~/.pode-ts/secrets/<name>.json (docs/secrets.md)",
  );
  const { VaultParameters: _dropped, ...options } = mapping.options ?? {};
  const local: PodeMapping = {
    ...mapping,
    options,
    ignored: [...(mapping.ignored ?? []), 'ModuleName', 'VaultName', 'VaultParameters'],
  };
  const lines = builderCall(cx, node, name, local, scope, undefined);
  return [
    lines[0].replace('registerSecretVault({ ', 'registerSecretVault({ local: true, '),
    ...lines.slice(1),
  ];
}

/** A string literal or bareword's text, or undefined when the argument is computed. */
function literalText(node: SyntaxNode): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'generic_token' || inner.type === 'command_name') return inner.text;
  const text = inner.text;
  if (/^'[^']*'$/.test(text) || /^"[^"$`]*"$/.test(text)) return text.slice(1, -1);
  return undefined;
}

function requireAsync(node: SyntaxNode, scope: Scope, drive: string): void {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (!s.isAsync) throw new NotPorted(node, `$${drive}: inside a pipeline script block`);
    if (s.kind === 'function' || s.kind === 'handler' || s.kind === 'setup' || s.kind === 'module')
      return;
  }
}
