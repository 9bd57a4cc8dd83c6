/**
 * The converter's code for Pode's background cmdlets (issue 18), where a table entry is not
 * enough: Add-PodeTimer (pode-ts takes its options before the function), the three Add-* used
 * inside a route (the free functions, since `s` is the set-up's), Lock-PodeObject (its script
 * block becomes an async function run under `lockObject`), Invoke-PodeTask -Wait, the handler
 * signatures of timers, schedules and tasks, and `$state:name` reads and writes. State may be
 * kept as copies (threads, Redis), so a change made through a member of a state value is
 * written back explicitly: read, change, `setState`.
 */

import type { BoundValue } from '../binder.js';
import {
  argumentExpression,
  builderCall,
  callLines,
  listNodes,
  optionsObject,
} from '../emit/builder.js';
import { bind, commandName, podeCall } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { emitExpression } from '../emit/expressions.js';
import { functionBody, type Parameter } from '../emit/functions.js';
import { fileHandlerLines, handlerLines } from '../emit/handlers.js';
import { all, camel, named, quote, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import type { HandlerKind, PodeMapping } from '../tables/pode.js';

const BUILDER_CMDLETS = new Set([
  'add-podetimer',
  'add-podeschedule',
  'add-podetask',
  'set-podescheduleconcurrency',
  'set-podetaskconcurrency',
]);

/** A background cmdlet as a statement, or undefined when it is not one of ours. */
export function backgroundStatement(
  cx: EmitContext,
  node: SyntaxNode,
  mapping: PodeMapping | undefined,
  scope: Scope,
): string[] | undefined {
  const name = commandName(node);
  const lower = name.toLowerCase();
  if (lower === 'lock-podeobject') return `${lockObject(cx, node, scope).code};`.split('\n');
  if (lower === 'invoke-podetask')
    return `${invokeTask(cx, node, scope).code.replace(/^\((.*)\)$/s, '$1')};`.split('\n');
  if (mapping?.target === 'free' && BACKGROUND_CMDLET.test(name))
    return `${withoutDefaults(podeCall(cx, node, name, mapping, scope, undefined).code)};`.split(
      '\n',
    );
  if (lower === 'add-podetimer') return addTimer(cx, node, scope);
  if (BUILDER_CMDLETS.has(lower) && mapping !== undefined) {
    if (scope.kind === 'setup') return builderCall(cx, node, name, mapping, scope, undefined);
    // Inside a route or function: the free function of the same name, on the running server.
    const lines = builderCall(cx, node, name, mapping, { ...scope, kind: 'setup' }, undefined);
    cx.imports.add(mapping.name ?? '');
    return [lines[0].replace(/^s\./, ''), ...lines.slice(1)];
  }
  return undefined;
}

/** A background cmdlet used for its value, or undefined when it is not one of ours. */
export function backgroundValue(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping | undefined,
  scope: Scope,
  input: Expr | undefined,
): Expr | undefined {
  const lower = name.toLowerCase();
  if (lower === 'wait-podetask' && input !== undefined) return waitPiped(cx, node, scope, input);
  if (lower === 'lock-podeobject') {
    const value = lockObject(cx, node, scope);
    return { ...value, code: `(${value.code})` };
  }
  if (lower === 'invoke-podetask') return invokeTask(cx, node, scope);
  if (mapping?.target !== 'free' || !BACKGROUND_CMDLET.test(name)) return undefined;
  const call = podeCall(cx, node, name, mapping, scope, undefined);
  if (mapping.await !== true) return { ...call, code: withoutDefaults(call.code) };
  const code = withoutDefaults(call.code).replace(
    /^await getState\(/,
    `await getState${cx.ts('<any>')}(`,
  );
  // `await f().x` reads x of the promise: keep the awaited value whole.
  return { ...call, code: `(${code})` };
}

/** `$state:name` read: the value from the server's shared state. */
export function stateRead(cx: EmitContext, node: SyntaxNode, name: string, scope: Scope): Expr {
  requireAsync(node, scope);
  cx.imports.add('getState');
  return { code: `(await getState${cx.ts('<any>')}(${quote(name)}))`, type: 'any' };
}

/**
 * An assignment (or ++/--) whose target is `$state:name` or a member of it, or undefined when
 * the target is something else. `$state:name = v` → `await setState('name', v)`; a member
 * target → read the value, change it, write it back (the explicit write-back state kept as
 * copies needs).
 */
export function stateAssignment(
  cx: EmitContext,
  targetNode: SyntaxNode,
  scope: Scope,
  assign: (target: string) => string,
): string | undefined {
  const root = stateRoot(targetNode);
  if (root === undefined) return undefined;
  requireAsync(targetNode, scope);
  cx.imports.add('setState');
  const key = quote(root.name);
  const read = `(await getState${cx.ts('<any>')}(${key}))`;
  if (root.direct) {
    cx.imports.add('getState');
    const change = assign(read);
    // `read = value` / `read = f(read, …)`: the new value is what follows the first ` = `.
    const value = change.slice(read.length + 3);
    return `await setState(${key}, ${value})`;
  }
  const local = `state${camel(root.name).replace(/^./, (first) => first.toUpperCase())}`;
  // `$state:h.Values = …` writes the key (see assignTarget)
  const inner = unwrap(targetNode);
  const [objectNode, , memberNode] = all(inner);
  const target =
    inner.type === 'member_access' &&
    objectNode !== undefined &&
    /^(keys|values)$/i.test(memberNode?.text ?? '')
      ? `${emitExpression(cx, objectNode, scope).code}.${memberNode.text}`
      : emitExpression(cx, inner, scope).code;
  cx.imports.add('getState');
  const localTarget = target.split(read).join(local);
  return [
    '{',
    `  const ${local} = await getState${cx.ts('<any>')}(${key});`,
    `  ${assign(localTarget).split(read).join(local)};`,
    `  await setState(${key}, ${local});`,
    '}',
  ].join('\n');
}

/** Variables holding a state value (`$hash = Get-PodeState -Name 'hash'`), by script: JS name → state name. */
const stateVariables = new WeakMap<EmitContext, Map<string, string>>();

/**
 * After an assignment: a variable set from `Get-PodeState`/`Set-PodeState` with a literal name is
 * remembered, and a change through a member of such a variable (`$hash.values += 1`) is written
 * back with `setState` (state read under threads or Redis is a copy). Returns the code to emit.
 */
export function stateVariableAssignment(
  cx: EmitContext,
  targetNode: SyntaxNode,
  valueNode: SyntaxNode | undefined,
  targetCode: string,
  code: string,
  scope: Scope,
): string {
  let known = stateVariables.get(cx);
  if (known === undefined) {
    known = new Map();
    stateVariables.set(cx, known);
  }
  const target = unwrap(targetNode);
  if (target.type === 'variable') {
    rememberInfoVariable(cx, targetCode, valueNode);
    const name = valueNode === undefined ? undefined : stateNameOf(cx, valueNode, scope);
    if (name === undefined) known.delete(targetCode);
    else known.set(targetCode, name);
    return code;
  }
  const root = rootVariable(target);
  if (root === undefined) return code;
  const variable = emitExpression(cx, root, scope).code;
  const name = known.get(variable);
  if (name === undefined) return code;
  cx.imports.add('setState');
  return `${code};\nawait setState(${quote(name)}, ${variable})`;
}

/** The literal state name of `Get-PodeState -Name 'x'` / `Set-PodeState -Name 'x' …` (parenthesised or not). */
function stateNameOf(cx: EmitContext, node: SyntaxNode, scope: Scope): string | undefined {
  let current = unwrap(node);
  for (let depth = 0; depth < 6; depth++) {
    if (current.type === 'command') break;
    const children = named(current).filter((child) => child.type !== 'comment');
    if (children.length !== 1) return undefined;
    current = unwrap(children[0]);
  }
  if (current.type !== 'command') return undefined;
  const command = commandName(current).toLowerCase();
  if (command !== 'get-podestate' && command !== 'set-podestate') return undefined;
  const value = bind(
    cx,
    current,
    command === 'get-podestate' ? 'Get-PodeState' : 'Set-PodeState',
  ).get('Name');
  if (value?.kind !== 'node') return undefined;
  const code = argumentExpression(cx, value.node, scope).code;
  return /^'[^'\\]*'$/.test(code) ? code.slice(1, -1) : undefined;
}

function rootVariable(node: SyntaxNode): SyntaxNode | undefined {
  let current = node;
  while (current.type === 'member_access' || current.type === 'element_access') {
    const first = named(current)[0];
    if (first === undefined) return undefined;
    current = unwrap(first);
  }
  return current.type === 'variable' && !current.text.includes(':') ? current : undefined;
}

/** Pode's event variable of each kind of background script block. */
const EVENT_VARIABLES: Partial<Record<HandlerKind, string>> = {
  timer: 'TimerEvent',
  'file-watcher': 'FileEvent',
  schedule: 'ScheduleEvent',
  task: 'TaskEvent',
};

/**
 * The signature of a timer's, schedule's or task's function, and its parameters' names. The
 * event pode-ts passes first is Pode's `$TimerEvent` / `$ScheduleEvent` / `$TaskEvent` (and a
 * schedule's or task's `$Event` parameter), named when `text`, the script block, uses it.
 */
export function backgroundSignature(
  kind: HandlerKind,
  params: readonly Parameter[],
  inner: Scope,
  text = '',
  cx?: EmitContext,
): string | undefined {
  const variable = EVENT_VARIABLES[kind];
  if (variable === undefined) return undefined;
  const used = new RegExp(`\\$\\{?${variable}\\b`, 'i').test(text);
  let event = used ? camel(variable) : '_event';
  if (kind === 'timer' || kind === 'file-watcher') {
    // Pode passes a timer's (a file watcher's) -ArgumentList by position; pode-ts passes the event first.
    const names = params.map((parameter) => {
      const js = camel(parameter.name);
      inner.vars.set(parameter.name.toLowerCase(), js);
      return js;
    });
    if (used) inner.vars.set(variable.toLowerCase(), event);
    if (names.length === 0) return used ? `async (${event}) =>` : 'async () =>';
    return `async (${[event, ...names].join(', ')}) =>`;
  }
  // Pode splats the -ArgumentList hashtable by name, with the event as `Event`.
  const keys: string[] = [];
  for (const parameter of params) {
    const js = camel(parameter.name);
    inner.vars.set(parameter.name.toLowerCase(), js);
    if (parameter.name.toLowerCase() === 'event') event = js;
    else keys.push(parameter.name === js ? js : `${parameter.name}: ${js}`);
  }
  if (event !== '_event') inner.vars.set(variable.toLowerCase(), event);
  if (keys.length === 0) return event === '_event' ? 'async () =>' : `async (${event}) =>`;
  // Pode's parameters are untyped: what the hashtable holds is `any` to the function
  return `async (${event}, { ${keys.join(', ')} }${cx?.ts(': any') ?? ''}) =>`;
}

/**
 * Pode's variables of background work that the script does not set: `$ThreadId` (the
 * request thread: `threadId()`), or undefined for any other.
 */
export function backgroundVariable(cx: EmitContext, lower: string): Expr | undefined {
  if (lower === 'threadid') {
    cx.imports.add('threadId');
    return { code: 'threadId()', type: 'number' };
  }
  return undefined;
}

/** The members of Pode's timer, schedule and task events, lower-cased → pode-ts's. */
const EVENT_MEMBERS: Record<string, { js: string; type: 'string' | 'number' | 'date' | 'any' }> = {
  name: { js: 'name', type: 'string' },
  count: { js: 'count', type: 'number' },
  timestamp: { js: 'timestamp', type: 'date' },
  metadata: { js: 'metadata', type: 'any' },
  sender: { js: 'sender', type: 'any' },
};

/** The members of Pode's `$FileEvent`, lower-cased → pode-ts's. */
const FILE_EVENT_MEMBERS: Record<string, { js: string; type: 'string' | 'date' | 'any' }> = {
  type: { js: 'type', type: 'string' },
  name: { js: 'name', type: 'string' },
  fullpath: { js: 'fullPath', type: 'string' },
  old: { js: 'old', type: 'any' },
  parameters: { js: 'parameters', type: 'any' },
  timestamp: { js: 'timestamp', type: 'date' },
  metadata: { js: 'metadata', type: 'any' },
};

/** `$FileEvent.Old.X` (a renamed file's name and path before). */
const FILE_OLD_MEMBERS: Record<string, { js: string; type: 'any' }> = {
  name: { js: 'name', type: 'any' },
  fullpath: { js: 'fullPath', type: 'any' },
};

/** `$TimerEvent.X`, `$TaskEvent.X`, `$ScheduleEvent.X`, `$Event.X`: the event's member, or undefined. */
function eventMember(
  cx: EmitContext,
  object: SyntaxNode,
  parentCode: string,
  name: string,
): Expr | undefined {
  const text = unwrap(object).text;
  const lower = name.toLowerCase();
  // a file watcher's $FileEvent (src/background/file-watchers.ts)
  const fileMembers = /^\$\{?fileevent\}?$/i.test(text)
    ? FILE_EVENT_MEMBERS
    : /^\$\{?fileevent\}?\.old$/i.test(text)
      ? FILE_OLD_MEMBERS
      : undefined;
  if (fileMembers !== undefined) {
    const mapped = fileMembers[lower];
    return mapped === undefined
      ? undefined
      : { code: `${parentCode}.${mapped.js}`, type: mapped.type };
  }
  if (/^\$\{?(timer|task|schedule)?event\}?$/i.test(text)) {
    if (lower === 'lockable') {
      cx.imports.add('globalLockable');
      return { code: 'globalLockable', type: 'any' };
    }
    const mapped = EVENT_MEMBERS[lower];
    if (mapped === undefined) return undefined;
    return { code: `${parentCode}.${mapped.js}`, type: mapped.type };
  }
  if (/^\$\{?(timer|task|schedule)?event\}?\.sender$/i.test(text)) {
    const mapped = INFO_MEMBERS[lower];
    if (mapped === undefined) return undefined;
    return { code: `${parentCode}.${mapped.js}`, type: mapped.type };
  }
  return undefined;
}

/** The background's cmdlets, by noun. */
const BACKGROUND_CMDLET =
  /^\w+-Pode(Timers?|Schedules?|ScheduleNextTrigger|Tasks?|State|StateNames|State(Ordered)?Dictionary|StateList|StateBag|Cron|Lockable|Mutex|Semaphore)$/i;

/** A call's trailing stand-in for an argument not given (`invokeTimer('t', undefined)` → `invokeTimer('t')`). */
function withoutDefaults(code: string): string {
  return code.replace(/(?:, undefined)+\)$/, ')');
}

function addTimer(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const values = bind(cx, node, 'Add-PodeTimer');
  for (const param of values.keys()) {
    if (
      ![
        'Name',
        'Interval',
        'ScriptBlock',
        'FilePath',
        'Limit',
        'Skip',
        'ArgumentList',
        'OnStart',
      ].includes(param)
    )
      throw new NotPorted(node, `Add-PodeTimer -${param} (no equivalent in pode-ts)`);
  }
  const nameValue = values.get('Name');
  const block = values.get('ScriptBlock');
  if (nameValue?.kind !== 'node' || (block?.kind !== 'node' && !values.has('FilePath')))
    throw new NotPorted(node, 'Add-PodeTimer without -Name and -ScriptBlock');
  const mapping: PodeMapping = {
    target: 'builder',
    options: {
      Interval: { key: 'interval', as: 'number' },
      Limit: { key: 'limit', as: 'number' },
      Skip: { key: 'skip', as: 'number' },
      OnStart: { key: 'onStart', as: 'switch' },
    },
  };
  const options = optionsObject(cx, values, mapping, scope, node);
  const handler =
    block?.kind === 'node'
      ? handlerLines(cx, block.node, 'timer', { ...scope, kind: 'setup' }, values, undefined)
      : fileHandlerLines(cx, node, values, 'timer', { ...scope, kind: 'setup' });
  const args = values.get('ArgumentList');
  const tail = args === undefined ? '' : `, ${listCode(cx, args, scope)}`;
  const name = argumentExpression(cx, nameValue.node, scope).code;
  const callee = scope.kind === 'setup' ? 's.addTimer' : 'addTimer';
  if (callee === 'addTimer') cx.imports.add('addTimer');
  return callLines(`${callee}(${name}, ${options === '' ? '{}' : options}`, handler, tail);
}

/** `$task | Wait-PodeTask -Timeout n`: the piped handle is the task to wait for. */
function waitPiped(cx: EmitContext, node: SyntaxNode, scope: Scope, input: Expr): Expr {
  const values = bind(cx, node, 'Wait-PodeTask');
  for (const param of values.keys()) {
    if (param !== 'Timeout') throw new NotPorted(node, `Wait-PodeTask -${param} with a piped task`);
  }
  const timeout = values.get('Timeout');
  const options =
    timeout?.kind === 'node'
      ? `, { timeout: ${argumentExpression(cx, timeout.node, scope).code} }`
      : '';
  requireAsync(node, scope);
  cx.imports.add('waitTask');
  return { code: `(await waitTask(${input.code}${options}))`, type: 'any' };
}

function invokeTask(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const values = bind(cx, node, 'Invoke-PodeTask');
  for (const param of values.keys()) {
    if (!['Name', 'ArgumentList', 'Timeout', 'Wait', 'TimeoutFrom'].includes(param))
      throw new NotPorted(node, `Invoke-PodeTask -${param} (no equivalent in pode-ts)`);
  }
  const nameValue = values.get('Name');
  if (nameValue?.kind !== 'node') throw new NotPorted(node, 'Invoke-PodeTask without -Name');
  const args = values.get('ArgumentList');
  const timeout = values.get('Timeout');
  const timeoutCode =
    timeout?.kind === 'node' ? argumentExpression(cx, timeout.node, scope).code : undefined;
  const parts = [argumentExpression(cx, nameValue.node, scope).code];
  if (args?.kind === 'node' || timeoutCode !== undefined)
    parts.push(args?.kind === 'node' ? argumentExpression(cx, args.node, scope).code : '{}');
  if (timeoutCode !== undefined) parts.push(`{ timeout: ${timeoutCode} }`);
  cx.imports.add('invokeTask');
  const call = `invokeTask(${parts.join(', ')})`;
  const wait = values.get('Wait');
  if (wait === undefined || (wait.kind === 'switch' && !wait.value))
    return { code: call, type: 'any' };
  requireAsync(node, scope);
  cx.imports.add('waitTask');
  return {
    code: `(await waitTask(${call}${timeoutCode === undefined ? '' : `, { timeout: ${timeoutCode} }`}))`,
    type: 'any',
  };
}

/**
 * Lock-PodeObject: `await lockObject([target, ]async () => { … })`. The script block's
 * variables that exist around it are the same variables; new ones stay inside (Pode dot-sources
 * the block, so a variable first set inside is seen after it there).
 */
function lockObject(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const values = bind(cx, node, 'Lock-PodeObject');
  for (const param of values.keys()) {
    if (!['Object', 'Name', 'ScriptBlock', 'Return', 'CheckGlobal', 'Timeout'].includes(param))
      throw new NotPorted(node, `Lock-PodeObject -${param} (no equivalent in pode-ts)`);
  }
  if (values.has('Timeout')) cx.note(node, 'Lock-PodeObject -Timeout: pode-ts waits for the lock');
  const block = values.get('ScriptBlock');
  if (block?.kind !== 'node') throw new NotPorted(node, 'Lock-PodeObject without a script block');
  requireAsync(node, scope);
  const target = lockTarget(cx, values, scope);
  const fn = lockFunction(cx, block.node, scope);
  cx.imports.add('lockObject');
  const [first, ...rest] = fn;
  const head = `await lockObject(${target === undefined ? '' : `${target}, `}${first}`;
  const lines =
    rest.length === 0 ? [`${head})`] : [head, ...rest.slice(0, -1), `${rest[rest.length - 1]})`];
  return { code: lines.join('\n'), type: 'any' };
}

function lockTarget(
  cx: EmitContext,
  values: Map<string, BoundValue>,
  scope: Scope,
): string | undefined {
  const name = values.get('Name');
  if (name?.kind === 'node') {
    cx.imports.add('newLockable');
    return `newLockable(${argumentExpression(cx, name.node, scope).code})`;
  }
  const object = values.get('Object');
  if (object?.kind !== 'node') return undefined;
  const inner = unwrap(object.node);
  // `$WebEvent.Lockable` is Pode's global lockable: the default of lockObject.
  if (/^\$webevent\.lockable$/i.test(inner.text.trim())) return undefined;
  return argumentExpression(cx, inner, scope).code;
}

function lockFunction(cx: EmitContext, blockNode: SyntaxNode, scope: Scope): string[] {
  const block = unwrap(blockNode);
  if (block.type !== 'script_block_expression')
    throw new NotPorted(blockNode, 'a Lock-PodeObject script block held in a variable');
  let event: string | null = null;
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.event !== null) {
      event = s.event;
      break;
    }
    if (s.kind === 'function') break;
  }
  const inner: Scope = {
    kind: 'handler',
    event,
    vars: new Map(),
    parent: scope,
    hoisted: new Set(),
    isAsync: true,
  };
  const scriptBlock = named(block).find((child) => child.type === 'script_block');
  const body = scriptBlock === undefined ? [] : functionBody(cx, scriptBlock, inner);
  return ['async () => {', ...body.map((line) => `  ${line}`), '}'];
}

function listCode(cx: EmitContext, value: BoundValue, scope: Scope): string {
  if (value.kind !== 'node') return '[]';
  return `[${listNodes(cx, value.node)
    .map((item) => argumentExpression(cx, item, scope).code)
    .join(', ')}]`;
}

/** `$state:name` or a member/index chain starting at it: the state name and whether it is the whole target. */
function stateRoot(node: SyntaxNode): { name: string; direct: boolean } | undefined {
  let current = unwrap(node);
  let direct = true;
  for (;;) {
    if (current.type === 'variable') {
      const match = /^\$\{?state:([^}]+)\}?$/i.exec(current.text);
      return match === null ? undefined : { name: match[1], direct };
    }
    if (current.type !== 'member_access' && current.type !== 'element_access') return undefined;
    const first = named(current)[0];
    if (first === undefined) return undefined;
    current = unwrap(first);
    direct = false;
  }
}

function requireAsync(node: SyntaxNode, scope: Scope): void {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (!s.isAsync)
      throw new NotPorted(node, 'shared state or a lock inside a pipeline script block');
    if (s.kind === 'function' || s.kind === 'handler' || s.kind === 'setup' || s.kind === 'module')
      return;
  }
}

/**
 * Pode's timer and schedule hashtables (`Get-PodeTimer`, `Get-PodeSchedule`) by their key names,
 * lower-cased → the member of pode-ts's `TimerInfo`/`ScheduleInfo` and its type. Pode's
 * `Crons`/`CronsRaw` are the expressions, `Interval` is seconds in both.
 */
const INFO_MEMBERS: Record<
  string,
  { js: string; type: 'string' | 'number' | 'boolean' | 'date' | 'any' }
> = {
  name: { js: 'name', type: 'string' },
  limit: { js: 'limit', type: 'number' },
  count: { js: 'count', type: 'number' },
  completed: { js: 'completed', type: 'boolean' },
  lasttriggertime: { js: 'lastTriggerTime', type: 'date' },
  nexttriggertime: { js: 'nextTriggerTime', type: 'date' },
  interval: { js: 'interval', type: 'number' },
  skip: { js: 'skip', type: 'number' },
  arguments: { js: 'arguments', type: 'any' },
  starttime: { js: 'startTime', type: 'date' },
  endtime: { js: 'endTime', type: 'date' },
  timeout: { js: 'timeout', type: 'number' },
  crons: { js: 'cron', type: 'any' },
  cronsraw: { js: 'cron', type: 'any' },
};

/** Variables holding one timer's or schedule's information, by script: JS names. */
const infoVariables = new WeakMap<EmitContext, Set<string>>();

/** `$s = Get-PodeSchedule -Name 'x'` / `Get-PodeTimer -Name 'x'` (one, by name): remembered. */
function rememberInfoVariable(
  cx: EmitContext,
  targetCode: string,
  valueNode: SyntaxNode | undefined,
): void {
  let known = infoVariables.get(cx);
  if (known === undefined) {
    known = new Set();
    infoVariables.set(cx, known);
  }
  if (valueNode !== undefined && isInfoCommand(valueNode)) known.add(targetCode);
  else known.delete(targetCode);
}

function isInfoCommand(node: SyntaxNode): boolean {
  let current = unwrap(node);
  for (let depth = 0; depth < 6 && current.type !== 'command'; depth++) {
    const children = named(current).filter((child) => child.type !== 'comment');
    if (children.length !== 1) return false;
    current = unwrap(children[0]);
  }
  return (
    current.type === 'command' &&
    /^get-pode(schedule|timer)$/i.test(commandName(current)) &&
    /\s-Name\b|^\S+\s+['"\w]/i.test(current.text)
  );
}

/**
 * A member of a timer's or schedule's information read with Pode's key name (`$s.NextTriggerTime`,
 * `(Get-PodeTimer -Name 't').Count`) → pode-ts's member (`s.nextTriggerTime`, `.count`), or
 * undefined when the object is not one.
 */
export function backgroundMember(
  cx: EmitContext,
  object: SyntaxNode,
  parentCode: string,
  name: string,
): Expr | undefined {
  const event = eventMember(cx, object, parentCode, name);
  if (event !== undefined) return event;
  // A state value's `.Keys`/`.Values`: PowerShell reads a hashtable's key of that name first
  // (the state examples keep a list under 'values'), else the hashtable's own keys or values.
  if (/^(keys|values)$/i.test(name) && holdsState(cx, object, parentCode))
    return {
      code: `(${parentCode}.${name} ?? Object.${name.toLowerCase()}(${parentCode}))`,
      type: 'any',
    };
  const mapped = INFO_MEMBERS[name.toLowerCase()];
  if (mapped === undefined) return undefined;
  const isInfo =
    /^\(?get(Schedule|Timer)\('[^']*'\)\)?$/.test(parentCode) ||
    (object.type === 'variable' && infoVariables.get(cx)?.has(parentCode) === true) ||
    isInfoCommand(object);
  if (!isInfo) return undefined;
  return { code: `${parentCode}${cx.ts('!')}.${mapped.js}`, type: mapped.type };
}

/** Whether `object` is a state value: `$state:name`, or a variable set from `Get-PodeState`. */
function holdsState(cx: EmitContext, object: SyntaxNode, parentCode: string): boolean {
  if (stateRoot(object)?.direct === true) return true;
  const inner = unwrap(object);
  return inner.type === 'variable' && stateVariables.get(cx)?.has(parentCode) === true;
}

/**
 * Methods of Pode's state collections (`New-PodeStateList`, `New-PodeStateDictionary`):
 * `.TryAdd(…)` → `tryAdd(collection, …)`, which adds to a list or a dictionary as the value
 * is at run time. Undefined for any other method.
 */
export function backgroundMethod(
  cx: EmitContext,
  lower: string,
  receiver: string,
  args: readonly Expr[],
): Expr | undefined {
  if (lower !== 'tryadd' || args.length < 1 || args.length > 2) return undefined;
  cx.imports.add('tryAdd');
  return {
    code: `tryAdd(${[receiver, ...args.map((arg) => arg.code)].join(', ')})`,
    type: 'boolean',
  };
}

/** .NET methods that change the collection they are called on (`.Add`, `.Remove`, …), lower-cased. */
const MUTATING_METHODS = new Set([
  'tryadd',
  'add',
  'addrange',
  'insert',
  'remove',
  'removeat',
  'removerange',
  'clear',
  'reverse',
  'sort',
  'push',
  'pop',
  'enqueue',
  'dequeue',
  'set_item',
]);

/**
 * A statement that calls a changing method on a state value (`$state:list.Add($x)`,
 * `$state:cache.items.Remove('k')`, or on a variable set from `Get-PodeState`) → the call on a
 * local copy, then the explicit write-back with `setState` (state kept as copies under threads
 * or Redis needs it). Undefined when the statement is anything else.
 */
export function stateMethodCall(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
): string[] | undefined {
  if (node.type !== 'invokation_expression') return undefined;
  const [objectNode, operator, nameNode] = node.children;
  if (objectNode === null || operator?.text !== '.' || nameNode === null) return undefined;
  if (!MUTATING_METHODS.has(nameNode.text.toLowerCase())) return undefined;
  const root = stateRoot(objectNode);
  if (root === undefined) {
    const variable = rootVariable(unwrap(objectNode));
    if (variable === undefined) return undefined;
    const variableCode = emitExpression(cx, variable, scope).code;
    const name = stateVariables.get(cx)?.get(variableCode);
    if (name === undefined) return undefined;
    requireAsync(node, scope);
    cx.imports.add('setState');
    const call = emitExpression(cx, node, scope).code;
    return [`${call};`, `await setState(${quote(name)}, ${variableCode});`];
  }
  requireAsync(node, scope);
  cx.imports.add('getState');
  cx.imports.add('setState');
  const key = quote(root.name);
  const read = `(await getState${cx.ts('<any>')}(${key}))`;
  const local = `state${camel(root.name).replace(/^./, (first) => first.toUpperCase())}`;
  const call = emitExpression(cx, node, scope).code.split(read).join(local);
  return [
    '{',
    `  const ${local} = await getState${cx.ts('<any>')}(${key});`,
    `  ${call};`,
    `  await setState(${key}, ${local});`,
    '}',
  ];
}
