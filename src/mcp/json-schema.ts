/**
 * JSON Schema builders (Pode's `New-PodeJsonSchema*`, `Merge-PodeJsonSchema`): plain objects,
 * usable anywhere, for MCP tool properties (`s.addMcpTool(…, { properties })`).
 */
import type { McpJsonSchema } from './registry.js';

/** Options every builder takes. */
export interface JsonSchemaCommonOptions {
  description?: string;
}

/** Options of `newJsonSchemaInteger` and `newJsonSchemaNumber`. */
export interface JsonSchemaNumberOptions extends JsonSchemaCommonOptions {
  multipleOf?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  constant?: number | string;
  enum?: readonly number[];
}

/** Options of `newJsonSchemaString`. */
export interface JsonSchemaStringOptions extends JsonSchemaCommonOptions {
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  constant?: string;
  enum?: readonly string[];
}

/** Options of `newJsonSchemaArray`. */
export interface JsonSchemaArrayOptions extends JsonSchemaCommonOptions {
  minItems?: number;
  maxItems?: number;
  unique?: boolean;
}

/** Options of `newJsonSchemaObject`. */
export interface JsonSchemaObjectOptions extends JsonSchemaCommonOptions {
  /** The object's properties by name (Pode's `-Property` list of `New-PodeJsonSchemaProperty`). */
  properties?: Record<string, McpJsonSchema>;
  required?: readonly string[];
  minProperties?: number;
  maxProperties?: number;
}

/** `{ type: 'null' }` (`New-PodeJsonSchemaNull`). */
export function newJsonSchemaNull(options: JsonSchemaCommonOptions = {}): McpJsonSchema {
  return withDescription({ type: 'null' }, options);
}

/** `{ type: 'boolean' }`, with `const` when `constant` is given (`New-PodeJsonSchemaBoolean`). */
export function newJsonSchemaBoolean(
  options: JsonSchemaCommonOptions & { constant?: boolean } = {},
): McpJsonSchema {
  const schema: McpJsonSchema = { type: 'boolean' };
  if (options.constant !== undefined) schema.const = options.constant;
  return withDescription(schema, options);
}

/** `{ type: 'integer', … }` (`New-PodeJsonSchemaInteger`). */
export function newJsonSchemaInteger(options: JsonSchemaNumberOptions = {}): McpJsonSchema {
  return numeric('integer', options);
}

/** `{ type: 'number', … }` (`New-PodeJsonSchemaNumber`). */
export function newJsonSchemaNumber(options: JsonSchemaNumberOptions = {}): McpJsonSchema {
  return numeric('number', options);
}

/** `{ type: 'string', … }` (`New-PodeJsonSchemaString`); throws when maxLength < minLength. */
export function newJsonSchemaString(options: JsonSchemaStringOptions = {}): McpJsonSchema {
  const schema: McpJsonSchema = { type: 'string' };
  if (options.constant !== undefined) schema.const = options.constant;
  if (options.enum !== undefined) schema.enum = [...options.enum];
  if (options.pattern !== undefined) schema.pattern = options.pattern;
  if (options.minLength !== undefined) schema.minLength = options.minLength;
  if (options.maxLength !== undefined) schema.maxLength = options.maxLength;
  if (
    options.minLength !== undefined &&
    options.maxLength !== undefined &&
    options.maxLength < options.minLength
  ) {
    throw new RangeError('newJsonSchemaString(): maxLength cannot be less than minLength.');
  }
  return withDescription(schema, options);
}

/** `{ type: 'array', items, … }` (`New-PodeJsonSchemaArray`); throws when maxItems < minItems. */
export function newJsonSchemaArray(
  items: McpJsonSchema,
  options: JsonSchemaArrayOptions = {},
): McpJsonSchema {
  const schema: McpJsonSchema = { type: 'array', items };
  if (options.minItems !== undefined) schema.minItems = options.minItems;
  if (options.maxItems !== undefined) schema.maxItems = options.maxItems;
  if (
    options.minItems !== undefined &&
    options.maxItems !== undefined &&
    options.maxItems < options.minItems
  ) {
    throw new RangeError('newJsonSchemaArray(): maxItems cannot be less than minItems.');
  }
  if (options.unique !== undefined) schema.uniqueItems = options.unique;
  return withDescription(schema, options);
}

/** `{ type: 'object', properties, required, … }` (`New-PodeJsonSchemaObject`). */
export function newJsonSchemaObject(options: JsonSchemaObjectOptions = {}): McpJsonSchema {
  const schema: McpJsonSchema = withDescription({ type: 'object' }, options);
  if (options.minProperties !== undefined) schema.minProperties = options.minProperties;
  if (options.maxProperties !== undefined) schema.maxProperties = options.maxProperties;
  if (options.properties !== undefined && Object.keys(options.properties).length > 0) {
    schema.properties = { ...options.properties };
    if (options.required !== undefined && options.required.length > 0) {
      schema.required = [...options.required];
    }
  }
  return schema;
}

/** `{ allOf | anyOf | oneOf | not: [...] }` (`Merge-PodeJsonSchema`). */
export function mergeJsonSchema(
  type: 'allOf' | 'anyOf' | 'oneOf' | 'not',
  definitions: readonly McpJsonSchema[],
): McpJsonSchema {
  const key = { allof: 'allOf', anyof: 'anyOf', oneof: 'oneOf', not: 'not' }[type.toLowerCase()];
  if (key === undefined) throw new RangeError(`mergeJsonSchema(): unknown type '${type}'.`);
  return { [key]: [...definitions] };
}

function numeric(type: 'integer' | 'number', options: JsonSchemaNumberOptions): McpJsonSchema {
  const schema: McpJsonSchema = { type };
  if (options.constant !== undefined) schema.const = options.constant;
  if (options.enum !== undefined) schema.enum = [...options.enum];
  if (options.multipleOf !== undefined) schema.multipleOf = options.multipleOf;
  if (options.minimum !== undefined) schema.minimum = options.minimum;
  if (options.maximum !== undefined) schema.maximum = options.maximum;
  if (
    options.minimum !== undefined &&
    options.maximum !== undefined &&
    options.maximum < options.minimum
  ) {
    throw new RangeError(
      `newJsonSchema${type === 'integer' ? 'Integer' : 'Number'}(): maximum cannot be less than minimum.`,
    );
  }
  // Pode writes draft-4's `exclusiveMinimum: true`; today's JSON Schema (and ajv) wants the bound itself.
  if (options.exclusiveMinimum === true && options.minimum !== undefined) {
    schema.exclusiveMinimum = options.minimum;
    delete schema.minimum;
  }
  if (options.exclusiveMaximum === true && options.maximum !== undefined) {
    schema.exclusiveMaximum = options.maximum;
    delete schema.maximum;
  }
  return withDescription(schema, options);
}

function withDescription(schema: McpJsonSchema, options: JsonSchemaCommonOptions): McpJsonSchema {
  if (options.description !== undefined && options.description !== '') {
    schema.description = options.description;
  }
  return schema;
}
