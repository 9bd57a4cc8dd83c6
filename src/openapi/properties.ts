/**
 * Pode's `New-PodeOA*Property`, `ConvertTo-PodeOAParameter`, `New-PodeOAContentMediaType`,
 * `New-PodeOAExample` and `New-PodeOARequestBody`: plain data builders returning OpenAPI objects.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { toSchema } from './settings.js';
import type {
  OAContent,
  OAExamples,
  OAExternalDoc,
  OAMediaType,
  OAParameter,
  OAParameterIn,
  OAParameterRef,
  OAProperty,
  OARequestBody,
  OASchema,
} from './types.js';

/** Options every `newOA*Property` takes (Pode's common property parameters). */
export interface OAPropertyOptions {
  name?: string;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  nullable?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  example?: unknown;
  default?: unknown;
  enum?: readonly unknown[];
  /** The property is an array of this type (Pode's `-Array`). */
  array?: boolean;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  externalDocs?: OAExternalDoc;
  /**
   * Wrap the property in an object holding it under its name (Pode's `-Object`):
   * `{ type: 'object', properties: { [name]: schema } }`, required when the property is.
   */
  object?: boolean;
  /** The XML element's name (Pode's `-XmlName`): the schema's `xml.name`. */
  xmlName?: string;
  /** The XML namespace, an absolute URI (`-XmlNamespace`). */
  xmlNamespace?: string;
  /** The XML name's prefix (`-XmlPrefix`). */
  xmlPrefix?: string;
  /** Written as an attribute rather than an element (`-XmlAttribute`). */
  xmlAttribute?: boolean;
  /** An array's items inside a wrapping element (`-XmlWrapped`; for arrays). */
  xmlWrapped?: boolean;
  /** An array item's element name (`-XmlItemName`): the items' `xml.name`. */
  xmlItemName?: string;
}

/** `newOAStringProperty` options. */
export interface OAStringOptions extends OAPropertyOptions {
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

/** `newOAIntProperty` and `newOANumberProperty` options. */
export interface OANumberOptions extends OAPropertyOptions {
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
}

/** `newOAObjectProperty` options. */
export interface OAObjectOptions extends OAPropertyOptions {
  properties?: readonly OAProperty[];
  /** Refuse properties not listed (Pode's `-NoAdditionalProperties`). */
  noAdditionalProperties?: boolean;
  /** The schema of properties not listed: a schema, or a property (`-AdditionalProperties (New-PodeOAStringProperty)`). */
  additionalProperties?: OASchema | OAProperty;
  minProperties?: number;
  maxProperties?: number;
}

const ITEM_KEYS = ['minItems', 'maxItems', 'uniqueItems'] as const;
const COMMON_KEYS = [
  'description',
  'deprecated',
  'nullable',
  'readOnly',
  'writeOnly',
  'example',
  'default',
  'enum',
  'externalDocs',
] as const;

function property(
  base: OASchema,
  options: OAPropertyOptions,
  extra: readonly string[],
): OAProperty {
  const schema: OASchema = { ...base };
  const record = options as Record<string, unknown>;
  for (const key of [...COMMON_KEYS, ...extra]) {
    if (record[key] !== undefined) schema[key] = record[key];
  }
  let result = schema;
  const xml = xmlObject(options);
  if (options.array === true) {
    result = { type: 'array', items: schema };
    for (const key of ITEM_KEYS) if (record[key] !== undefined) result[key] = record[key];
    if (options.description !== undefined) result.description = options.description;
    // as Pode: the array's element is named by the xml options, each item's by xmlItemName
    if (xml !== undefined) result.xml = xml;
    if (options.xmlItemName !== undefined) schema.xml = { name: options.xmlItemName };
  } else if (xml !== undefined) schema.xml = xml;
  if (options.object === true) {
    if (options.name === undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'A property with object: true needs a name: the object holds it under that name.',
        "Give it a name: newOAIntProperty({ name: 'userId', object: true }).",
      );
    }
    result = {
      type: 'object',
      properties: { [options.name]: result },
      ...(options.required === true ? { required: [options.name] } : {}),
    };
  }
  return { name: options.name, required: options.required === true, schema: result };
}

/** The schema's XML Object from the xml options, or undefined when none is given. */
function xmlObject(options: OAPropertyOptions): Record<string, unknown> | undefined {
  const xml: Record<string, unknown> = {};
  for (const [option, key] of [
    ['xmlName', 'name'],
    ['xmlNamespace', 'namespace'],
    ['xmlPrefix', 'prefix'],
  ] as const) {
    const value = options[option];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '')
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `A property's ${option} must be a non-empty string, but got: ${JSON.stringify(value)}`,
      );
    xml[key] = value;
  }
  if (xml.namespace !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(String(xml.namespace)))
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `A property's xmlNamespace must be an absolute URI, but got: ${JSON.stringify(xml.namespace)}`,
      "Give a URI such as 'http://example.com/schema/sample'.",
    );
  if (options.xmlAttribute === true) xml.attribute = true;
  if (options.xmlWrapped === true) xml.wrapped = true;
  return Object.keys(xml).length === 0 ? undefined : xml;
}

/** An external documentation link, for `addOATag`, `addOAExternalDoc` and properties (`New-PodeOAExternalDoc`). */
export function newOAExternalDoc(options: OAExternalDoc): OAExternalDoc {
  if (
    options === null ||
    typeof options !== 'object' ||
    typeof options.url !== 'string' ||
    !/^https?:\/\/.+/i.test(options.url)
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newOAExternalDoc(): url must be an http(s) URL, but got: ${JSON.stringify(options?.url)}`,
      "Call newOAExternalDoc({ url: 'https://example.com/docs', description: '…' }).",
    );
  }
  return options.description === undefined
    ? { url: options.url }
    : { description: options.description, url: options.url };
}

/** A string property (`New-PodeOAStringProperty`). */
export function newOAStringProperty(options: OAStringOptions = {}): OAProperty {
  return property({ type: 'string' }, options, ['format', 'pattern', 'minLength', 'maxLength']);
}

const NUMBER_KEYS = [
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
];

/** An integer property (`New-PodeOAIntProperty`). */
export function newOAIntProperty(options: OANumberOptions = {}): OAProperty {
  return property({ type: 'integer' }, options, NUMBER_KEYS);
}

/** A number property (`New-PodeOANumberProperty`). */
export function newOANumberProperty(options: OANumberOptions = {}): OAProperty {
  return property({ type: 'number' }, options, NUMBER_KEYS);
}

/** A boolean property (`New-PodeOABoolProperty`). */
export function newOABoolProperty(options: OAPropertyOptions = {}): OAProperty {
  return property({ type: 'boolean' }, options, []);
}

/** An object property made of other properties (`New-PodeOAObjectProperty`). */
export function newOAObjectProperty(options: OAObjectOptions = {}): OAProperty {
  const base: OASchema = { type: 'object' };
  const properties: Record<string, OASchema> = {};
  const required: string[] = [];
  for (const item of options.properties ?? []) {
    if (item.name === undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'newOAObjectProperty(): every property of an object needs a name.',
        "Give each property a name: newOAStringProperty({ name: 'id' }).",
      );
    }
    properties[item.name] = item.schema;
    if (item.required) required.push(item.name);
  }
  if (options.properties !== undefined) base.properties = properties;
  if (required.length > 0) base.required = required;
  if (options.noAdditionalProperties === true) base.additionalProperties = false;
  else if (options.additionalProperties !== undefined)
    base.additionalProperties = toSchema(options.additionalProperties);
  return property(base, options, ['minProperties', 'maxProperties']);
}

/** A reference to a component schema as a property (`New-PodeOASchemaProperty -Reference`). */
export function newOASchemaProperty(
  reference: string,
  options: OAPropertyOptions = {},
): OAProperty {
  return property({ $ref: `#/components/schemas/${reference}` }, options, []);
}

/** An array whose items are `items` (Pode's `-Array` on a property, as a composition). */
export function newOAArrayProperty(
  items: OAProperty,
  options: Omit<OAPropertyOptions, 'array'> = {},
): OAProperty {
  const schema: OASchema = { type: 'array', items: items.schema };
  const record = options as Record<string, unknown>;
  for (const key of [...COMMON_KEYS, ...ITEM_KEYS]) {
    if (record[key] !== undefined) (schema as Record<string, unknown>)[key] = record[key];
  }
  return { name: options.name ?? items.name, required: options.required === true, schema };
}

/** `convertToOAParameter` options (the Parameter Object fields beside `in` and the property). */
export interface OAParameterOptions {
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  allowEmptyValue?: boolean;
  style?: string;
  explode?: boolean;
  example?: unknown;
}

/**
 * A parameter read `in` path, query, header or cookie, from a named property; or, given
 * `{ reference }`, a reference to a component parameter (`ConvertTo-PodeOAParameter`).
 */
export function convertToOAParameter(reference: OAParameterRef): OAParameterRef;
export function convertToOAParameter(
  location: OAParameterIn,
  prop: OAProperty,
  options?: OAParameterOptions,
): OAParameter;
export function convertToOAParameter(
  location: OAParameterIn | OAParameterRef,
  prop?: OAProperty,
  options: OAParameterOptions = {},
): OAParameter | OAParameterRef {
  if (typeof location === 'object' && location !== null) {
    if (typeof location.reference !== 'string' || location.reference === '') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'convertToOAParameter(): a reference needs the name of a component parameter.',
        "Call convertToOAParameter({ reference: 'UserId' }) after s.addOAComponentParameter('UserId', …).",
      );
    }
    return { reference: location.reference };
  }
  if (prop === undefined || prop === null || typeof prop.schema !== 'object') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'convertToOAParameter(): the second argument must be a property.',
      "Pass one: convertToOAParameter('query', newOAStringProperty({ name: 'q' })).",
    );
  }
  if (prop.name === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'convertToOAParameter(): the property needs a name.',
      "Give it a name: newOAStringProperty({ name: 'petId' }).",
    );
  }
  const { description, ...schema } = prop.schema;
  const parameter: OAParameter = { name: prop.name, in: location };
  const text = options.description ?? (typeof description === 'string' ? description : undefined);
  if (text !== undefined) parameter.description = text;
  // Path parameters are always required (OpenAPI's rule, and Pode's).
  if (location === 'path' || prop.required || options.required === true) parameter.required = true;
  for (const key of ['deprecated', 'allowEmptyValue', 'style', 'explode', 'example'] as const) {
    if (options[key] !== undefined) (parameter as Record<string, unknown>)[key] = options[key];
  }
  parameter.schema = schema;
  return parameter;
}

/** `newOAContentMediaType` options. */
export interface OAContentMediaTypeOptions {
  /** A media type or several; default `'*\/*'`. */
  contentType?: string | readonly string[];
  /** A property, a schema, or the name of a component schema. */
  content: OAProperty | OASchema | string;
  /** The content is an array of it. */
  array?: boolean;
  examples?: OAExamples;
}

/** A content map `{ mediaType: { schema } }` (`New-PodeOAContentMediaType`). */
export function newOAContentMediaType(
  options: OAContentMediaTypeOptions,
): Record<string, OAMediaType> {
  const content = options.content;
  let schema: OASchema =
    typeof content === 'string'
      ? { $ref: `#/components/schemas/${content}` }
      : isProperty(content)
        ? content.schema
        : content;
  if (options.array === true) schema = { type: 'array', items: schema };
  const types = options.contentType ?? '*/*';
  const result: Record<string, OAMediaType> = {};
  for (const type of typeof types === 'string' ? [types] : types) {
    result[type] =
      options.examples === undefined ? { schema } : { schema, examples: options.examples };
  }
  return result;
}

/** `newOAExample` options. */
export interface OAExampleOptions {
  name: string;
  summary?: string;
  description?: string;
  value?: unknown;
  externalValue?: string;
}

/** One named example `{ name: { summary, value } }`; spread several together (`New-PodeOAExample`). */
export function newOAExample(options: OAExampleOptions): OAExamples {
  const { name, ...example } = options;
  return { [name]: example };
}

/** A request body (`New-PodeOARequestBody`). */
export function newOARequestBody(options: {
  content: OAContent;
  description?: string;
  required?: boolean;
}): OARequestBody {
  return { ...options };
}

function isProperty(value: OAProperty | OASchema): value is OAProperty {
  return (
    typeof value === 'object' &&
    value !== null &&
    'schema' in value &&
    'required' in value &&
    typeof (value as OAProperty).schema === 'object'
  );
}
