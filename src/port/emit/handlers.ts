/**
 * Script blocks passed to Pode cmdlets: route/middleware/auth handlers, route files (-FilePath)
 * and authentication schemes.
 */

import type { BoundValue } from '../binder.js';
import { mergeAuthSignature } from '../features/access.js';
import { oauth2Preset } from '../features/auth.js';
import { backgroundSignature } from '../features/background.js';
import { mcpToolSignature } from '../features/mcp.js';
import { realtimeHandlerSignature } from '../features/realtime.js';
import { tcpHandlerSignature } from '../features/tcp.js';
import { keyFolder, pathArgument } from '../includes.js';
import type { SyntaxNode } from '../parser.js';
import type { HandlerKind, PodeMapping } from '../tables/pode.js';
import { callLines, listNodes, optionsObject } from './builder.js';
import { commandElements, commandName } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { emitExpression } from './expressions.js';
import { collectParameters, findParamBlock, functionBody } from './functions.js';
import { commentLines, todo } from './statements.js';
import { all, camel, findScriptBlockExpression, named, unwrap } from './syntax.js';

export function scriptBlockBody(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const block = unwrap(node);
  if (block.type !== 'script_block_expression')
    throw new NotPorted(node, 'a script block held in a variable');
  const inner = named(block).find((child) => child.type === 'script_block');
  if (inner === undefined) {
    return named(block)
      .filter((child) => child.type === 'comment')
      .flatMap((c) => commentLines(c));
  }
  const lines = functionBody(cx, inner, scope);
  const comments = named(block).filter((child) => child.type === 'comment');
  return [...comments.flatMap((c) => commentLines(c)), ...lines];
}

export function boundSchemeKind(
  cx: EmitContext,
  scheme: BoundValue | undefined,
  scope: Scope,
): string | undefined {
  if (scheme === undefined || scheme.kind !== 'node') return undefined;
  const node = unwrap(scheme.node);
  if (node.type === 'variable') return cx.schemeVars.get(node.text.toLowerCase());
  if (node.type === 'command') return schemeKindOf(cx, node);
  void scope;
  return undefined;
}

/** The `New-PodeAuthScheme -OAuth2` parameters oauth2() takes. */
const OAUTH2_PARAMS = new Set([
  'OAuth2',
  'ClientId',
  'ClientSecret',
  'RedirectUrl',
  'UsePKCE',
  'InnerScheme',
  'AuthoriseUrl',
  'TokenUrl',
  'UserUrl',
  'UserUrlMethod',
  'CodeChallengeMethod',
  'Scope',
]);

const SCHEME_COMMANDS = new Set([
  'new-podeauthscheme',
  'new-podeauthazureadscheme',
  'convertfrom-podeoidcdiscovery',
]);

/** The switches of `New-PodeAuthScheme` that pick its kind, in Pode's order. */
const SCHEME_KINDS = [
  'Basic',
  'Form',
  'Bearer',
  'ApiKey',
  'Digest',
  'ClientCertificate',
  'Custom',
  'OAuth2',
] as const;

export function schemeKindOf(cx: EmitContext, node: SyntaxNode): string | undefined {
  if (commandName(node).toLowerCase() !== 'new-podeauthscheme') return 'OAuth2';
  const elements = commandElements(cx, node);
  for (const element of elements) {
    if (element.kind !== 'parameter') continue;
    const kind = SCHEME_KINDS.find((k) => k.toLowerCase().startsWith(element.name.toLowerCase()));
    // -AsJWT: the validator gets the verified payload (src/port/tables/access.ts).
    const jwt = elements.some((e) => e.kind === 'parameter' && e.name.toLowerCase() === 'asjwt');
    // -AsCredential: the validator gets one credentials object (src/port/features/auth.ts).
    const creds = elements.some(
      (e) => e.kind === 'parameter' && e.name.toLowerCase() === 'ascredential',
    );
    if (kind !== undefined) return jwt ? `${kind}Jwt` : creds ? `${kind}Creds` : kind;
  }
  return 'Basic';
}

export function handlerLines(
  cx: EmitContext,
  node: SyntaxNode,
  kind: HandlerKind,
  scope: Scope,
  values: Map<string, BoundValue>,
  schemeKind: string | undefined,
): string[] {
  const block = unwrap(node);
  if (block.type === 'variable') {
    const name = emitExpression(cx, block, scope);
    return [name.code];
  }
  if (block.type !== 'script_block_expression') {
    const error = new NotPorted(node, 'a script block that is not written in place');
    // A route's (or middleware's) body runs per request: the server still starts, and the
    // request that would run it gets the PODE_ERR_NOT_PORTED error (a 500, logged).
    if (kind !== 'route' && kind !== 'middleware' && kind !== 'endware') throw error;
    return ['async () => {', ...todo(cx, node, error).map((line) => `  ${line}`), '}'];
  }
  const event =
    kind === 'route' || kind === 'middleware' || kind === 'endware' || kind === 'page' ? 'e' : null;
  const inner: Scope = {
    kind: 'handler',
    event,
    vars: new Map(),
    parent: scope,
    hoisted: new Set(),
    isAsync: true,
  };
  if (kind === 'inline') inner.kind = 'function';
  // `{ param($x) … }` on one line: the param block is beside the script block, not in it
  const paramBlock = findParamBlock(block);
  const params = collectParameters(paramBlock);
  const argumentList = values.get('ArgumentList');
  const prologue: string[] = [];
  let signature: string;
  if (kind === 'auth' && schemeKind === 'UserFile') {
    // Add-PodeAuthUserFile -ScriptBlock { param($user) … }: called with the file's user
    if (params.length > 1) throw new NotPorted(node, 'validator parameters past the user');
    inner.event = 'e';
    inner.validator = true;
    const [user] = params;
    if (user !== undefined) inner.vars.set(user.name.toLowerCase(), camel(user.name));
    // the file's user is whatever JSON the file holds (Metadata above all)
    signature = `async (${user === undefined ? '_user' : `${camel(user.name)}${cx.ts(': any')}`}, e) =>`;
    return handlerBody(cx, node, block, inner, kind, signature, []);
  }
  if (kind === 'auth' && schemeKind?.endsWith('Creds') && params.length <= 1) {
    // -AsCredential: Pode passes a PSCredential; pode-ts passes { username, password }
    const [credential] = params;
    inner.event = 'e';
    inner.validator = true;
    if (credential !== undefined) {
      const js = camel(credential.name);
      inner.vars.set(credential.name.toLowerCase(), js);
      inner.credential = { ps: credential.name.toLowerCase(), js };
    }
    signature =
      credential === undefined
        ? 'async (_credentials, e) =>'
        : `async (${inner.credential?.js}, e) =>`;
    return handlerBody(cx, node, block, inner, kind, signature, []);
  }
  if (kind === 'auth') {
    const keys = schemeKind?.endsWith('Jwt')
      ? ['payload']
      : schemeKind === 'OAuth2'
        ? ['user', 'accessToken', 'refreshToken', 'response']
        : schemeKind === 'Bearer'
          ? ['token']
          : schemeKind === 'ApiKey'
            ? ['key']
            : schemeKind === 'Digest'
              ? ['username', 'params']
              : schemeKind === 'ClientCertificate'
                ? ['cert', 'errors']
                : schemeKind === 'Custom'
                  ? undefined
                  : ['username', 'password'];
    if (keys === undefined) {
      // Pode splats what a custom scheme returns (an array) onto the validator's parameters
      const names = params.map((parameter) => {
        const jsName = camel(parameter.name);
        inner.vars.set(parameter.name.toLowerCase(), jsName);
        return jsName;
      });
      inner.event = 'e';
      inner.validator = true;
      signature =
        names.length === 0
          ? 'async (_credentials, e) =>'
          : `async ([${names.join(', ')}]${cx.ts(': any')}, e) =>`;
      return handlerBody(cx, node, block, inner, kind, signature, []);
    }
    const names = params.flatMap((parameter, i) => {
      const jsName = camel(parameter.name);
      inner.vars.set(parameter.name.toLowerCase(), jsName);
      const key = keys[i];
      if (key === undefined) {
        // Pode fills the parameters past the credentials from -ArgumentList: $null without one
        if (values.has('ArgumentList'))
          throw new NotPorted(node, 'validator parameters past the credentials');
        prologue.push(
          `const ${jsName}${cx.ts(': any')} = null; // Pode passes nothing here (no -ArgumentList)`,
        );
        return [];
      }
      return [key === jsName ? key : `${key}: ${jsName}`];
    });
    inner.event = 'e';
    inner.validator = true;
    if (schemeKind === 'ClientCertificate' && params[0] !== undefined)
      inner.credential = {
        ps: params[0].name.toLowerCase(),
        js: camel(params[0].name),
        kind: 'certificate',
      };
    // a scheme held in a variable is typed any: the OAuth2 credentials' type is named for TS
    const typed = schemeKind === 'OAuth2' ? cx.ts(': OAuth2Credentials') : '';
    if (typed !== '') cx.imports.add('type OAuth2Credentials');
    signature = `async ({ ${names.join(', ')} }${typed}, e) =>`;
    if (names.length === 0) signature = 'async (_credentials, e) =>';
  } else if (kind === 'merge-auth') {
    signature = mergeAuthSignature(cx, node, block, params, inner, values);
  } else if (realtimeHandlerSignature(kind, inner) !== undefined) {
    signature = realtimeHandlerSignature(kind, inner) as string;
  } else if (kind === 'mcp-tool') {
    signature = mcpToolSignature(cx, params, inner);
  } else if (kind === 'custom-scheme') {
    // Pode passes the scheme's -ArgumentList (none here) to its parameters
    inner.event = 'e';
    signature = 'async (e) =>';
    for (const parameter of params) {
      const jsName = camel(parameter.name);
      inner.vars.set(parameter.name.toLowerCase(), jsName);
      if (
        new RegExp(`\\$${parameter.name}\\b`, 'i').test(
          block.text.replace(/param\s*\([^)]*\)/i, ''),
        )
      )
        prologue.push(`const ${jsName} = null;`);
    }
  } else if (kind === 'page') {
    inner.page = true;
    // Add-PodePage splats -Data onto the script block's parameters by name
    const keys = params.map((parameter) => {
      const js = camel(parameter.name);
      inner.vars.set(parameter.name.toLowerCase(), js);
      return parameter.name === js ? js : `${parameter.name}: ${js}`;
    });
    signature =
      keys.length === 0 ? 'async (e) =>' : `async (e, { ${keys.join(', ')} }${cx.ts(': any')}) =>`;
  } else if (event !== null || kind === 'verb' || kind === 'handler') {
    signature = tcpHandlerSignature(kind, inner) ?? 'async (e) =>';
    // a verb's Write-PodeTcpClient and Read-PodeTcpClient are its event's methods
    if (kind === 'verb') inner.event = 'e';
    if (params.length > 0) {
      if (argumentList === undefined || argumentList.kind !== 'node')
        throw new NotPorted(node, 'script block parameters without -ArgumentList');
      const items = listNodes(cx, argumentList.node);
      params.forEach((parameter, i) => {
        const jsName = camel(parameter.name);
        inner.vars.set(parameter.name.toLowerCase(), jsName);
        const item = items[i];
        prologue.push(
          `const ${jsName} = ${item === undefined ? 'undefined' : emitExpression(cx, item, scope).code};`,
        );
      });
    }
  } else {
    signature =
      backgroundSignature(kind, params, inner, block.text, cx) ??
      `async (${params.map((p) => camel(p.name)).join(', ')}) =>`;
    for (const p of params) inner.vars.set(p.name.toLowerCase(), camel(p.name));
  }
  return handlerBody(cx, node, block, inner, kind, signature, prologue);
}

function handlerBody(
  cx: EmitContext,
  node: SyntaxNode,
  block: SyntaxNode,
  inner: Scope,
  kind: HandlerKind,
  signature: string,
  prologue: string[],
): string[] {
  const body = scriptBlockBody(cx, block, inner);
  if (kind === 'middleware' && !body.some((line) => /\breturn\b/.test(line))) {
    // Pode runs the next middleware only when one returns $true.
    cx.note(
      node,
      'a middleware that returns nothing stops the request in Pode; in pode-ts it continues',
    );
  }
  return [`${signature} {`, ...[...prologue, ...body].map((line) => `  ${line}`), '}'];
}

export function routeFile(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  scope: Scope,
): string[] {
  const options = optionsObject(cx, values, mapping, scope, node);
  const handler = fileHandlerLines(cx, node, values, 'route', scope);
  return callLines(`s.addRoute(${options}`, handler, '');
}

/**
 * The handler of a cmdlet whose script block is in a file of its own (`Add-PodeRoute`,
 * `Add-PodeTimer`, `Add-PodeSchedule`, `Add-PodeTask` with `-FilePath './x.ps1'`): the file's
 * one script block, converted as if it were written in place (Pode reads it the same way).
 */
export function fileHandlerLines(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  kind: HandlerKind,
  scope: Scope,
): string[] {
  const file = values.get('FilePath');
  const command = commandName(node);
  if (file === undefined || file.kind !== 'node' || cx.options.include === undefined)
    throw new NotPorted(node, `${command} -FilePath`);
  // the key the include scan gave the same argument (src/port/includes.ts)
  const key = pathArgument(node.text, 'FilePath', cx.keyContext(), false);
  if (key === undefined) throw new NotPorted(file.node, 'a computed -FilePath');
  const included = cx.options.include(key);
  if ('error' in included) throw new NotPorted(file.node, included.error);
  const block = findScriptBlockExpression(included.root);
  if (block === undefined)
    throw new NotPorted(file.node, `${key}: a -FilePath script that is not one script block`);
  return cx.withText(
    included.text,
    () => handlerLines(cx, block, kind, scope, values, undefined),
    included.operators,
    node.startIndex,
    keyFolder(key),
  );
}

export function schemeCall(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  scope: Scope,
): Expr {
  const preset = oauth2Preset(cx, node, values, mapping, scope);
  if (preset !== undefined) return preset;
  const kind = SCHEME_KINDS.find((k) => values.has(k));
  if (kind === undefined && values.has('Negotiate'))
    throw new NotPorted(
      node,
      'New-PodeAuthScheme -Negotiate (Kerberos/NTLM needs the Windows or GSSAPI security libraries, which pode-ts does not bind; put a reverse proxy that does Negotiate in front, or use another scheme)',
    );
  if (kind === undefined) throw new NotPorted(node, 'this New-PodeAuthScheme');
  if (kind === 'Custom') {
    const reader = values.get('ScriptBlock');
    if (reader === undefined || reader.kind !== 'node')
      throw new NotPorted(node, 'New-PodeAuthScheme -Custom without a script block');
    for (const param of values.keys()) {
      if (param !== 'Custom' && param !== 'ScriptBlock')
        throw new NotPorted(node, `New-PodeAuthScheme -Custom -${param}`);
    }
    cx.imports.add('custom');
    const lines = handlerLines(cx, reader.node, 'custom-scheme', scope, values, undefined);
    // set-up statements sit one level in: the reader's lines are indented to match
    return {
      code: `custom(${lines.map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n')})`,
      type: 'any',
    };
  }
  // -AsCredential changes only what the validator is given (handlerLines)
  values.delete('AsCredential');
  for (const param of values.keys()) {
    if (param !== kind && mapping.options?.[param] === undefined)
      throw new NotPorted(node, `New-PodeAuthScheme -${param} (no equivalent in pode-ts)`);
  }
  const factory =
    kind === 'ApiKey'
      ? 'apiKey'
      : kind === 'ClientCertificate'
        ? 'clientCertificate'
        : kind.toLowerCase();
  if (kind === 'OAuth2') {
    const stray = [...values.keys()].find((param) => !OAUTH2_PARAMS.has(param));
    if (stray !== undefined)
      throw new NotPorted(node, `New-PodeAuthScheme -OAuth2 -${stray} (no equivalent in oauth2())`);
    if (!values.has('ClientId'))
      throw new NotPorted(node, 'New-PodeAuthScheme -OAuth2 without -ClientId');
  }
  cx.imports.add(factory);
  const options = optionsObject(cx, values, mapping, scope, node);
  return { code: `${factory}(${options})`, type: 'any' };
}

/** `$scheme = New-PodeAuthScheme -X …`: remembers the kind for `$scheme | Add-PodeAuth`. */
export function rememberScheme(cx: EmitContext, assignment: SyntaxNode): void {
  const [target] = all(assignment);
  const value = assignment.childForFieldName('value') ?? all(assignment)[2];
  const command = value === undefined ? undefined : unwrap(value);
  const name = command?.type === 'command' ? commandName(command).toLowerCase() : '';
  if (command === undefined || !SCHEME_COMMANDS.has(name)) return;
  const kind = schemeKindOf(cx, command);
  if (kind !== undefined) cx.schemeVars.set(unwrap(target).text.toLowerCase(), kind);
}
