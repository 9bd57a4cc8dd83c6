/**
 * The converter's code for the authorisation cmdlets that a table row cannot say
 * (src/port/tables/access.ts has the rest): `New-PodeAccessScheme -Custom`, a scheme piped into
 * `Add-PodeAccess`, and `Add-PodeRoute -PassThru | Add-PodeAccessCustom`.
 */
import type { BoundValue } from '../binder.js';
import {
  builderCall,
  checkUnmapped,
  convert,
  mappedArguments,
  optionsObject,
} from '../emit/builder.js';
import { bind, commandName } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { schemeCall } from '../emit/handlers.js';
import type { SyntaxNode } from '../parser.js';
import { accessCmdlets } from '../tables/access.js';
import { podeCmdlets } from '../tables/pode.js';

/**
 * `New-PodeAccessScheme -Custom …` → `newAccessScheme({ type: 'custom', … })`, and
 * `New-PodeAuthScheme -AsJWT` without `-Secret` (Pode then accepts unsigned tokens) →
 * `{ asJwt: true, allowNone: true }`, said in a note; undefined for anything else.
 */
export function accessExpression(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  values: Map<string, BoundValue>,
  scope: Scope,
): Expr | undefined {
  const lower = name.toLowerCase();
  if (lower === 'new-podeauthscheme') return unsignedJwtScheme(cx, node, values, scope);
  if (lower !== 'new-podeaccessscheme' || !values.has('Custom')) return undefined;
  const custom = values.get('Custom');
  values.delete('Custom');
  if (custom?.kind === 'switch' && !custom.value) return undefined;
  const mapping = accessCmdlets['New-PodeAccessScheme'];
  checkUnmapped(cx, values, mapping, name, node);
  const options = optionsObject(cx, values, mapping, scope, node);
  cx.imports.add('newAccessScheme');
  const inner = options === '' ? '' : `, ${options.slice(2, -2)}`;
  return { code: `newAccessScheme({ type: 'custom'${inner} })`, type: 'any' };
}

function unsignedJwtScheme(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  scope: Scope,
): Expr | undefined {
  const asJwt = values.get('AsJWT');
  if (asJwt === undefined || values.has('Secret') || (asJwt.kind === 'switch' && !asJwt.value)) {
    return undefined;
  }
  const scheme = schemeCall(cx, node, values, podeCmdlets['New-PodeAuthScheme'], scope);
  cx.note(
    node,
    'New-PodeAuthScheme -AsJWT without -Secret accepts unsigned tokens (alg none) in Pode: kept with allowNone: true; give a secret or publicKey to require signed tokens',
  );
  return { ...scheme, code: scheme.code.replace('asJwt: true', 'asJwt: true, allowNone: true') };
}

/**
 * The pipelines of access set-up: `<scheme> | Add-PodeAccess -Name …` and
 * `Add-PodeRoute … -PassThru | Add-PodeAccessCustom -Name … -Value …`. Undefined for any other.
 */
export function accessPipeline(
  cx: EmitContext,
  parts: readonly SyntaxNode[],
  scope: Scope,
): string[] | undefined {
  if (parts.length !== 2) return undefined;
  const [first, last] = parts;
  if (last.type !== 'command') return undefined;
  const lastName = commandName(last).toLowerCase();
  if (lastName === 'add-podeaccess') return addAccess(cx, last, first, scope);
  if (lastName === 'add-podeaccesscustom') return addAccessCustom(cx, first, last, scope);
  return undefined;
}

function addAccess(cx: EmitContext, node: SyntaxNode, scheme: SyntaxNode, scope: Scope): string[] {
  if (scope.kind !== 'setup') throw new NotPorted(node, 'Add-PodeAccess outside Start-PodeServer');
  const mapping = accessCmdlets['Add-PodeAccess'];
  const values = bind(cx, node, 'Add-PodeAccess');
  values.set('Scheme', { kind: 'node', node: scheme });
  checkUnmapped(cx, values, mapping, 'Add-PodeAccess', node);
  const args = mappedArguments(cx, values, mapping, 'Add-PodeAccess', scope, node);
  const options = optionsObject(cx, values, mapping, scope, node);
  if (options !== '') args.push(options);
  return [`s.addAccess(${args.join(', ')});`];
}

// The route's own call with `customAccess: { <name>: <value> }` added to its options.
function addAccessCustom(
  cx: EmitContext,
  route: SyntaxNode,
  node: SyntaxNode,
  scope: Scope,
): string[] {
  if (route.type !== 'command' || commandName(route).toLowerCase() !== 'add-poderoute') {
    throw new NotPorted(node, 'Add-PodeAccessCustom not piped from Add-PodeRoute -PassThru');
  }
  const values = bind(cx, node, 'Add-PodeAccessCustom');
  const name = values.get('Name');
  const value = values.get('Value');
  if (name === undefined || value === undefined) {
    throw new NotPorted(node, 'Add-PodeAccessCustom without -Name and -Value');
  }
  const key = convert(cx, name, 'string', scope, node);
  const entry = /^'[A-Za-z_$][\w$]*'$/.test(key) ? key.slice(1, -1) : `[${key}]`;
  const custom = `customAccess: { ${entry}: ${convert(cx, value, 'value', scope, node)} }`;
  const lines = builderCall(
    cx,
    route,
    'Add-PodeRoute',
    podeCmdlets['Add-PodeRoute'],
    scope,
    undefined,
  );
  const head = 's.addRoute({ ';
  if (!lines[0].startsWith(head))
    throw new NotPorted(route, 'this Add-PodeRoute with Add-PodeAccessCustom');
  return [`${head}${lines[0].slice(head.length).replace(/^/, `${custom}, `)}`, ...lines.slice(1)];
}
