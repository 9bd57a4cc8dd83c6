/**
 * The shapes of OpenAPI descriptions as pode-ts takes them: plain data, close to the OpenAPI
 * objects themselves, so a description reads like the document it produces.
 */

/** A JSON Schema (OpenAPI's Schema Object): plain data, any keyword. */
export interface OASchema {
  type?: string | readonly string[];
  format?: string;
  description?: string;
  properties?: Record<string, OASchema>;
  required?: readonly string[];
  items?: OASchema;
  additionalProperties?: boolean | OASchema;
  enum?: readonly unknown[];
  $ref?: string;
  nullable?: boolean;
  [keyword: string]: unknown;
}

/** A named schema with its `required` flag: what the `newOA*Property` functions return. */
export interface OAProperty {
  /** The property's name (in an object, or as a parameter). */
  name: string | undefined;
  /** Whether an object holding it (or a request) must have it. */
  required: boolean;
  schema: OASchema;
}

/** Where a parameter is read from. */
export type OAParameterIn = 'path' | 'query' | 'header' | 'cookie';

/** An OpenAPI Parameter Object. */
export interface OAParameter {
  name: string;
  in: OAParameterIn;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  allowEmptyValue?: boolean;
  style?: string;
  explode?: boolean;
  schema?: OASchema;
  example?: unknown;
  [field: string]: unknown;
}

/** A reference to a component parameter (`convertToOAParameter({ reference })`). */
export interface OAParameterRef {
  reference: string;
}

/** An OpenAPI Media Type Object. */
export interface OAMediaType {
  schema?: OASchema;
  examples?: OAExamples;
  [field: string]: unknown;
}

/**
 * A content map: media type → `{ schema, examples? }`; as in Pode, the value may also be the name
 * of a component schema (`{ 'application/json': 'Pet' }`) or a property.
 */
export type OAContent = Record<string, OAMediaType | OAProperty | string>;

/** Named examples (`newOAExample`). */
export type OAExamples = Record<
  string,
  { summary?: string; description?: string; value?: unknown; externalValue?: string }
>;

/** An OpenAPI Request Body Object, or `{ reference }` to a component request body. */
export type OARequestBody =
  | { description?: string; required?: boolean; content: OAContent }
  | { reference: string };

/** An OpenAPI Response Object, or `{ reference }` to a component response. */
export type OAResponse =
  | {
      description: string;
      content?: OAContent;
      headers?: Record<string, { description?: string; schema?: OASchema }>;
    }
  | { reference: string };

/** An external documentation link (`Add-PodeOAExternalDoc`, `New-PodeOAExternalDoc`). */
export interface OAExternalDoc {
  url: string;
  description?: string;
}

/** The description of a route: the `openapi` option of `addRoute` and route groups. */
export interface RouteOpenApi {
  summary?: string;
  description?: string;
  operationId?: string;
  /** A tag or several. */
  tags?: string | readonly string[];
  deprecated?: boolean;
  externalDocs?: OAExternalDoc;
  /** Parameters (`convertToOAParameter` builds them); path parameters missing here are added from the path. */
  parameters?: readonly (OAParameter | OAParameterRef)[];
  requestBody?: OARequestBody;
  /** By status code (`'200'`, `'404'`, `'default'`). */
  responses?: Record<string, OAResponse>;
  /** Validate requests of this route against its parameters and request body (400 when they fail). */
  validate?: boolean;
  /** Leave the route out of the document. */
  hidden?: boolean;
  /** The definitions (`enableOpenApi({ definitionTag })`) the route belongs to. Default: the selected one. */
  definitionTag?: string | readonly string[];
}

/**
 * The route a `setOARouteInfo`, `addOAResponse` or `setOARequest` call describes: `{ method, path }`,
 * or `{ method, webhook }` for a webhook added with `addOAWebhook`.
 */
export type OARouteRef =
  | { method: string | readonly string[]; path: string }
  | { method: string | readonly string[]; webhook: string };
