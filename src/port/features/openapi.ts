/**
 * Pode's route descriptions piped from `Add-PodeRoute -PassThru` into `Set-PodeOARouteInfo`,
 * `Add-PodeOAResponse` and `Set-PodeOARequest`: the route is added, then each description names it
 * by `{ method, path }` (`s.setOARouteInfo({ method: 'GET', path: '/pets' }, { … })`).
 */

import type { BoundValue } from '../binder.js';
import {
  builderCall,
  checkUnmapped,
  mappedArguments,
  optionsObject,
  podeMappingEntry,
} from '../emit/builder.js';
import { bind, commandName } from '../emit/commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from '../emit/context.js';
import { scriptBlockBody } from '../emit/handlers.js';
import { pipeline } from '../emit/pipeline.js';
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

const WEBHOOK_REF: PodeMapping = {
  target: 'builder',
  options: {
    Method: { key: 'method', as: 'methods' },
    Name: { key: 'webhook', as: 'string' },
  },
};

/** The lines of `Add-PodeRoute … -PassThru | <OpenAPI route cmdlets>` (or `Add-PodeOAWebhook … -PassThru | …`), or undefined for any other pipeline. */
export function openApiRoutePipeline(
  cx: EmitContext,
  parts: readonly SyntaxNode[],
  scope: Scope,
): string[] | undefined {
  if (parts.length < 2) return undefined;
  const [first, ...rest] = parts.map(unwrap);
  const schema = componentSchemaPipeline(cx, first, rest, scope);
  if (schema !== undefined) return schema;
  const head = first.type === 'command' ? commandName(first).toLowerCase() : '';
  if (head !== 'add-poderoute' && head !== 'add-podeoawebhook') return undefined;
  if (
    !rest.every(
      (part) => part.type === 'command' && ROUTE_CMDLETS.has(commandName(part).toLowerCase()),
    )
  )
    return undefined;
  const cmdlet = head === 'add-poderoute' ? 'Add-PodeRoute' : 'Add-PodeOAWebhook';
  const lines = builderCall(cx, first, cmdlet, podeCmdlets[cmdlet], scope, undefined);
  // a webhook is described as { method, webhook: name }
  const route = optionsObject(
    cx,
    bind(cx, first, cmdlet),
    cmdlet === 'Add-PodeRoute' ? ROUTE_REF : WEBHOOK_REF,
    scope,
    first,
  );
  for (const part of rest) {
    const [name, mapping] = podeMappingEntry(commandName(part)) ?? [];
    if (name === undefined || mapping === undefined) return undefined;
    const values = bind(cx, part, name);
    checkUnmapped(cx, values, mapping, name, part);
    const args = mappedArguments(cx, values, mapping, name, scope, part);
    const options = optionsObject(cx, values, mapping, scope, part);
    // addOAResponse's response is optional (described by its status code)
    const last = options !== '' ? [options] : mapping.name === 'addOAResponse' ? [] : ['{}'];
    lines.push(`s.${mapping.name}(${[route, ...args, ...last].join(', ')});`);
  }
  return lines;
}

/** Where a piped value goes, for the OpenAPI cmdlets Pode's scripts pipe into. */
const PIPED_PARAMETER: Record<string, string> = {
  'convertto-podeoaparameter': 'Property',
  'add-podeoacomponentschema': 'Component',
  'add-podeoacomponentparameter': 'Parameter',
};

/** The set-up cmdlets whose piped value is their second argument (a component). */
const COMPONENT_CMDLETS: Record<string, string> = {
  'add-podeoacomponentschema': 'Add-PodeOAComponentSchema',
  'add-podeoacomponentparameter': 'Add-PodeOAComponentParameter',
};

/**
 * `New-PodeOAIntProperty -Name id | ConvertTo-PodeOAParameter -In Path`: the piped property is the
 * call's `Property`. Undefined for any other piped call.
 */
export function openApiPipedValue(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  values: Map<string, BoundValue>,
  input: Expr,
  scope: Scope,
): Expr | undefined {
  const chained = chainedProperty(cx, node, name, values, input, scope);
  if (chained !== undefined) return chained;
  if (name.toLowerCase() !== 'convertto-podeoaparameter' || values.has('Property'))
    return undefined;
  const mapping = podeCmdlets['ConvertTo-PodeOAParameter'];
  checkUnmapped(cx, values, mapping, name, node);
  const location = mappedArguments(
    cx,
    values,
    { ...mapping, args: mapping.args?.slice(0, 1) },
    name,
    scope,
    node,
  );
  const options = optionsObject(cx, values, mapping, scope, node);
  cx.imports.add('convertToOAParameter');
  const args = [...location, input.code, ...(options === '' ? [] : [options])];
  return { code: `convertToOAParameter(${args.join(', ')})`, type: 'any' };
}

/**
 * `New-PodeOAObjectProperty … | Add-PodeOAComponentSchema -Name Pet` (and `… | ConvertTo-PodeOAParameter
 * -In Path | Add-PodeOAComponentParameter -Name Id`): the piped value is the component.
 */
function componentSchemaPipeline(
  cx: EmitContext,
  first: SyntaxNode,
  rest: readonly SyntaxNode[],
  scope: Scope,
): string[] | undefined {
  const last = rest[rest.length - 1];
  if (scope.kind !== 'setup' || last?.type !== 'command') return undefined;
  const lastName = commandName(last).toLowerCase();
  const cmdlet = COMPONENT_CMDLETS[lastName];
  if (cmdlet === undefined) return undefined;
  const values = bind(cx, last, cmdlet);
  if (values.has(PIPED_PARAMETER[lastName])) return undefined;
  const mapping = podeCmdlets[cmdlet];
  checkUnmapped(cx, values, mapping, cmdlet, last);
  const [componentName] = mappedArguments(
    cx,
    values,
    { ...mapping, args: mapping.args?.slice(0, 1) },
    cmdlet,
    scope,
    last,
  );
  const value = pipeline(cx, [first, ...rest.slice(0, -1)], scope);
  const options = optionsObject(cx, values, mapping, scope, last);
  const args = [componentName, value.code, ...(options === '' ? [] : [options])];
  return [`s.${mapping.name}(${args.join(', ')});`];
}

/**
 * `Select-PodeOADefinition -Tag 'v2' -ScriptBlock { Add-PodeRoute … }` →
 * `s.selectOADefinition('v2', () => { s.addRoute(…); })`: Pode runs the block at once with the
 * selected definition set, so it is a set-up scope on the same builder.
 */
export function selectDefinitionCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping,
  scope: Scope,
  values: Map<string, BoundValue>,
): string[] {
  const block = values.get('Scriptblock');
  if (block === undefined || block.kind !== 'node')
    throw new NotPorted(node, `${name} without a -ScriptBlock`);
  const tag = values.get('Tag');
  if (tag === undefined) throw new NotPorted(node, `${name} without -Tag (name the definition)`);
  checkUnmapped(cx, values, mapping, name, node);
  const [tagCode] = mappedArguments(cx, values, mapping, name, scope, node);
  const inner: Scope = {
    kind: 'setup',
    event: null,
    vars: new Map(),
    parent: scope,
    hoisted: new Set(),
    // selectOADefinition's function is synchronous
    isAsync: false,
  };
  const body = scriptBlockBody(cx, block.node, inner);
  return [`s.${mapping.name}(${tagCode}, () => {`, ...body.map((line) => `  ${line}`), '});'];
}

const PROPERTY_CMDLETS: Record<string, string> = {
  'new-podeoaintproperty': 'New-PodeOAIntProperty',
  'new-podeoanumberproperty': 'New-PodeOANumberProperty',
  'new-podeoastringproperty': 'New-PodeOAStringProperty',
  'new-podeoaboolproperty': 'New-PodeOABoolProperty',
  'new-podeoaobjectproperty': 'New-PodeOAObjectProperty',
  'new-podeoacomponentschemaproperty': 'New-PodeOAComponentSchemaProperty',
  'new-podeoaschemaproperty': 'New-PodeOASchemaProperty',
};

/**
 * Pode's chained properties: `New-PodeOAIntProperty -Name a | New-PodeOAStringProperty -Name b`
 * is the list of both (`[newOAIntProperty(…), newOAStringProperty(…)]`), and piped on into
 * `New-PodeOAObjectProperty` they are the object's properties (with its own `-Properties` the
 * object joins the list instead, as in Pode). Undefined for any other piped call.
 */
function chainedProperty(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  values: Map<string, BoundValue>,
  input: Expr,
  scope: Scope,
): Expr | undefined {
  const cmdlet = PROPERTY_CMDLETS[name.toLowerCase()];
  if (cmdlet === undefined) return undefined;
  // only a property call, or a list of them made here, is a piped property
  const list = /^\[newOA\w+Property\(/.test(input.code);
  if (!list && !/^newOA\w+Property\(/.test(input.code))
    throw new NotPorted(node, `piping a computed value into ${name}`);
  const mapping = podeCmdlets[cmdlet];
  checkUnmapped(cx, values, mapping, name, node);
  const options = optionsObject(cx, values, mapping, scope, node);
  cx.imports.add(mapping.name as string);
  // Pode's object with neither -Properties nor -NoProperties takes the piped ones
  if (cmdlet === 'New-PodeOAObjectProperty' && !values.has('Properties')) {
    const properties = list ? input.code : `[${input.code}]`;
    const rest = options === '' ? ' }' : `, ${options.slice(2)}`;
    return { code: `${mapping.name}({ properties: ${properties}${rest})`, type: 'any' };
  }
  const items = list ? input.code.slice(1, -1) : input.code;
  // a property with positional arguments (newOASchemaProperty's reference) takes them first
  const args = mappedArguments(cx, values, mapping, name, scope, node);
  const call = [...args, ...(options === '' ? [] : [options])].join(', ');
  return { code: `[${items}, ${mapping.name}(${call})]`, type: 'any' };
}

/**
 * `ConvertTo-PodeOAParameter -Reference 'UserId'` → `convertToOAParameter({ reference: 'UserId' })`:
 * a reference to a component parameter. Undefined for any other call.
 */
export function openApiReferenceParameter(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  values: Map<string, BoundValue>,
  scope: Scope,
): Expr | undefined {
  if (name.toLowerCase() !== 'convertto-podeoaparameter' || !values.has('Reference'))
    return undefined;
  const others = [...values.keys()].filter((key) => key !== 'Reference');
  if (others.length > 0)
    throw new NotPorted(node, `${name} -Reference with -${others.join(', -')}`);
  const [reference] = mappedArguments(
    cx,
    values,
    { target: 'free', args: [{ param: 'Reference', as: 'string' }] },
    name,
    scope,
    node,
  );
  cx.imports.add('convertToOAParameter');
  return { code: `convertToOAParameter({ reference: ${reference} })`, type: 'any' };
}
