/**
 * Pode set-up cmdlets as builder calls: Start-PodeServer, the table-driven mapping of arguments to
 * option objects and positional arguments.
 */

import type { BoundValue } from '../binder.js';
import { mergeAuthLines } from '../features/access.js';
import { userFileLines } from '../features/auth.js';
import { convertToRouteCall } from '../features/function-routes.js';
import { selectDefinitionCall } from '../features/openapi.js';
import { splatReference } from '../features/splat.js';
import { endpointMapping } from '../features/tcp.js';
import { templateEngineCall } from '../features/template-modules.js';
import {
  builderReceiver,
  logLevels,
  routeGroupCall,
  typedParameters,
} from '../features/web-sites.js';
import { dotSourcePath, keyFolder } from '../includes.js';
import type { SyntaxNode } from '../parser.js';
import { type PodeMapping, podeCmdlets } from '../tables/pode.js';
import { bind } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { emitExpression } from './expressions.js';
import { truthy } from './flow.js';
import {
  boundSchemeKind,
  fileHandlerLines,
  handlerLines,
  routeFile,
  scriptBlockBody,
} from './handlers.js';
import { pipedMiddleware } from './middleware.js';
import { findScriptBlockExpression, named, quote, unwrap } from './syntax.js';

/**
 * Joins the lines of a function written inside an expression (an option's callback): the
 * statement that holds it splits there, so each line gets the statement's indentation.
 */
export const LINE_BREAK = '\u0000line\u0000';

export function podeMappingEntry(name: string): [string, PodeMapping] | undefined {
  return Object.entries(podeCmdlets).find(([key]) => key.toLowerCase() === name.toLowerCase());
}

export function podeMapping(name: string): PodeMapping | undefined {
  return podeMappingEntry(name)?.[1];
}

export function startServer(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  cx.startsServer = true;
  const mapping = podeCmdlets['Start-PodeServer'];
  const values = bind(cx, node, 'Start-PodeServer');
  const fromFile = values.has('FilePath') ? serverFile(cx, node, values) : undefined;
  const block = fromFile?.block ?? values.get('ScriptBlock');
  if (block === undefined || block.kind !== 'node')
    throw new NotPorted(node, 'Start-PodeServer without a script block');
  cx.imports.add('startServer');
  if (values.has('Threads')) {
    // Pode's threads are runspaces of one process sharing its memory (sessions, state); pode-ts's
    // are worker processes that share nothing, so a memory session store refuses them.
    const shared = sharedMemory(cx.text);
    if (shared !== undefined) {
      values.delete('Threads');
      cx.note(
        node,
        `Start-PodeServer -Threads left out: the script shares memory between requests (${shared}), and pode-ts's threads are processes that share none (use threads with a shared session store and shared state, see docs/scaling.md)`,
      );
    } else {
      cx.note(
        node,
        "Start-PodeServer -Threads: threads are worker processes in pode-ts, not runspaces: they share no memory, so sessions then need a shared store (RedisStore from 'pode-ts/redis', see docs/scaling.md)",
      );
    }
  }
  let options = optionsObject(cx, values, mapping, scope, node);
  for (const ignored of mapping.ignored ?? []) {
    if (values.has(ignored)) cx.note(node, `Start-PodeServer -${ignored} has no effect in pode-ts`);
  }
  if (fromFile?.root !== undefined)
    options =
      options === ''
        ? `{ root: ${fromFile.root} }`
        : `${options.slice(0, -2)}, root: ${fromFile.root} }`;
  const setupScope: Scope = {
    kind: 'setup',
    event: null,
    vars: new Map(),
    parent: scope,
    hoisted: new Set(),
    isAsync: true,
  };
  const body =
    fromFile === undefined
      ? scriptBlockBody(cx, block.node, setupScope)
      : [
          `// from ${fromFile.key.slice(2)}`,
          ...cx.withText(
            fromFile.text,
            () => scriptBlockBody(cx, block.node, setupScope),
            fromFile.operators,
            node.startIndex,
            keyFolder(fromFile.key),
          ),
        ];
  const head = `await startServer(async (s${cx.ts(': ServerBuilder')}) => {`;
  if (cx.options.language === 'ts') cx.imports.add('type ServerBuilder');
  return [head, ...body.map((line) => `  ${line}`), options === '' ? '});' : `}, ${options});`];
}

export function builderCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  tableMapping: PodeMapping,
  scope: Scope,
  piped: SyntaxNode | undefined,
): string[] {
  // A builder method with a free twin (Connect-PodeWebSocket) is that, awaited, in a handler.
  const late = scope.kind !== 'setup' && tableMapping.free !== undefined;
  if (scope.kind !== 'setup' && !late)
    throw new NotPorted(node, `${name} outside Start-PodeServer`);
  if (late) cx.imports.add(tableMapping.free as string);
  const values = bind(cx, node, name);
  const mapping =
    tableMapping.name === 'addEndpoint' ? endpointMapping(values, tableMapping) : tableMapping;
  if (piped !== undefined && mapping.name === 'addMiddleware') pipedMiddleware(cx, piped, values);
  else if (piped !== undefined)
    values.set(mapping.pipeInput ?? 'Scheme', { kind: 'node', node: piped });
  if (mapping.name === 'setViewEngine') {
    const template = templateEngineCall(cx, node, values);
    if (template !== undefined) return template;
  }
  if (values.has('FilePath') && name.toLowerCase() === 'add-poderoute')
    return routeFile(cx, node, values, mapping, scope);
  if (mapping.handler?.kind === 'group') {
    checkUnmapped(cx, values, mapping, name, node);
    return routeGroupCall(cx, node, name, mapping, scope, values);
  }
  if (mapping.handler?.kind === 'definition')
    return selectDefinitionCall(cx, node, name, mapping, scope, values);
  if (mapping.name === 'convertToRoute')
    return convertToRouteCall(cx, node, name, mapping, scope, values);
  const options = optionsObject(cx, values, mapping, scope, node);
  const args = mappedArguments(cx, values, mapping, name, scope, node, options !== '');
  const handler = mapping.handler === undefined ? undefined : values.get(mapping.handler.param);
  checkUnmapped(cx, values, mapping, name, node);
  let handlerCode: string[] | undefined;
  if (handler !== undefined && handler.kind === 'node' && mapping.handler !== undefined) {
    handlerCode = handlerLines(
      cx,
      handler.node,
      mapping.handler.kind,
      scope,
      values,
      name === 'Add-PodeAuth' || mapping.name === 'addAuth'
        ? boundSchemeKind(cx, values.get('Scheme'), scope)
        : mapping.name === 'addAuthUserFile' || mapping.name === 'addAuthWindowsAd'
          ? 'UserFile'
          : undefined,
    );
  }
  if (
    handlerCode === undefined &&
    mapping.handler !== undefined &&
    values.has('FilePath') &&
    mapping.name !== 'addPage'
  )
    handlerCode = fileHandlerLines(cx, node, values, mapping.handler.kind, scope);
  if (mapping.name === 'addAuthUserFile' || mapping.name === 'addAuthWindowsAd')
    return userFileLines(mapping.name, args, options, handlerCode);
  if (mapping.handler?.kind === 'merge-auth' && handlerCode !== undefined)
    return mergeAuthLines(args, options, handlerCode);
  if (
    mapping.name === 'addRoute' ||
    mapping.name === 'addPage' ||
    mapping.name === 'addFileWatcher'
  ) {
    const method = mapping.name;
    return callLines(`${builderReceiver(scope, method)}.${method}(${options}`, handlerCode, '');
  }
  if (mapping.name === 'addMiddleware') {
    const route = options === '' ? '' : options;
    return callLines(
      `s.addMiddleware(${route === '' ? args[0] : `{ name: ${args[0]}, ${route.slice(2, -2)} }`}`,
      handlerCode,
      '',
    );
  }
  if (mapping.name === 'addAuth') {
    if (handlerCode === undefined) throw new NotPorted(node, 'Add-PodeAuth without a script block');
    return callLines(
      `s.addAuth(${args.join(', ')}`,
      handlerCode,
      options === '' ? '' : `, ${options}`,
    );
  }
  const allArgs = [...args];
  const callee = late
    ? `await ${mapping.free}`
    : `${builderReceiver(scope, mapping.name)}.${mapping.name}`;
  if (handlerCode !== undefined)
    return callLines(
      `${callee}(${allArgs.join(', ')}`,
      handlerCode,
      options === '' ? '' : `, ${options}`,
    );
  if (options !== '') allArgs.push(options);
  return [`${callee}(${allArgs.join(', ')});`];
}

export function callLines(head: string, handler: string[] | undefined, tail: string): string[] {
  if (handler === undefined) return [`${head}${tail});`];
  const separator = head.endsWith('(') ? '' : ', ';
  const [first, ...rest] = handler;
  return [`${head}${separator}${first}`, ...rest.slice(0, -1), `${rest[rest.length - 1]}${tail});`];
}

export function checkUnmapped(
  cx: EmitContext,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  name: string,
  node: SyntaxNode,
): void {
  const known = new Set<string>([
    ...(mapping.args ?? []).map((a) => a.param),
    ...Object.keys(mapping.options ?? {}),
    ...(mapping.ignored ?? []),
    ...(mapping.consumed ?? []),
    ...(mapping.implied ?? []),
    'FilePath',
    'Scheme',
    'Basic',
    'Form',
    'Bearer',
    'ApiKey',
    'Custom',
  ]);
  // -ArgumentList reaches a handler's parameters; a callback option would drop it silently
  if (mapping.handler !== undefined && mapping.handler.kind !== 'group')
    known.add(mapping.handler.param).add('ArgumentList');
  else if (mapping.handler !== undefined) known.add(mapping.handler.param);
  for (const param of values.keys()) {
    if (!known.has(param))
      throw new NotPorted(
        node,
        mapping.unported?.[param] ?? `${name} -${param} (no equivalent in pode-ts)`,
      );
  }
  for (const ignored of mapping.ignored ?? []) {
    if (values.has(ignored)) cx.note(node, `${name} -${ignored} has no effect in pode-ts`);
  }
}

/** The mapping's positional arguments, in order: each bound value converted, or its stand-in. */
export function mappedArguments(
  cx: EmitContext,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  name: string,
  scope: Scope,
  node: SyntaxNode,
  optionsFollow = false,
): string[] {
  const args: string[] = [];
  let given = 0;
  for (const argument of mapping.args ?? []) {
    const value = values.get(argument.param);
    if (value === undefined) {
      if (argument.optional !== undefined) args.push(argument.optional);
      else if (argument.missing === undefined)
        throw new NotPorted(node, `${name} without -${argument.param}`);
      else {
        args.push(argument.missing);
        given = args.length;
      }
    } else {
      args.push(convert(cx, value, argument.as, scope, node, undefined, values));
      given = args.length;
    }
  }
  // optional stand-ins are only written when something follows them
  return optionsFollow ? args : args.slice(0, given);
}

export function optionsObject(
  cx: EmitContext,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  scope: Scope,
  node: SyntaxNode,
): string {
  const entries: string[] = [];
  const nested = new Map<string, string[]>();
  for (const [param, option] of Object.entries(mapping.options ?? {})) {
    const value = values.get(param);
    if (value === undefined) continue;
    if (option.as === 'ifExists') {
      const text = value.kind === 'node' ? value.node.text.replace(/['"]/g, '').toLowerCase() : '';
      if (text === 'default') continue;
    }
    const code = convert(cx, value, option.as, scope, node, option.values, values);
    const [key, sub] = option.key.split('.');
    if (sub !== undefined) nested.set(key, [...(nested.get(key) ?? []), `${sub}: ${code}`]);
    else entries.push(`${key}: ${code}`);
  }
  for (const [key, inner] of nested) entries.push(`${key}: { ${inner.join(', ')} }`);
  return entries.length === 0 ? '' : `{ ${entries.join(', ')} }`;
}

export function convert(
  cx: EmitContext,
  value: BoundValue,
  as: string,
  scope: Scope,
  node: SyntaxNode,
  values?: readonly string[],
  siblings?: Map<string, BoundValue>,
): string {
  if (value.kind === 'switch')
    return as === 'notSwitch' ? String(!value.value) : String(value.value);
  const splat = splatReference(cx, value.node, scope);
  if (splat !== undefined) return as === 'notSwitch' ? `!${splat}` : splat;
  const argument = unwrap(value.node);
  switch (as) {
    case 'switch':
      return truthy(cx, emitExpression(cx, argument, scope));
    case 'notSwitch':
      return `!${truthy(cx, emitExpression(cx, argument, scope))}`;
    case 'string': {
      const expression = argumentExpression(cx, argument, scope);
      return expression.type === 'string'
        ? expression.code
        : `${cx.helper('toPsString')}(${expression.code})`;
    }
    case 'routePath': {
      const expression = argumentExpression(cx, argument, scope);
      if (/^'[^/'][^']*'$/.test(expression.code)) return `'/${expression.code.slice(1)}`;
      return expression.type === 'string'
        ? expression.code
        : `${cx.helper('toPsString')}(${expression.code})`;
    }
    case 'number': {
      const expression = argumentExpression(cx, argument, scope);
      return expression.type === 'number'
        ? expression.code
        : `${cx.helper('toInt')}(${expression.code})`;
    }
    case 'lower':
    case 'ifExists': {
      const expression = argumentExpression(cx, argument, scope);
      if (/^'[^']*'$/.test(expression.code)) return expression.code.toLowerCase();
      // a computed value: lower-cased and typed as the values the option takes (checked at set-up)
      if (as === 'lower' && values !== undefined) {
        const text =
          expression.type === 'string'
            ? expression.code
            : `${cx.helper('toPsString')}(${expression.code})`;
        return `${text}.toLowerCase()${cx.ts(` as ${values.map((v) => `'${v}'`).join(' | ')}`)}`;
      }
      throw new NotPorted(argument, 'a computed enum value');
    }
    case 'methods':
    case 'upperList': {
      const items = listItems(cx, argument, scope);
      if (items.some((item) => !/^'[^']*'$/.test(item)))
        throw new NotPorted(argument, 'computed methods');
      const upper = items.map((item) => item.toUpperCase());
      if (as === 'methods' && upper.length === 1) return upper[0];
      return `[${upper.join(', ')}]`;
    }
    case 'fileContents': {
      const expression = argumentExpression(cx, argument, scope);
      cx.nodeImport('node:fs', 'readFileSync');
      cx.nodeImport('node:path', 'resolve');
      return `readFileSync(resolve(${cx.options.rootExpression}, ${expression.code}), 'utf8')`;
    }
    case 'levels':
    case 'level':
      return logLevels(cx, argument, scope, as === 'level');
    case 'function':
    case 'boolFunction': {
      const fn = typedParameters(
        cx,
        handlerLines(cx, argument, 'inline', scope, new Map(), undefined),
      ).join(LINE_BREAK);
      // Pode casts the result to [bool]: PowerShell's truthiness, not JavaScript's
      return as === 'boolFunction' ? `${cx.helper('boolResult')}(${fn})` : fn;
    }
    case 'logMethod':
    case 'logType':
      return logScriptBlock(cx, argument, as, scope, node, siblings);
    case 'functions': {
      const items = listNodes(cx, argument);
      return `[${items.map((item) => handlerLines(cx, item, 'middleware', scope, new Map(), undefined).join('\n')).join(', ')}]`;
    }
    default:
      return argumentExpression(cx, argument, scope).code;
  }
}

/**
 * A log method's or log type's script block, called with the arguments Pode gives it: by its
 * `-Version` (1, Pode's default, or 2) and with its `-ArgumentList`.
 */
function logScriptBlock(
  cx: EmitContext,
  argument: SyntaxNode,
  as: 'logMethod' | 'logType',
  scope: Scope,
  node: SyntaxNode,
  siblings: Map<string, BoundValue> | undefined,
): string {
  const fn = typedParameters(
    cx,
    handlerLines(cx, argument, 'inline', scope, new Map(), undefined),
  ).join(LINE_BREAK);
  const version = siblings?.get('Version');
  let versionCode = '1';
  if (version !== undefined) {
    const text = version.kind === 'node' ? unwrap(version.node).text.replace(/['"]/g, '') : '';
    if (text !== '1' && text !== '2') throw new NotPorted(node, `-Version ${text || '(computed)'}`);
    versionCode = text;
  }
  const list = siblings?.get('ArgumentList');
  const listCode =
    list === undefined || list.kind !== 'node'
      ? undefined
      : `[${listItems(cx, list.node, scope).join(', ')}]`;
  const args = [fn];
  if (as === 'logType') {
    const name = siblings?.get('Name');
    args.push(name === undefined ? "''" : convert(cx, name, 'string', scope, node));
  }
  if (versionCode !== '1' || listCode !== undefined) args.push(versionCode);
  if (listCode !== undefined) args.push(listCode);
  return `${cx.helper(as === 'logType' ? 'podeLogType' : 'podeLogMethod')}(${args.join(', ')})`;
}

export function listNodes(cx: EmitContext, node: SyntaxNode): SyntaxNode[] {
  const inner = unwrap(node);
  if (inner.type === 'array_literal_expression') return named(inner).map(unwrap);
  if (inner.type === 'array_expression') {
    const list = named(inner).find((child) => child.type === 'statement_list');
    return list === undefined ? [] : listNodes(cx, named(list)[0] ?? list);
  }
  return [inner];
}

export function listItems(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  return listNodes(cx, node).map((item) => argumentExpression(cx, item, scope).code);
}

/** A command argument: barewords are strings. */
export function argumentExpression(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const splat = splatReference(cx, node, scope);
  if (splat !== undefined) return { code: splat, type: 'any' };
  const inner = unwrap(node);
  if (inner.type === 'generic_token' || inner.type === 'command_name') {
    if (/^-?\d+(\.\d+)?$/.test(inner.text)) return { code: inner.text, type: 'number' };
    return { code: quote(inner.text), type: 'string' };
  }
  return emitExpression(cx, inner, scope);
}

/** What in a script shares memory between requests (so it cannot run as several processes). */
function sharedMemory(text: string): string | undefined {
  const markers: [RegExp, string][] = [
    [/Enable-PodeSessionMiddleware|\$session:/i, 'sessions'],
    [/-PodeState\b|\$state:|Lock-PodeObject/i, 'state'],
    [/\$cache:|-PodeCache\b/i, 'the in-memory cache'],
    [/Add-PodeRoute[\s\S]*\b(Mount|Dismount)-PodeSecret\b/i, 'secrets mounted by a route'],
    [/\$(script|global):/i, '$script: or $global: variables'],
    [
      /\$using:\w+(\.\w+)*\s*(\.(Add|Remove|Clear|Insert)\w*\(|\[[^\]]*\]\s*[-+*/]?=(?!=)|[-+*/]?=(?!=))/i,
      'a $using: variable changed by a route',
    ],
  ];
  return markers.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * `Start-PodeServer -FilePath ./server.ps1`: the file holds the server's script block. Pode's root
 * is then the file's folder, or the current folder with `-CurrentPath`.
 */
function serverFile(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
): {
  block: BoundValue;
  key: string;
  text: string;
  operators?: ReadonlyMap<number, string>;
  root?: string;
} {
  const file = values.get('FilePath');
  const key = file?.kind === 'node' ? dotSourcePath(file.node.text, cx.keyContext()) : undefined;
  if (key === undefined || cx.options.include === undefined)
    throw new NotPorted(node, 'Start-PodeServer -FilePath with a computed path');
  const included = cx.options.include(key);
  if ('error' in included) throw new NotPorted(node, included.error);
  const block = findScriptBlockExpression(included.root);
  if (block === undefined) throw new NotPorted(node, 'a server file that is not one script block');
  values.delete('FilePath');
  const current = values.get('CurrentPath');
  values.delete('CurrentPath');
  const folder = keyFolder(key);
  let root: string | undefined;
  if (current === undefined && folder !== '.') {
    cx.nodeImport('node:path', 'join');
    root = `join(${cx.options.rootExpression}, ${quote(folder.slice(2))})`;
  }
  return {
    block: { kind: 'node', node: block },
    key,
    text: included.text,
    operators: included.operators,
    root,
  };
}
