/**
 * Authentication translation beyond the tables: `New-PodeAuthScheme -AsCredential` (the validator
 * gets a PSCredential; in pode-ts it gets the `{ username, password }` object itself), the
 * members of a `-ClientCertificate` validator's certificate, `Add-PodeAuthUserFile`'s call, and the
 * OAuth2 presets (`New-PodeAuthAzureADScheme`, `ConvertFrom-PodeOIDCDiscovery`).
 */

import type { BoundValue } from '../binder.js';
import { convert, optionsObject } from '../emit/builder.js';
import { commandName } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { all, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import type { PodeMapping } from '../tables/pode.js';

/** The credential parameter of the validator this scope is in (`creds`), if any. */
function credentialOf(scope: Scope): Scope['credential'] {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.credential !== undefined) return s.credential;
    if (s.kind === 'handler' || s.kind === 'setup') return undefined;
  }
  return undefined;
}

const NETWORK_MEMBERS: Record<string, string> = { username: 'username', password: 'password' };

/**
 * `$creds.UserName` → `creds.username`; `$creds.GetNetworkCredential().UserName` / `.Password`
 * → `creds.username` / `creds.password`. `$creds.Password` (a SecureString) and `.Domain` stay
 * TODOs: pode-ts's credentials are plain strings with no domain.
 */
export function credentialMember(object: SyntaxNode, name: string, scope: Scope): Expr | undefined {
  const credential = credentialOf(scope);
  if (credential === undefined) return undefined;
  const target = unwrap(object);
  const lower = name.toLowerCase();
  if (credential.kind === 'certificate') return certificateMember(target, name, credential);
  if (isCredential(target, credential.ps)) {
    if (lower === 'username') return { code: `${credential.js}.username`, type: 'string' };
    throw new NotPorted(
      object.parent ?? object,
      `$${credential.ps}.${name} (a PSCredential member pode-ts's { username, password } has not; use .GetNetworkCredential().Password for the password)`,
    );
  }
  if (isNetworkCredential(target, credential.ps)) {
    const key = NETWORK_MEMBERS[lower];
    if (key === undefined)
      throw new NotPorted(
        target,
        `GetNetworkCredential().${name} (pode-ts's credentials have only username and password)`,
      );
    return { code: `${credential.js}.${key}`, type: 'string' };
  }
  return undefined;
}

/** X509Certificate2 members with the same value in pode-ts's ClientCertificate. */
const CERTIFICATE_MEMBERS: Record<string, { js: string; type: 'string' | 'date' }> = {
  thumbprint: { js: 'thumbprint', type: 'string' },
  serialnumber: { js: 'serialNumber', type: 'string' },
  notbefore: { js: 'notBefore', type: 'date' },
  notafter: { js: 'notAfter', type: 'date' },
};

/** `$cert.Thumbprint` → `cert.thumbprint` (and the other members whose values agree). */
function certificateMember(
  target: SyntaxNode,
  name: string,
  credential: { ps: string; js: string },
): Expr | undefined {
  if (!isCredential(target, credential.ps)) return undefined;
  const mapped = CERTIFICATE_MEMBERS[name.toLowerCase()];
  if (mapped === undefined)
    throw new NotPorted(
      target.parent ?? target,
      `$${credential.ps}.${name} (pode-ts's client certificate has thumbprint, serialNumber, notBefore, notAfter as .NET has them; subject and issuer are written differently, and x509 holds the rest)`,
    );
  return { code: `${credential.js}.${mapped.js}`, type: mapped.type };
}

/** `$creds.GetNetworkCredential()` on its own → the credentials object. */
export function credentialInvocation(node: SyntaxNode, scope: Scope): Expr | undefined {
  const credential = credentialOf(scope);
  if (credential === undefined || credential.kind === 'certificate') return undefined;
  if (isNetworkCredential(node, credential.ps)) return { code: credential.js, type: 'object' };
  const [object] = all(node);
  if (object !== undefined && isCredential(unwrap(object), credential.ps))
    throw new NotPorted(
      node,
      `a PSCredential method (${node.text}) pode-ts's credentials have not`,
    );
  return undefined;
}

function isCredential(node: SyntaxNode, ps: string): boolean {
  return node.type === 'variable' && node.text.toLowerCase() === `$${ps}`;
}

function isNetworkCredential(node: SyntaxNode, ps: string): boolean {
  if (node.type !== 'invokation_expression' && node.type !== 'invocation_expression') return false;
  const [object, , method] = all(node);
  return (
    object !== undefined &&
    isCredential(unwrap(object), ps) &&
    method?.text.toLowerCase() === 'getnetworkcredential'
  );
}

/**
 * `Add-PodeAuthUserFile … -ScriptBlock { … }` → `s.addAuthUserFile(name, scheme, { …, scriptBlock:
 * async (user, e) => { … } })`: the script block is an option, after the others. The same for
 * `Add-PodeAuthWindowsAd` (`s.addAuthWindowsAd`).
 */
export function userFileLines(
  method: 'addAuthUserFile' | 'addAuthWindowsAd',
  args: readonly string[],
  options: string,
  handler: string[] | undefined,
): string[] {
  const head = `s.${method}(${args.join(', ')}`;
  if (handler === undefined) return [`${head}${options === '' ? '' : `, ${options}`});`];
  const [first, ...rest] = handler;
  const inner = options === '' ? '' : `${options.slice(2, -2)}, `;
  return [
    `${head}, { ${inner}scriptBlock: ${first}`,
    ...rest.slice(0, -1),
    `${rest[rest.length - 1]} });`,
  ];
}

/** `New-PodeAuthAzureADScheme` → `azureAD({…})`; `ConvertFrom-PodeOIDCDiscovery` → `await oidcDiscovery(url, {…})`. */
export function oauth2Preset(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  scope: Scope,
): Expr | undefined {
  const factory = mapping.name;
  if (factory !== 'azureAD' && factory !== 'oidcDiscovery') return undefined;
  for (const param of values.keys()) {
    if (param !== 'Url' && mapping.options?.[param] === undefined)
      throw new NotPorted(node, `${commandName(node)} -${param} (no equivalent in pode-ts)`);
  }
  cx.imports.add(factory);
  const options = optionsObject(cx, values, mapping, scope, node);
  if (factory === 'azureAD') return { code: `azureAD(${options})`, type: 'any' };
  const url = values.get('Url');
  if (url === undefined) throw new NotPorted(node, 'ConvertFrom-PodeOIDCDiscovery without -Url');
  const address = convert(cx, url, 'string', scope, node);
  return { code: `await oidcDiscovery(${address}, ${options})`, type: 'any' };
}
