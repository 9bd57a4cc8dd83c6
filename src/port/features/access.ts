/**
 * The converter's code for the authorisation cmdlets that a table row cannot say
 * (src/port/tables/access.ts has the rest): `New-PodeAccessScheme -Custom`, a scheme piped into
 * `Add-PodeAccess`, `Add-PodeRoute -PassThru | Add-PodeAccessCustom`, and the script block of
 * `Merge-PodeAuth -Valid All -ScriptBlock { param($results) … }`.
 */
import type { BoundValue } from '../binder.js';
import {
  builderCall,
  checkUnmapped,
  convert,
  listNodes,
  mappedArguments,
  optionsObject,
} from '../emit/builder.js';
import { bind, commandName } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import type { Parameter } from '../emit/functions.js';
import { schemeCall } from '../emit/handlers.js';
import { camel } from '../emit/syntax.js';
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

/** The `$results` parameter of a Merge-PodeAuth script block and the authentications merged. */
interface MergeResults {
  variable: string;
  js: string;
  names: string[];
}

const mergeScopes = new WeakMap<Scope, MergeResults>();

// What Pode's $results.<AuthName> holds that pode-ts's results.<AuthName> also holds.
const RESULT_MEMBERS: Record<string, string> = { user: 'user', headers: 'headers' };

/**
 * `Merge-PodeAuth -ScriptBlock { param($results) … }` → `async (results, e) =>`. Pode passes one
 * hashtable: per authentication name, that authentication's result (`User`, `Headers`, and
 * `Success`/`Auth`, which pode-ts does not give); the block's `@{ User = … }` is read as the
 * merged user. Only `$results.<AuthName>.User` and `.Headers` are translated: any other use of
 * `$results` leaves the whole call a TODO.
 */
export function mergeAuthSignature(
  cx: EmitContext,
  node: SyntaxNode,
  block: SyntaxNode,
  params: readonly Parameter[],
  inner: Scope,
  values: Map<string, BoundValue>,
): string {
  inner.event = 'e';
  inner.validator = true;
  if (params.length > 1)
    throw new NotPorted(node, 'a Merge-PodeAuth script block with more than one parameter');
  const authentication = values.get('Authentication');
  if (authentication?.kind !== 'node')
    throw new NotPorted(node, 'Merge-PodeAuth without -Authentication');
  const names = listNodes(cx, authentication.node).map((item) => {
    if (!/^(\w+|'\w+'|"\w+")$/.test(item.text)) {
      throw new NotPorted(
        item,
        'a computed -Authentication name with a Merge-PodeAuth script block',
      );
    }
    return item.text.replace(/^['"]|['"]$/g, '');
  });
  const [parameter] = params;
  if (parameter === undefined) {
    if (/\$args\b/i.test(block.text))
      throw new NotPorted(
        node,
        '$args in a Merge-PodeAuth script block (name it with param($results))',
      );
    return 'async (_results, e) =>';
  }
  const js = camel(parameter.name);
  inner.vars.set(parameter.name.toLowerCase(), js);
  const variable = parameter.name.toLowerCase();
  const body = block.text.replace(/param\s*\([^)]*\)/i, '');
  const uses = body.match(new RegExp(`\\$${variable}\\b(${RESULT_ENTRY})?(\\.\\w+)?`, 'gi')) ?? [];
  const merge = { variable, js, names };
  for (const use of uses) {
    const member = /\.(\w+)$/.exec(use);
    const entry = member === null ? use : use.slice(0, -member[0].length);
    if (
      member === null ||
      resultEntry(entry, merge) === undefined ||
      RESULT_MEMBERS[member[1].toLowerCase()] === undefined
    ) {
      throw new NotPorted(
        node,
        `${use} in a Merge-PodeAuth script block (only $${parameter.name}.<AuthName>.User and .Headers are translated)`,
      );
    }
  }
  mergeScopes.set(inner, merge);
  return `async (${js}, e) =>`;
}

// `.Name` or `['Name']` after the results variable
const RESULT_ENTRY = `\\.\\w+|\\[\\s*'\\w+'\\s*\\]|\\[\\s*"\\w+"\\s*\\]`;

// `$results.Name` / `$results['Name']` → the authentication name as given to -Authentication.
function resultEntry(text: string, merge: MergeResults): string | undefined {
  const match = new RegExp(`^\\$${merge.variable}(${RESULT_ENTRY})$`, 'i').exec(text.trim());
  if (match === null) return undefined;
  const key = match[1].replace(/^\.|^\[\s*['"]|['"]\s*\]$/g, '').toLowerCase();
  return merge.names.find((n) => n.toLowerCase() === key);
}

function mergeScope(scope: Scope): MergeResults | undefined {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    const merge = mergeScopes.get(s);
    if (merge !== undefined) return merge;
    if (s.kind === 'function') return undefined;
  }
  return undefined;
}

/**
 * Inside a Merge-PodeAuth script block: `$results.<AuthName>` / `$results['<AuthName>']` →
 * `results.<AuthName>`, and its `.User` / `.Headers` → `.user` / `.headers`.
 */
export function mergeResultsMember(
  object: SyntaxNode,
  parentCode: string,
  name: string,
  scope: Scope,
): Expr | undefined {
  const merge = mergeScope(scope);
  if (merge === undefined) return undefined;
  if (object.text.toLowerCase() === `$${merge.variable}`) {
    const auth = resultEntry(`${object.text}.${name}`, merge);
    return auth === undefined ? undefined : { code: `${merge.js}.${auth}`, type: 'any' };
  }
  const mapped = RESULT_MEMBERS[name.toLowerCase()];
  if (mapped === undefined || resultEntry(object.text, merge) === undefined) return undefined;
  return { code: `${parentCode}.${mapped}`, type: 'any' };
}

/** `$results['<AuthName>']` inside a Merge-PodeAuth script block → `results.<AuthName>`. */
export function mergeResultsIndex(node: SyntaxNode, scope: Scope): Expr | undefined {
  const merge = mergeScope(scope);
  if (merge === undefined) return undefined;
  const auth = resultEntry(node.text, merge);
  return auth === undefined ? undefined : { code: `${merge.js}.${auth}`, type: 'any' };
}

/** `s.mergeAuth(name, { …, scriptBlock: async (results, e) => { … } })`. */
export function mergeAuthLines(
  args: readonly string[],
  options: string,
  handler: string[],
): string[] {
  const inner = options === '' ? '' : `${options.slice(2, -2)}, `;
  const [first, ...rest] = handler;
  return [
    `s.mergeAuth(${args.join(', ')}, { ${inner}scriptBlock: ${first}`,
    ...rest.slice(0, -1),
    `${rest[rest.length - 1]} });`,
  ];
}
