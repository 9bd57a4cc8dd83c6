/**
 * Request validation against a route's OpenAPI description, with ajv: every validator is compiled
 * once at start-up; ajv is loaded only when a server validates something, so a server without
 * validation never loads it. A failing request is answered 400 with the list of what failed.
 */
import { createRequire } from 'node:module';
import { currentEvent } from '../context.js';
import { ErrorCodes, setupError } from '../errors.js';
import type { Middleware } from '../pipeline.js';
import type { RouteInfo } from '../types.js';
import type { WebEvent } from '../web-event.js';
import type { Operation } from './document.js';
import type { OAParameter, OARequestBody, OASchema } from './types.js';

/** One thing that failed validation, in the 400 answer's `errors`. */
export interface ValidationIssue {
  /** Where: `'body'`, `'query'`, `'path'`, `'header'` or `'cookie'`. */
  in: string;
  /** A JSON pointer into that part (`/name`, `/tags/0`), `''` for the part itself. */
  path: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `additionalProperties`, …). */
  keyword: string;
  message: string;
}

/** What `testOAJsonSchemaCompliance` returns (Pode's `Test-PodeOAJsonSchemaCompliance`). */
export interface ComplianceResult {
  result: boolean;
  message?: string;
  errors?: ValidationIssue[];
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): AjvValidate;
  addSchema(schema: object, key?: string): void;
  addFormat(name: string, format: true | RegExp): void;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

const COMPONENTS_ID = 'pode-openapi-components';
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

/** The compiled validators of one definition. */
export class DefinitionValidators {
  readonly #strict: AjvInstance;
  readonly #coerce: AjvInstance;
  readonly #components: Record<string, unknown>;
  readonly #schemas = new Map<string, AjvValidate>();

  constructor(components: Record<string, unknown>) {
    const require = createRequire(import.meta.url);
    const ajvModule = require('ajv') as { default: AjvConstructor };
    const formats = require('ajv-formats') as { default: (ajv: AjvInstance) => void };
    this.#components = rewriteRefs(components) as Record<string, unknown>;
    const make = (coerceTypes: boolean | 'array'): AjvInstance => {
      const ajv = new ajvModule.default({ allErrors: true, strict: false, coerceTypes });
      formats.default(ajv);
      for (const name of OPENAPI_FORMATS) ajv.addFormat(name, true);
      ajv.addSchema({ $id: COMPONENTS_ID, components: this.#components });
      return ajv;
    };
    this.#strict = make(false);
    this.#coerce = make('array');
  }

  /** Pode's `Test-PodeOAJsonSchemaCompliance`: does `json` (text or a value) comply with the component schema? */
  test(json: unknown, schemaName: string): ComplianceResult {
    let validate = this.#schemas.get(schemaName);
    if (validate === undefined) {
      const schemas = this.#components.schemas as Record<string, unknown> | undefined;
      if (schemas?.[schemaName] === undefined) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `testOAJsonSchemaCompliance(): no component schema named '${schemaName}'.`,
          `Add it with s.addOAComponentSchema('${schemaName}', …).`,
        );
      }
      validate = this.#strict.compile({
        $ref: `${COMPONENTS_ID}#/components/schemas/${schemaName}`,
      });
      this.#schemas.set(schemaName, validate);
    }
    let value = json;
    if (typeof json === 'string') {
      try {
        value = JSON.parse(json);
      } catch {
        return { result: false, message: 'The value is not valid JSON.', errors: [] };
      }
    }
    if (validate(value)) return { result: true };
    const errors = issues('body', validate.errors);
    return { result: false, message: errors.map(describe).join('; '), errors };
  }

  /** The route middleware validating requests of `operation`, or undefined when it has nothing to check. */
  middleware(operation: Operation, requestBodies: Record<string, unknown>): Middleware | undefined {
    const groups: {
      in: string;
      names: string[];
      validate: AjvValidate;
      read: (e: WebEvent) => Record<string, unknown>;
    }[] = [];
    const byPlace = new Map<string, OAParameter[]>();
    const components = (this.#components.parameters ?? {}) as Record<string, OAParameter>;
    for (const given of operation.parameters ?? []) {
      const parameter =
        '$ref' in given && typeof given.$ref === 'string'
          ? components[given.$ref.split('/').pop() ?? '']
          : (given as OAParameter);
      if (parameter === undefined) continue;
      const list = byPlace.get(parameter.in) ?? [];
      list.push(parameter);
      byPlace.set(parameter.in, list);
    }
    for (const [place, parameters] of byPlace) {
      const properties: Record<string, OASchema> = {};
      const required: string[] = [];
      for (const parameter of parameters) {
        const name = place === 'header' ? parameter.name.toLowerCase() : parameter.name;
        properties[name] = rewriteRefs(parameter.schema ?? {}) as OASchema;
        if (parameter.required === true) required.push(name);
      }
      const validate = this.#coerce.compile({ type: 'object', properties, required });
      groups.push({ in: place, names: Object.keys(properties), validate, read: reader(place) });
    }
    let body:
      | { required: boolean; schemas: Map<string, AjvValidate>; coerced: Map<string, AjvValidate> }
      | undefined;
    let requestBody = operation.requestBody as OARequestBody | { $ref: string } | undefined;
    if (requestBody !== undefined && '$ref' in requestBody) {
      requestBody = requestBodies[requestBody.$ref.split('/').pop() ?? ''] as
        | OARequestBody
        | undefined;
    }
    if (requestBody !== undefined && 'content' in requestBody) {
      const schemas = new Map<string, AjvValidate>();
      const coerced = new Map<string, AjvValidate>();
      for (const [type, entry] of Object.entries(requestBody.content)) {
        // The document builder wrote every entry as a Media Type Object.
        const media = entry as { schema?: OASchema };
        if (media.schema === undefined) continue;
        const schema = rewriteRefs(media.schema) as object;
        schemas.set(type.toLowerCase(), this.#strict.compile(schema));
        coerced.set(type.toLowerCase(), this.#coerce.compile(schema));
      }
      body = { required: requestBody.required === true, schemas, coerced };
    }
    if (groups.length === 0 && body === undefined) return undefined;
    return (e) => {
      const found: ValidationIssue[] = [];
      for (const group of groups) {
        const values = group.read(e);
        const copy: Record<string, unknown> = {};
        for (const name of group.names) if (values[name] !== undefined) copy[name] = values[name];
        if (!group.validate(copy)) found.push(...issues(group.in, group.validate.errors));
      }
      if (body !== undefined) checkBody(e, body, found);
      if (found.length === 0) return true;
      e.writeJson(
        { message: 'The request does not match the API description.', errors: found },
        { statusCode: 400 },
      );
      return false;
    };
  }
}

function checkBody(
  e: WebEvent,
  body: { required: boolean; schemas: Map<string, AjvValidate>; coerced: Map<string, AjvValidate> },
  found: ValidationIssue[],
): void {
  const hasBody =
    (e.request.headers['content-length'] !== undefined &&
      e.request.headers['content-length'] !== '0') ||
    e.request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) {
    if (body.required)
      found.push({
        in: 'body',
        path: '',
        keyword: 'required',
        message: 'A request body is required.',
      });
    return;
  }
  const type = e.contentType;
  const form = type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
  const table = form ? body.coerced : body.schemas;
  const validate = table.get(type) ?? table.get(`${type.split('/')[0]}/*`) ?? table.get('*/*');
  if (validate === undefined) {
    found.push({
      in: 'body',
      path: '',
      keyword: 'contentType',
      message: `The content type '${type}' is not one the route accepts (${[...body.schemas.keys()].join(', ')}).`,
    });
    return;
  }
  if (!validate(e.data)) found.push(...issues('body', validate.errors));
}

function reader(place: string): (e: WebEvent) => Record<string, unknown> {
  switch (place) {
    case 'path':
      return (e) => e.parameters;
    case 'query':
      return (e) => e.query;
    case 'header':
      return (e) => e.request.headers as Record<string, unknown>;
    default:
      return (e) => e.cookies;
  }
}

function issues(place: string, errors: AjvError[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => {
    let path = error.instancePath;
    let message = error.message ?? error.keyword;
    if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
      path = `${path}/${error.params.missingProperty}`;
      message = `is required`;
    } else if (
      error.keyword === 'additionalProperties' &&
      typeof error.params.additionalProperty === 'string'
    ) {
      path = `${path}/${error.params.additionalProperty}`;
      message = 'is not allowed';
    }
    return { in: place, path, keyword: error.keyword, message };
  });
}

function describe(issue: ValidationIssue): string {
  return `${issue.in}${issue.path === '' ? '' : ` ${issue.path}`}: ${issue.message}`;
}

/** Local `#/components/…` references made to point into the components schema ajv knows. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] =
      key === '$ref' && typeof item === 'string' && item.startsWith('#/components/')
        ? `${COMPONENTS_ID}${item}`
        : key === 'example' || key === 'examples'
          ? item
          : rewriteRefs(item);
  }
  return result;
}

/** The validators of the server each route belongs to, for `testOAJsonSchemaCompliance`. */
const byRoute = new WeakMap<RouteInfo, ServerValidators>();

/** @internal A server's validators by definition tag, compiled on first use. */
export interface ServerValidators {
  get(tag: string): DefinitionValidators | undefined;
  tags(): string[];
}

/** @internal Makes `testOAJsonSchemaCompliance` work in requests of `route`. */
export function registerRouteValidators(route: RouteInfo, validators: ServerValidators): void {
  byRoute.set(route, validators);
}

/**
 * Pode's `Test-PodeOAJsonSchemaCompliance`, in a request: does `json` (JSON text or a value)
 * comply with the component schema `schemaName` of the server's OpenAPI definition?
 */
export function testOAJsonSchemaCompliance(
  json: unknown,
  schemaName: string,
  options: { definitionTag?: string } = {},
): ComplianceResult {
  const event = currentEvent('testOAJsonSchemaCompliance');
  const validators = event.route === undefined ? undefined : byRoute.get(event.route);
  const tag = options.definitionTag ?? validators?.tags()[0];
  const definition = tag === undefined ? undefined : validators?.get(tag);
  if (definition === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `testOAJsonSchemaCompliance(): the server has no OpenAPI definition${options.definitionTag === undefined ? '' : ` '${options.definitionTag}'`}.`,
      'Call s.enableOpenApi({ title }) in the set-up.',
    );
  }
  return definition.test(json, schemaName);
}
