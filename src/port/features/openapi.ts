/**
 * Pode's route descriptions piped from `Add-PodeRoute -PassThru` into `Set-PodeOARouteInfo`,
 * `Add-PodeOAResponse` and `Set-PodeOARequest`: the route is added, then each description names it
 * by `{ method, path }` (`s.setOARouteInfo({ method: 'GET', path: '/pets' }, { … })`).
 */

import {
  builderCall,
  checkUnmapped,
  mappedArguments,
  optionsObject,
  podeMappingEntry,
} from '../emit/builder.js';
import { bind, commandName } from '../emit/commands.js';
import type { EmitContext, Scope } from '../emit/context.js';
import { unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import { type PodeMapping, podeCmdlets } from '../tables/pode.js';

const ROUTE_CMDLETS = new Set(['set-podeoarouteinfo', 'add-podeoaresponse', 'set-podeoarequest']);

const ROUTE_REF: PodeMapping = {
  target: 'builder',
  options: {
    Method: { key: 'method', as: 'methods' },
    Path: { key: 'path', as: 'string' },
  },
};

/** The lines of `Add-PodeRoute … -PassThru | <OpenAPI route cmdlets>`, or undefined for any other pipeline. */
export function openApiRoutePipeline(
  cx: EmitContext,
  parts: readonly SyntaxNode[],
  scope: Scope,
): string[] | undefined {
  if (parts.length < 2) return undefined;
  const [first, ...rest] = parts.map(unwrap);
  if (first.type !== 'command' || commandName(first).toLowerCase() !== 'add-poderoute')
    return undefined;
  if (
    !rest.every(
      (part) => part.type === 'command' && ROUTE_CMDLETS.has(commandName(part).toLowerCase()),
    )
  )
    return undefined;
  const lines = builderCall(
    cx,
    first,
    'Add-PodeRoute',
    podeCmdlets['Add-PodeRoute'],
    scope,
    undefined,
  );
  const route = optionsObject(cx, bind(cx, first, 'Add-PodeRoute'), ROUTE_REF, scope, first);
  for (const part of rest) {
    const [name, mapping] = podeMappingEntry(commandName(part)) ?? [];
    if (name === undefined || mapping === undefined) return undefined;
    const values = bind(cx, part, name);
    checkUnmapped(cx, values, mapping, name, part);
    const args = mappedArguments(cx, values, mapping, name, scope, part);
    const options = optionsObject(cx, values, mapping, scope, part);
    lines.push(
      `s.${mapping.name}(${[route, ...args, options === '' ? '{}' : options].join(', ')});`,
    );
  }
  return lines;
}
