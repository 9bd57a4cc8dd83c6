/**
 * The converter's MCP part: `Add-PodeMcpTool` (its `-AutoSchema` read from the script block's
 * param block, and the `-PassThru | Add-PodeMcpToolProperty …` chain) → one `s.addMcpTool(…)`
 * with `properties` and `required`, and the tool's script block → `async ({ Name: name }, e) =>`
 * (Pode splats the call's arguments onto its parameters). The other MCP cmdlets are table rows
 * (src/port/tables/mcp.ts).
 */
import type { BoundValue } from '../binder.js';
import { callLines, convert } from '../emit/builder.js';
import { bind, commandName } from '../emit/commands.js';
import { type EmitContext, NotPorted, type Scope } from '../emit/context.js';
import { emitExpression } from '../emit/expressions.js';
import { findParamBlock, type Parameter } from '../emit/functions.js';
import { handlerLines } from '../emit/handlers.js';
import { camel, named, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';

const TOOL_PARAMS = new Set([
  'Name',
  'Description',
  'ScriptBlock',
  'Group',
  'AutoSchema',
  'PassThru',
]);
const PROPERTY_PARAMS = new Set(['Tool', 'Name', 'Definition', 'Required', 'PassThru']);

/** `Add-PodeMcpTool …` as a statement of its own; undefined for any other command. */
export function mcpToolStatement(
  cx: EmitContext,
  node: SyntaxNode,
  scope: Scope,
): string[] | undefined {
  if (commandName(node).toLowerCase() !== 'add-podemcptool') return undefined;
  return addMcpTool(cx, node, [], scope);
}

/** `Add-PodeMcpTool … -PassThru | Add-PodeMcpToolProperty … [| …]`; undefined for other pipelines. */
export function mcpPipeline(
  cx: EmitContext,
  parts: readonly SyntaxNode[],
  scope: Scope,
): string[] | undefined {
  const [first, ...rest] = parts;
  if (first?.type !== 'command' || commandName(first).toLowerCase() !== 'add-podemcptool')
    return undefined;
  for (const part of rest) {
    if (part.type !== 'command' || commandName(part).toLowerCase() !== 'add-podemcptoolproperty')
      throw new NotPorted(part, `piping Add-PodeMcpTool into ${commandName(part)}`);
  }
  return addMcpTool(cx, first, rest, scope);
}

/** The signature of a tool's function: its parameters destructured from the call's arguments. */
export function mcpToolSignature(
  cx: EmitContext,
  params: readonly Parameter[],
  inner: Scope,
): string {
  inner.event = 'e';
  if (params.length === 0) return 'async (_args, e) =>';
  const names = params.map((parameter) => {
    if (parameter.default !== undefined)
      throw new NotPorted(parameter.default, 'a default value on an MCP tool parameter');
    const js = camel(parameter.name);
    inner.vars.set(parameter.name.toLowerCase(), js);
    return `${parameter.name}: ${js}`;
  });
  return `async ({ ${names.join(', ')} }${cx.ts(': any')}, e) =>`;
}

function addMcpTool(
  cx: EmitContext,
  node: SyntaxNode,
  propertyCalls: readonly SyntaxNode[],
  scope: Scope,
): string[] {
  if (scope.kind !== 'setup') throw new NotPorted(node, 'Add-PodeMcpTool outside Start-PodeServer');
  const values = bind(cx, node, 'Add-PodeMcpTool');
  for (const param of values.keys()) {
    if (!TOOL_PARAMS.has(param))
      throw new NotPorted(node, `Add-PodeMcpTool -${param} (no equivalent in pode-ts)`);
  }
  const name = required(values, 'Name', node);
  const block = required(values, 'ScriptBlock', node);
  const properties = new Map<string, string>();
  const requiredNames: string[] = [];
  const autoSchema = values.get('AutoSchema');
  if (autoSchema !== undefined && (autoSchema.kind !== 'switch' || autoSchema.value)) {
    if (block.kind !== 'node') throw new NotPorted(node, 'Add-PodeMcpTool without a script block');
    for (const property of autoProperties(cx, unwrap(block.node))) {
      properties.set(property.name, property.schema);
      if (property.required) requiredNames.push(property.name);
    }
  }
  for (const call of propertyCalls) {
    const property = bind(cx, call, 'Add-PodeMcpToolProperty');
    for (const param of property.keys()) {
      if (!PROPERTY_PARAMS.has(param))
        throw new NotPorted(call, `Add-PodeMcpToolProperty -${param} (no equivalent in pode-ts)`);
    }
    const key = literalString(required(property, 'Name', call), call);
    const definition = required(property, 'Definition', call);
    if (definition.kind !== 'node')
      throw new NotPorted(call, 'Add-PodeMcpToolProperty -Definition');
    properties.set(key, emitExpression(cx, unwrap(definition.node), scope).code);
    const isRequired = property.get('Required');
    if (isRequired !== undefined) {
      if (isRequired.kind !== 'switch') throw new NotPorted(call, 'a computed -Required');
      if (isRequired.value && !requiredNames.includes(key)) requiredNames.push(key);
    }
  }
  const options = [
    `description: ${convert(cx, required(values, 'Description', node), 'string', scope, node)}`,
  ];
  options.push(`group: ${convert(cx, required(values, 'Group', node), 'value', scope, node)}`);
  if (properties.size > 0) {
    const entries = [...properties].map(([key, schema]) => `${propertyKey(key)}: ${schema}`);
    options.push(`properties: { ${entries.join(', ')} }`);
  }
  if (requiredNames.length > 0) options.push(`required: [${requiredNames.map(quote).join(', ')}]`);
  if (block.kind !== 'node') throw new NotPorted(node, 'Add-PodeMcpTool without a script block');
  const handler = handlerLines(cx, block.node, 'mcp-tool', scope, values, undefined);
  const head = `s.addMcpTool(${convert(cx, name, 'string', scope, node)}, { ${options.join(', ')} }`;
  return callLines(head, handler, '');
}

interface AutoProperty {
  name: string;
  schema: string;
  required: boolean;
}

/** Pode's `-AutoSchema`: a JSON Schema per parameter, from its type and attributes. */
function autoProperties(cx: EmitContext, block: SyntaxNode): AutoProperty[] {
  const paramBlock = findParamBlock(block);
  if (paramBlock === undefined) return [];
  const list = named(paramBlock).find((child) => child.type === 'parameter_list');
  if (list === undefined) return [];
  const result: AutoProperty[] = [];
  for (const parameter of named(list)) {
    const text = parameter.text;
    const name = text.match(/\$(\w+)\s*(?:=[\s\S]*)?$/)?.[1];
    if (name === undefined) continue;
    const attribute = (pattern: RegExp) => pattern.test(text);
    if (attribute(/\bDontShow\s*(?:=\s*\$true)?\s*[,)]/i)) continue;
    const mandatory = attribute(/\bMandatory\s*(?:=\s*\$true)?\s*[,)]/i);
    const help = text.match(/\bHelpMessage\s*=\s*('(?:[^']|'')*'|"[^"$`]*")/i)?.[1];
    const typeMatch = text.match(/\[(\w+)(\[\])?\]\s*\$\w+\s*(?:=[\s\S]*)?$/);
    const type = typeMatch?.[1].toLowerCase();
    const isArray = typeMatch?.[2] !== undefined;
    const factory =
      type === 'string'
        ? 'newJsonSchemaString'
        : type === 'int' || type === 'long' || type === 'int32' || type === 'int64'
          ? 'newJsonSchemaInteger'
          : type === 'double' || type === 'float' || type === 'single'
            ? 'newJsonSchemaNumber'
            : type === 'bool' || type === 'boolean'
              ? 'newJsonSchemaBoolean'
              : undefined;
    if (factory === undefined)
      throw new NotPorted(
        parameter,
        `-AutoSchema for parameter $${name} of type [${typeMatch?.[1] ?? 'object'}] (Pode refuses it too: only string, int, long, double, float and bool)`,
      );
    const options: string[] = [];
    const range = pair(text, 'ValidateRange');
    if (range !== undefined) options.push(`minimum: ${range[0]}`, `maximum: ${range[1]}`);
    const length = pair(text, 'ValidateLength');
    if (length !== undefined) options.push(`minLength: ${length[0]}`, `maxLength: ${length[1]}`);
    const set = text.match(/\[ValidateSet\(([^)]*)\)\]/i)?.[1];
    if (set !== undefined) {
      const items = set.split(',').map((item) => item.trim());
      if (!items.every((item) => /^'[^']*'$|^"[^"$`']*"$/.test(item)))
        throw new NotPorted(parameter, `-AutoSchema with a computed ValidateSet on $${name}`);
      options.push(`enum: [${items.map((item) => `'${item.slice(1, -1)}'`).join(', ')}]`);
    }
    const description = help === undefined ? undefined : `description: ${psString(help)}`;
    if (!isArray && description !== undefined) options.push(description);
    cx.imports.add(factory);
    let schema = `${factory}(${options.length === 0 ? '' : `{ ${options.join(', ')} }`})`;
    if (isArray) {
      const arrayOptions: string[] = [];
      if (description !== undefined) arrayOptions.push(description);
      const count = pair(text, 'ValidateCount');
      if (count !== undefined) arrayOptions.push(`minItems: ${count[0]}`, `maxItems: ${count[1]}`);
      cx.imports.add('newJsonSchemaArray');
      schema = `newJsonSchemaArray(${schema}${arrayOptions.length === 0 ? '' : `, { ${arrayOptions.join(', ')} }`})`;
    }
    result.push({ name, schema, required: mandatory });
  }
  return result;
}

function pair(text: string, attribute: string): [string, string] | undefined {
  const match = text.match(
    new RegExp(`\\[${attribute}\\(\\s*(-?[\\d.]+)\\s*,\\s*(-?[\\d.]+)\\s*\\)\\]`, 'i'),
  );
  return match === null ? undefined : [match[1], match[2]];
}

function required(values: Map<string, BoundValue>, param: string, node: SyntaxNode): BoundValue {
  const value = values.get(param);
  if (value === undefined) throw new NotPorted(node, `${commandName(node)} without -${param}`);
  return value;
}

function literalString(value: BoundValue, node: SyntaxNode): string {
  const text = value.kind === 'node' ? unwrap(value.node).text : '';
  const match = text.match(/^'([^']*)'$|^"([^"$`]*)"$|^(\w+)$/);
  if (match === null) throw new NotPorted(node, 'a computed Add-PodeMcpToolProperty -Name');
  return match[1] ?? match[2] ?? match[3];
}

function psString(literal: string): string {
  const inner = literal.startsWith("'")
    ? literal.slice(1, -1).replace(/''/g, "'")
    : literal.slice(1, -1);
  return quote(inner);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}
