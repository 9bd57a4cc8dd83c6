/**
 * Command statements and calls: command names and elements, binding by the catalogue, Pode cmdlets
 * used as values (the background's state and lock cmdlets: src/port/features/background.ts).
 */

import {
  type BoundValue,
  bindCommand,
  type CatalogueCmdlet,
  type CommandElement,
} from '../binder.js';
import { accessExpression, accessPipeline } from '../features/access.js';
import { backgroundStatement, backgroundValue } from '../features/background.js';
import { redirectTargetCall } from '../features/endpoints.js';
import { mcpPipeline, mcpToolStatement } from '../features/mcp.js';
import { isPodeImport } from '../features/module-import.js';
import { nativeCommand } from '../features/native.js';
import {
  openApiPipedValue,
  openApiReferenceParameter,
  openApiRoutePipeline,
} from '../features/openapi.js';
import { podeConfigValue } from '../features/pode-config.js';
import { secretsCacheStatement } from '../features/secrets-cache.js';
import { splatElements } from '../features/splat.js';
import { getModuleValue, templateModuleImport } from '../features/template-modules.js';
import { loggingMethodCall, pipedCall } from '../features/web-sites.js';
import { commandIncludeKey } from '../includes.js';
import { decodeParameterName, type SyntaxNode } from '../parser.js';
import { type PodeMapping, podeCmdlets, unsupportedPodeCmdlets } from '../tables/pode.js';
import { powershellCmdlets } from '../tables/powershell.js';
import {
  builderCall,
  checkUnmapped,
  convert,
  mappedArguments,
  optionsObject,
  podeMapping,
  podeMappingEntry,
  startServer,
} from './builder.js';
import { type EmitContext, type Expr, NotPorted, type Scope, type ValueType } from './context.js';
import { dotSource, includeFile, lookup, useRoutes, userCall } from './functions.js';
import { schemeCall } from './handlers.js';
import { newMiddlewareValue } from './middleware.js';
import { forEachObjectStatement, pipeline, psCall, range } from './pipeline.js';
import { isDotSource, named, pipelineParts } from './syntax.js';

export function commandStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const name = commandName(node);
  const lower = name.toLowerCase();
  const fileKey = commandIncludeKey(name, node.text, cx.keyContext());
  // a -FilePath script block is read where its cmdlet is translated (handlers.ts)
  if (
    fileKey !== undefined &&
    !/^(add-pode(route|timer|schedule|task)|start-podeserver)$/.test(lower)
  )
    return includeFile(cx, node, fileKey, scope);
  if (lower === 'import-module') {
    if (isPodeImport(node.text)) return [];
    const argument = node.text
      .replace(/^\S+\s*/, '')
      .replace(
        /-(ErrorAction|MaximumVersion|MinimumVersion|RequiredVersion|Scope|Prefix)\s+\S+/gi,
        '',
      )
      .replace(/-(Force|Global|PassThru|DisableNameChecking)\b/gi, '')
      .replace(/-Name\s+/i, '')
      .replace(/['"]/g, '')
      .trim();
    if (/^pode(\.psd1|\.psm1)?$/i.test(argument) || /[\\/)]pode\.psm?d?1$/i.test(argument))
      return [];
    const template = templateModuleImport(cx, node, argument);
    if (template !== undefined) return template;
    throw new NotPorted(
      node,
      `Import-Module ${argument} (a PowerShell module: Node cannot load it, use a JavaScript library)`,
    );
  }
  if (lower === 'export-modulemember' && cx.includedAt !== undefined) {
    // an imported module's functions are inlined into this one: every one is visible, so the
    // list of those it exports has nothing left to limit
    return [`// ${node.text.replace(/\s+/g, ' ')}: the module's functions are part of this file`];
  }
  if (isDotSource(node)) return dotSource(cx, node, scope);
  if (/^use-pode(routes|timers|schedules|tasks|auth)$/.test(lower))
    return useRoutes(cx, node, scope);
  if (lower === 'start-podeserver') return startServer(cx, node, scope);
  const mcpTool = mcpToolStatement(cx, node, scope);
  if (mcpTool !== undefined) return mcpTool;
  const mapping = podeMapping(name);
  const background = backgroundStatement(cx, node, mapping, scope);
  if (background !== undefined) return background;
  const secretsCache = secretsCacheStatement(cx, node, mapping, scope);
  if (secretsCache !== undefined) return secretsCache;
  if (mapping?.target === 'drop') {
    cx.note(node, `${name} dropped: ${mapping.note}`);
    return [`// ${name}: ${mapping.note}`];
  }
  if (mapping?.target === 'builder') return builderCall(cx, node, name, mapping, scope, undefined);
  const expression = command(cx, node, scope, undefined);
  return [`${expression.code};`];
}

export function pipelineStatement(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const parts = pipelineParts(node);
  const last = parts[parts.length - 1];
  const lastName =
    last.type === 'command' || last.type === 'command_name' ? commandName(last).toLowerCase() : '';
  const access = accessPipeline(cx, parts, scope);
  if (access !== undefined) return access;
  const mcp = mcpPipeline(cx, parts, scope);
  if (mcp !== undefined) return mcp;
  const authCmdlets: Record<string, string> = {
    'add-podeauth': 'Add-PodeAuth',
    'add-podeauthuserfile': 'Add-PodeAuthUserFile',
    'add-podeauthwindowsad': 'Add-PodeAuthWindowsAd',
  };
  if (authCmdlets[lastName] !== undefined && parts.length === 2) {
    const name = authCmdlets[lastName] as string;
    return builderCall(cx, last, name, podeCmdlets[name], scope, parts[0]);
  }
  if (lastName === 'add-podemiddleware' && parts.length === 2) {
    const mapping = podeCmdlets['Add-PodeMiddleware'];
    return builderCall(cx, last, 'Add-PodeMiddleware', mapping, scope, parts[0]);
  }
  const openApi = openApiRoutePipeline(cx, parts, scope);
  if (openApi !== undefined) return openApi;
  const piped = pipedCall(cx, node, scope);
  if (piped !== undefined) return piped;
  const loop = forEachObjectStatement(cx, parts, scope);
  if (loop !== undefined) return loop;
  if (lastName === 'out-null') {
    const value = pipeline(cx, parts.slice(0, -1), scope);
    // `Set-PodeState … | Out-Null`: the awaited call as a statement, without its parentheses.
    return [`${value.code.replace(/^\((await [\s\S]*)\)$/, '$1')};`];
  }
  return [`${pipeline(cx, parts, scope).code};`];
}

export function commandName(node: SyntaxNode): string {
  if (node.type === 'command_name') return node.text;
  const nameNode =
    node.childForFieldName('command_name') ??
    named(node).find(
      (child) => child.type === 'command_name' || child.type === 'command_name_expr',
    );
  return nameNode?.text ?? '';
}

export function commandElements(cx: EmitContext, node: SyntaxNode): CommandElement[] {
  if (node.type === 'command_name') return [];
  const elements =
    node.childForFieldName('command_elements') ??
    named(node).find((child) => child.type === 'command_elements');
  if (elements === undefined || elements === null) return [];
  const result: CommandElement[] = [];
  for (const child of named(elements)) {
    if (child.type === 'command_argument_sep' || child.type === 'comment') continue;
    if (child.type === 'command_parameter') {
      const text = child.text;
      const colon = text.endsWith(':') || cx.text[child.endIndex] === ':';
      result.push({
        kind: 'parameter',
        name: decodeParameterName(text.replace(/^-/, '').replace(/:$/, '')),
        node: child,
        colon,
      });
      continue;
    }
    if (child.type === 'redirection' || child.type === 'redirections')
      throw new NotPorted(child, 'redirection');
    const splat = splatElements(cx, child);
    if (splat !== undefined) result.push(...splat);
    else result.push({ kind: 'argument', node: child });
  }
  return result;
}

/** The catalogue entry for a cmdlet, or one made from the mapping tables. */
export function findCmdlet(cx: EmitContext, name: string): CatalogueCmdlet | undefined {
  const catalogue = cx.options.catalogue.cmdlets;
  const exact =
    catalogue[name] ??
    Object.entries(catalogue).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ??
    // Pode's aliases (`Enable-PodeOpenApiViewer` for `Enable-PodeOAViewer`)
    Object.values(catalogue).find((cmdlet) =>
      cmdlet.aliases.some((alias) => alias.toLowerCase() === name.toLowerCase()),
    );
  if (exact !== undefined) return exact;
  const pode = podeMappingEntry(name);
  const ps = Object.entries(powershellCmdlets).find(
    ([key]) => key.toLowerCase() === name.toLowerCase(),
  );
  if (pode === undefined && ps === undefined) return undefined;
  const names = new Set<string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  if (pode !== undefined) {
    const mapping = pode[1];
    for (const arg of mapping.args ?? []) names.add(arg.param);
    for (const [param, option] of Object.entries(mapping.options ?? {})) {
      names.add(param);
      if (option.as === 'switch' || option.as === 'notSwitch') switches.add(param);
    }
    if (mapping.handler !== undefined) names.add(mapping.handler.param);
    for (const param of mapping.ignored ?? []) names.add(param);
    for (const param of mapping.positional ?? []) names.add(param);
    positional.push(...(mapping.positional ?? []));
    for (const match of (mapping.name ?? '').matchAll(/\{([A-Z]\w*)\}/g)) names.add(match[1]);
    if (pode[0] === 'New-PodeAuthScheme')
      for (const s of ['Basic', 'Form', 'Bearer', 'ApiKey', 'Custom', 'OAuth2']) switches.add(s);
    for (const s of switches) names.add(s);
    names.add('ArgumentList');
    names.add('PassThru');
  }
  if (ps !== undefined) {
    const mapping = ps[1];
    for (const param of [
      ...(mapping.args ?? []),
      ...Object.keys(mapping.options ?? {}),
      ...(mapping.positional ?? []),
      ...(mapping.switches ?? []),
    ])
      names.add(param);
    if (mapping.input !== undefined) names.add(mapping.input);
    if (mapping.block !== undefined) names.add(mapping.block);
    for (const s of mapping.switches ?? []) switches.add(s);
    positional.push(...(mapping.positional ?? []));
    for (const [param, key] of Object.entries(mapping.options ?? {}))
      if (
        [
          'compress',
          'asArray',
          'asHashtable',
          'descending',
          'unique',
          'caseSensitive',
          'sum',
          'average',
          'maximum',
          'minimum',
          'raw',
          'append',
          'recurse',
          'file',
          'directory',
        ].includes(key) &&
        !mapping.values?.includes(param)
      )
        switches.add(param);
  }
  const parameters: CatalogueCmdlet['parameters'] = {};
  for (const param of names) {
    const position = positional.indexOf(param);
    parameters[param] = {
      type: switches.has(param) ? 'switch' : 'object',
      switch: switches.has(param),
      mandatory: [],
      position: position < 0 || switches.has(param) ? null : position,
      aliases: [],
      sets: ['__AllParameterSets'],
    };
  }
  return { aliases: [], defaultParameterSet: null, parameters };
}

export function bind(cx: EmitContext, node: SyntaxNode, name: string): Map<string, BoundValue> {
  const cmdlet = findCmdlet(cx, name);
  if (cmdlet === undefined) throw new NotPorted(node, `${name} (no equivalent in pode-ts)`);
  const binding = bindCommand(cmdlet, commandElements(cx, node));
  if (binding.problems.length > 0) {
    const problem = binding.problems[0];
    throw new NotPorted(problem.node, `${name}: ${problem.message}`);
  }
  for (const switchNode of binding.dropped)
    cx.note(
      switchNode,
      `${name} ${switchNode.text} dropped: a PowerShell common parameter (output and error preferences) with nothing to port`,
    );
  return binding.values;
}

/** A command used for its value (or as a statement). */
export function command(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
  input: Expr | undefined,
): Expr {
  const name = commandName(node);
  const lower = name.toLowerCase();
  if (/^-?\d+\.\.-?\d+$/.test(name)) return range(name);
  if (lower === 'new-podeloggingmethod') return loggingMethodCall(cx, node, scope);
  // `100MB`, `1.5GB`: a number with a multiplier the grammar reads as a command name (upper case)
  const sized = /^(\d+(?:\.\d+)?)(kb|mb|gb|tb|pb)$/i.exec(name);
  if (sized !== null && node.namedChildren.length === 1) {
    const unit = 1024 ** (['kb', 'mb', 'gb', 'tb', 'pb'].indexOf(sized[2].toLowerCase()) + 1);
    return { code: String(Math.round(Number(sized[1]) * unit)), type: 'number' };
  }
  const ends = /^(-?\d+|\$\w+)\.\.(-?\d+|\$\w+)$/.exec(name);
  if (ends !== null) {
    // `2..$limit` read as a bare word: each end is a number or a variable of the script
    const [from, to] = [ends[1], ends[2]].map((end) => {
      if (!end.startsWith('$')) return end;
      const found = lookup(end.slice(1).toLowerCase(), scope);
      if (found === undefined)
        throw new NotPorted(node, `${end} (a variable the script does not set)`);
      return found;
    });
    return { code: `${cx.helper('range')}(${from}, ${to})`, type: 'array' };
  }
  const background = backgroundValue(cx, node, name, podeMapping(name), scope, input);
  if (background !== undefined) return background;
  const user = cx.functions.get(lower);
  if (user !== undefined) return userCall(cx, node, user, scope);
  if (lower === 'get-podeconfig') return podeConfigValue(cx, node, scope);
  if (lower === 'new-podemiddleware') return newMiddlewareValue(cx, node, scope);
  const unsupported = Object.entries(unsupportedPodeCmdlets).find(
    ([key]) => key.toLowerCase() === lower,
  );
  if (unsupported !== undefined) throw new NotPorted(node, `${unsupported[0]} (${unsupported[1]})`);
  const pode = podeMappingEntry(name);
  if (pode !== undefined) return podeCall(cx, node, pode[0], pode[1], scope, input);
  if (lower === 'get-module' && input === undefined) {
    const modules = getModuleValue(cx, node);
    if (modules !== undefined) return modules;
  }
  const ps = Object.entries(powershellCmdlets).find(([key]) => key.toLowerCase() === lower);
  if (ps !== undefined) return psCall(cx, node, ps[0], ps[1], scope, input);
  const native = nativeCommand(cx, node, name, scope, input);
  if (native !== undefined) return native;
  throw new NotPorted(node, `${name} (no equivalent in pode-ts)`);
}

export function eventName(cx: EmitContext, scope: Scope): string {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    if (s.event !== null) return s.event;
    if (s.kind === 'function') break;
  }
  cx.imports.add('getWebEvent');
  return 'getWebEvent()';
}

export function podeCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping,
  scope: Scope,
  input: Expr | undefined,
  piped?: SyntaxNode,
): Expr {
  if (mapping.target === 'builder' || mapping.target === 'startServer')
    throw new NotPorted(node, `${name} used as a value`);
  if (mapping.target === 'drop') throw new NotPorted(node, `${name} used as a value`);
  const values = bind(cx, node, name);
  if (piped !== undefined && mapping.pipeInput !== undefined)
    values.set(mapping.pipeInput, { kind: 'node', node: piped });
  const described =
    input === undefined ? undefined : openApiPipedValue(cx, node, name, values, input, scope);
  if (described !== undefined) return described;
  if (input !== undefined) throw new NotPorted(node, `piping into ${name}`);
  const reference = openApiReferenceParameter(cx, node, name, values, scope);
  if (reference !== undefined) return reference;
  const access = accessExpression(cx, node, name, values, scope);
  if (access !== undefined) return access;
  if (mapping.target === 'scheme') return schemeCall(cx, node, values, mapping, scope);
  const redirect = redirectTargetCall(cx, node, name, mapping, values, scope);
  if (redirect !== undefined) return redirect;
  if (mapping.target === 'expression') {
    const template = mapping.name ?? '';
    let missing: string | undefined;
    const code = template.replace(/\{(\w+)\}/g, (_, hole: string) => {
      if (hole === 'e') return eventName(cx, scope);
      const value = values.get(hole);
      if (value === undefined) {
        missing = hole;
        return '';
      }
      return convert(
        cx,
        value,
        hole === 'Duration' ? 'number' : hole === 'Values' ? 'value' : 'string',
        scope,
        node,
      );
    });
    if (missing !== undefined) throw new NotPorted(node, `${name} without -${missing}`);
    return { code, type: (mapping.result ?? 'void') as ValueType };
  }
  checkUnmapped(cx, values, mapping, name, node);
  const options = optionsObject(cx, values, mapping, scope, node);
  const args = mappedArguments(cx, values, mapping, name, scope, node, options !== '');
  if (options !== '') args.push(options);
  let callee: string;
  if (mapping.target === 'event') {
    const imported = cx.imports.has('getWebEvent');
    const event = eventName(cx, scope);
    if (event === 'getWebEvent()' && mapping.free !== undefined) {
      // another use of getWebEvent() keeps its import
      if (!imported) cx.imports.delete('getWebEvent');
      cx.imports.add(mapping.free);
      callee = mapping.free;
    } else callee = `${event}.${mapping.name}`;
  } else {
    cx.imports.add(mapping.name ?? '');
    callee = mapping.name ?? '';
  }
  const call = `${callee}(${args.join(', ')})`;
  return {
    code: mapping.await === true ? `await ${call}` : call,
    type:
      (mapping.result ?? 'void') === 'nullableString'
        ? 'any'
        : ((mapping.result ?? 'void') as ValueType),
  };
}
