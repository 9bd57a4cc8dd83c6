/**
 * Builds a definition's OpenAPI document from the routes, once at start-up: methods and path
 * parameters come from the routes themselves, the rest from their descriptions.
 */
import { ErrorCodes, setupError } from '../errors.js';
import type { Definition } from './settings.js';
import type {
  OAContent,
  OAMediaType,
  OAParameter,
  OARequestBody,
  OAResponse,
  OASchema,
  RouteOpenApi,
} from './types.js';

/** A route as the document sees it. */
export interface DescribedRoute {
  method: string;
  path: string;
  openapi: RouteOpenApi | undefined;
}

/** The document as a plain object, and the operations it documents (for validation). */
export interface BuiltDocument {
  document: Record<string, unknown>;
  operations: { route: DescribedRoute; operation: Operation }[];
}

/** An OpenAPI Operation Object as built here. */
export interface Operation {
  parameters?: (OAParameter | { $ref: string })[];
  requestBody?: OARequestBody | { $ref: string };
  responses: Record<string, unknown>;
  [field: string]: unknown;
}

/** The OpenAPI document of `definition` over `routes`. */
export function buildDocument(
  definition: Definition,
  routes: readonly DescribedRoute[],
  webhook: (name: string, method: string) => RouteOpenApi | undefined = () => undefined,
): BuiltDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  const operations: BuiltDocument['operations'] = [];
  const usedTags = new Set<string>();
  for (const route of routes) {
    const description = route.openapi;
    if (description?.hidden === true) continue;
    if (route.method === '*' || route.path.includes('*')) continue;
    if (!definition.routeFilter.test(route.path)) continue;
    if (description === undefined && !definition.minimal) continue;
    const tags = description?.definitionTag;
    if (tags !== undefined && !(typeof tags === 'string' ? [tags] : tags).includes(definition.tag))
      continue;
    const operation = buildOperation(definition, route, description ?? {});
    for (const tag of (operation.tags as string[] | undefined) ?? []) usedTags.add(tag);
    const oaPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/+$/, '$1');
    paths[oaPath] ??= {};
    paths[oaPath][route.method.toLowerCase()] = operation;
    operations.push({ route, operation });
  }
  const webhooks: Record<string, Record<string, Operation>> = {};
  for (const [name, method] of definition.webhooks) {
    const description = webhook(name, method) ?? {};
    const hook: DescribedRoute = { method, path: '', openapi: description };
    // Pode's webhook without responses: 204 No Content
    const withResponses =
      description.responses === undefined
        ? { ...description, responses: { '204': { description: 'No Content' } } }
        : description;
    const operation = buildOperation(definition, hook, withResponses);
    for (const tag of (operation.tags as string[] | undefined) ?? []) usedTags.add(tag);
    webhooks[name] = { [method.toLowerCase()]: operation };
  }
  if (definition.info.title === '') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `OpenAPI definition '${definition.tag}' has no title.`,
      'Pass s.enableOpenApi({ title }) or call s.addOAInfo({ title }).',
    );
  }
  const document: Record<string, unknown> = {
    openapi: definition.openApiVersion === '3.1' ? '3.1.0' : '3.0.3',
    info: definition.info,
  };
  if (definition.servers.length > 0) document.servers = definition.servers;
  const tags = [...definition.tags.values()];
  for (const name of usedTags) if (!definition.tags.has(name)) tags.push({ name });
  if (tags.length > 0) document.tags = tags;
  if (definition.externalDocs !== undefined) document.externalDocs = definition.externalDocs;
  document.paths = paths;
  if (Object.keys(webhooks).length > 0) document.webhooks = webhooks;
  const components: Record<string, unknown> = {};
  if (definition.schemas.size > 0) components.schemas = Object.fromEntries(definition.schemas);
  if (definition.responses.size > 0)
    components.responses = Object.fromEntries(
      [...definition.responses].map(([name, response]) => [
        name,
        responseObject(definition, response),
      ]),
    );
  if (definition.requestBodies.size > 0)
    components.requestBodies = Object.fromEntries(
      [...definition.requestBodies].map(([name, body]) => [
        name,
        requestBodyObject(definition, body),
      ]),
    );
  if (definition.parameters.size > 0)
    components.parameters = Object.fromEntries(definition.parameters);
  if (Object.keys(components).length > 0) document.components = components;
  const result =
    definition.openApiVersion === '3.1'
      ? (toVersion31(document) as Record<string, unknown>)
      : document;
  return { document: result, operations };
}

function buildOperation(
  definition: Definition,
  route: DescribedRoute,
  description: RouteOpenApi,
): Operation {
  const operation: Operation = { responses: {} };
  for (const key of ['summary', 'description', 'externalDocs', 'operationId'] as const) {
    if (description[key] !== undefined) operation[key] = description[key];
  }
  if (description.tags !== undefined)
    operation.tags =
      typeof description.tags === 'string' ? [description.tags] : [...description.tags];
  // component parameters are written as references, and checked as what they refer to
  const written: (OAParameter | { $ref: string })[] = [];
  const parameters: OAParameter[] = [];
  for (const given of description.parameters ?? []) {
    if ('reference' in given && typeof given.reference === 'string') {
      const found = definition.parameters.get(given.reference);
      if (found === undefined) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `OpenAPI: no component parameter named '${given.reference}'.`,
          `Add it with s.addOAComponentParameter('${given.reference}', convertToOAParameter(…)).`,
        );
      }
      parameters.push(found);
      written.push({ $ref: `#/components/parameters/${given.reference}` });
    } else {
      parameters.push(given as OAParameter);
      written.push(given as OAParameter);
    }
  }
  for (const match of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    const name = match[1];
    if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
      const parameter: OAParameter = {
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      };
      parameters.push(parameter);
      written.push(parameter);
    }
  }
  for (const parameter of parameters) {
    if (parameter.in === 'path' && !route.path.includes(`:${parameter.name}`)) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `[${route.method}] ${route.path}: the OpenAPI path parameter '${parameter.name}' is not in the route's path.`,
        `Add :${parameter.name} to the path, or describe it in query instead.`,
      );
    }
  }
  if (written.length > 0) operation.parameters = written;
  if (description.requestBody !== undefined)
    operation.requestBody = requestBodyObject(definition, description.requestBody);
  const responses = description.responses ?? definition.defaultResponses;
  for (const [status, response] of Object.entries(responses)) {
    operation.responses[status] = responseObject(definition, response);
  }
  // An operation needs a response: Pode writes this one when a route has none.
  if (Object.keys(operation.responses).length === 0)
    operation.responses.default = { description: 'No description' };
  if (description.deprecated === true) operation.deprecated = true;
  return operation;
}

function responseObject(definition: Definition, response: OAResponse): unknown {
  if ('reference' in response) {
    if (!definition.responses.has(response.reference)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `OpenAPI: no component response named '${response.reference}'.`,
        `Add it with s.addOAComponentResponse('${response.reference}', { description }).`,
      );
    }
    return { $ref: `#/components/responses/${response.reference}` };
  }
  return response.content === undefined
    ? response
    : { ...response, content: mediaTypes(response.content) };
}

/** A content map with component names and properties written as Media Type Objects. */
function mediaTypes(content: OAContent): Record<string, OAMediaType> {
  const result: Record<string, OAMediaType> = {};
  for (const [type, value] of Object.entries(content)) {
    result[type] =
      typeof value === 'string'
        ? { schema: { $ref: `#/components/schemas/${value}` } }
        : 'required' in value && 'name' in value && typeof value.schema === 'object'
          ? { schema: value.schema as OASchema }
          : (value as OAMediaType);
  }
  return result;
}

function requestBodyObject(
  definition: Definition,
  body: OARequestBody,
): OARequestBody | { $ref: string } {
  if ('reference' in body) {
    if (!definition.requestBodies.has(body.reference)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `OpenAPI: no component request body named '${body.reference}'.`,
        `Add it with s.addOAComponentRequestBody('${body.reference}', { content }).`,
      );
    }
    return { $ref: `#/components/requestBodies/${body.reference}` };
  }
  return { ...body, content: mediaTypes(body.content) };
}

/** OpenAPI 3.1 schemas: `nullable: true` becomes a `'null'` type, boolean exclusive bounds become numbers. */
function toVersion31(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toVersion31);
  if (value === null || typeof value !== 'object') return value;
  const source = value as OASchema;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    // A boolean here is the keyword; an object is a property of that name.
    if (
      typeof item === 'boolean' &&
      (key === 'nullable' || key === 'exclusiveMinimum' || key === 'exclusiveMaximum')
    )
      continue;
    result[key] =
      key === 'example' || key === 'examples' || key === 'default' || key === 'enum'
        ? item
        : toVersion31(item);
  }
  if (source.nullable === true && typeof source.type === 'string')
    result.type = [source.type, 'null'];
  if (source.exclusiveMinimum === true && typeof source.minimum === 'number') {
    result.exclusiveMinimum = source.minimum;
    delete result.minimum;
  }
  if (source.exclusiveMaximum === true && typeof source.maximum === 'number') {
    result.exclusiveMaximum = source.maximum;
    delete result.maximum;
  }
  return result;
}
