/**
 * The converter's code for issue 16's cmdlets where a table entry is not enough (the mappings
 * themselves are in ../tables/pode.ts): route groups, whose `-Routes` block becomes
 * `(g) => { g.addRoute(…) }`; pipelines into a cmdlet's pipeline parameter
 * (`New-PodeLogTerminalMethod | Enable-PodeLogErrorType`, `$rows | Write-PodeCsvResponse`);
 * the older `New-PodeLoggingMethod -Terminal | -File | -Custom`; and Pode's log level names.
 */

import type { BoundValue } from '../binder.js';
import { builderCall, callLines, convert, listItems, optionsObject } from '../emit/builder.js';
import { bind, commandName, podeCall } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { scriptBlockBody } from '../emit/handlers.js';
import { pipelineParts, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import { type PodeMapping, podeCmdlets } from '../tables/pode.js';

/** The builder methods a route group's `g` has. */
const GROUP_METHODS = new Set([
  'addRoute',
  'addStaticRoute',
  'addRouteGroup',
  'addStaticRouteGroup',
]);

/** Where a builder method is called: the nearest route group's `g` for routes, else `s`. */
export function builderReceiver(scope: Scope, method: string | undefined): string {
  if (method === undefined || !GROUP_METHODS.has(method)) return 's';
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.builder !== undefined) return s.builder;
  }
  return 's';
}

/**
 * `Add-PodeRouteGroup -Path '/api' … -Routes { Add-PodeRoute … }` →
 * `s.addRouteGroup({ path: '/api', … }, (g) => { g.addRoute(…); })` (also nested, and static).
 */
export function routeGroupCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping,
  scope: Scope,
  values: Map<string, BoundValue>,
): string[] {
  const routes = values.get('Routes');
  if (routes === undefined || routes.kind !== 'node')
    throw new NotPorted(node, `${name} without a -Routes script block`);
  let options = optionsObject(cx, values, mapping, scope, node);
  // Pode's -Path is optional: no prefix, which is the group at '/' in pode-ts
  if (!values.has('Path'))
    options = options === '' ? "{ path: '/' }" : `{ path: '/', ${options.slice(2)}`;
  const inner: Scope = {
    kind: 'setup',
    event: null,
    vars: new Map(),
    parent: scope,
    hoisted: new Set(),
    // the routes function of a group is synchronous
    isAsync: false,
    builder: 'g',
  };
  const body = scriptBlockBody(cx, routes.node, inner);
  if (cx.options.language === 'ts') cx.imports.add('type RouteGroup');
  const head = `${builderReceiver(scope, mapping.name)}.${mapping.name}(${options}`;
  return callLines(
    head,
    [`(g${cx.ts(': RouteGroup')}) => {`, ...body.map((l) => `  ${l}`), '}'],
    '',
  );
}

/**
 * A statement `<value> | <cmdlet>` where the cmdlet takes pipeline input in one parameter
 * (`pipeInput` in the table): the value is bound to that parameter. Undefined when not such a
 * pipeline.
 */
export function pipedCall(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] | undefined {
  const parts = pipelineParts(node);
  if (parts.length !== 2) return undefined;
  const last = unwrap(parts[1]);
  if (last.type !== 'command') return undefined;
  const name = commandName(last);
  const entry = Object.entries(podeCmdlets).find(
    ([key]) => key.toLowerCase() === name.toLowerCase(),
  );
  if (entry === undefined || entry[1].pipeInput === undefined) return undefined;
  const [spelling, mapping] = entry;
  if (mapping.target === 'builder')
    return builderCall(cx, last, spelling, mapping, scope, parts[0]);
  return [`${podeCall(cx, last, spelling, mapping, scope, undefined, parts[0]).code};`];
}

/** Pode's log levels as pode-ts spells them. */
const LEVELS = [
  'Emergency',
  'Alert',
  'Critical',
  'Error',
  'Warning',
  'Notice',
  'Informational',
  'Verbose',
  'Debug',
];

/** `-Levels Error, warning` → `['Error', 'Warning']`; `-Level debug` → `'Debug'`; `*` stays. */
export function logLevels(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  single: boolean,
): string {
  const items = listItems(cx, node, scope).map((item) => {
    const literal = /^'([^']*)'$/.exec(item);
    if (literal === null) throw new NotPorted(node, 'a computed log level');
    const level =
      literal[1] === '*' ? '*' : LEVELS.find((l) => l.toLowerCase() === literal[1].toLowerCase());
    if (level === undefined || (single && level === '*'))
      throw new NotPorted(node, `the log level ${literal[1]}`);
    return `'${level}'`;
  });
  if (single) {
    if (items.length !== 1) throw new NotPorted(node, 'several log levels');
    return items[0];
  }
  return `[${items.join(', ')}]`;
}

/**
 * The older `New-PodeLoggingMethod`: `-Terminal` (the default), `-File -Name … -Path … -MaxDays …
 * -MaxSize …`, `-Custom -ScriptBlock { … }`, each with `-Batch`/`-BatchTimeout`.
 */
export function loggingMethodCall(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const values = bind(cx, node, 'New-PodeLoggingMethod');
  const kind = values.has('File') ? 'File' : values.has('Custom') ? 'Custom' : 'Terminal';
  if (values.has('EventViewer'))
    throw new NotPorted(node, 'New-PodeLoggingMethod -EventViewer (no equivalent in pode-ts)');
  const mapping = podeCmdlets[`New-PodeLog${kind}Method`];
  const known = new Set([
    kind,
    'Batch',
    'BatchTimeout',
    ...Object.keys(mapping.options ?? {}),
    ...(mapping.args ?? []).map((a) => a.param),
  ]);
  for (const param of values.keys()) {
    if (!known.has(param))
      throw new NotPorted(node, `New-PodeLoggingMethod -${param} (no equivalent in pode-ts)`);
  }
  const args: string[] = [];
  if (kind === 'Custom') {
    const block = values.get('ScriptBlock');
    if (block === undefined)
      throw new NotPorted(node, 'New-PodeLoggingMethod -Custom without -ScriptBlock');
    args.push(convert(cx, block, 'logMethod', scope, node, undefined, values));
  }
  const entries: string[] = [];
  const options = optionsObject(cx, values, mapping, scope, node);
  if (options !== '') entries.push(options.slice(2, -2));
  const batch = values.get('Batch');
  const timeout = values.get('BatchTimeout');
  if (batch !== undefined || timeout !== undefined) {
    cx.imports.add('newLogBatchInfo');
    const batchOptions = [
      batch === undefined ? '' : `size: ${convert(cx, batch, 'number', scope, node)}`,
      timeout === undefined ? '' : `timeout: ${convert(cx, timeout, 'number', scope, node)}`,
    ].filter((entry) => entry !== '');
    entries.push(`batch: newLogBatchInfo({ ${batchOptions.join(', ')} })`);
  }
  if (entries.length > 0) args.push(`{ ${entries.join(', ')} }`);
  const factory = mapping.name ?? '';
  cx.imports.add(factory);
  return { code: `${factory}(${args.join(', ')})`, type: 'any' };
}

/**
 * A script block passed as a callback option (`-ScriptBlock { param($item) … }` of a log type, a
 * custom view engine or log method): its parameters are typed `any` in TypeScript output, as
 * PowerShell's are untyped.
 */
export function typedParameters(cx: EmitContext, lines: string[]): string[] {
  if (cx.options.language !== 'ts' || lines.length === 0) return lines;
  const first = lines[0].replace(/^async \(([^)]+)\) =>/, (_, list: string) => {
    const typed = list.split(', ').map((p) => (p.includes(':') ? p : `${p}: any`));
    return `async (${typed.join(', ')}) =>`;
  });
  return [first, ...lines.slice(1)];
}
