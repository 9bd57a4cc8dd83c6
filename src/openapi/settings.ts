/**
 * What the set-up collects for OpenAPI: one definition per `definitionTag` (Pode's
 * `-DefinitionTag`), each with its info, servers, tags, external docs and components, and the
 * descriptions added to routes after the fact (`setOARouteInfo`, `addOAResponse`, `setOARequest`).
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type {
  OAExternalDoc,
  OAParameter,
  OAProperty,
  OARequestBody,
  OAResponse,
  OARouteRef,
  OASchema,
  RouteOpenApi,
} from './types.js';
import type { OAViewerType } from './viewer.js';

/** `s.enableOpenApi` options (Pode's `Enable-PodeOpenApi`). */
export interface OpenApiOptions {
  /** Where the document is served: JSON at `path`, YAML at `path + '.yaml'`. Default `'/openapi'`. */
  path?: string;
  /** The document's title; else set it with `s.addOAInfo({ title })`. */
  title?: string;
  version?: string;
  description?: string;
  /** Default `'3.0'` (3.0.3); `'3.1'` gives 3.1.0 (Pode's `'3.0.3'`, `'3.1.0'` are taken too). */
  openApiVersion?: '3.0' | '3.1' | `3.0.${number}` | `3.1.${number}`;
  /** Only routes whose path matches this (`'/api/*'`) are documented. Default `'/*'`: all. */
  routeFilter?: string;
  /** Leave out routes that have no description (Pode documents every route by default). */
  disableMinimalDefinitions?: boolean;
  /** Validate requests of every described route (else per route with `openapi: { validate: true }`). */
  validate?: boolean;
  /** The definition's name, for several definitions on one server. Default `'default'`. */
  definitionTag?: string;
  /**
   * Routes described without responses get none of the defaults (`200 OK`, `default`); the
   * document then gives them `default: No description`, as Pode does (`-NoDefaultResponses`).
   */
  noDefaultResponses?: boolean;
  /** The responses of routes described without any. Default `200 OK` and `default` (`-DefaultResponses`). */
  defaultResponses?: Record<string, OAResponse>;
  /**
   * Serve the document (and, by default, the definition's viewers) only on these endpoints
   * (`-EndpointName`): each definition of a server can have an endpoint of its own.
   */
  endpointName?: string | readonly string[];
}

/** `s.addOAInfo` options (Pode's `Add-PodeOAInfo`). */
export interface OAInfoOptions {
  title?: string;
  version?: string;
  description?: string;
  termsOfService?: string;
  licenseName?: string;
  licenseUrl?: string;
  contactName?: string;
  contactEmail?: string;
  contactUrl?: string;
  definitionTag?: string | readonly string[];
}

/** Which definitions a call applies to. */
export interface OADefinitionOption {
  definitionTag?: string | readonly string[];
}

const OPENAPI_KEYS = optionKeys<OpenApiOptions>({
  path: true,
  title: true,
  version: true,
  description: true,
  openApiVersion: true,
  routeFilter: true,
  disableMinimalDefinitions: true,
  validate: true,
  definitionTag: true,
  noDefaultResponses: true,
  defaultResponses: true,
  endpointName: true,
});
const INFO_KEYS = optionKeys<OAInfoOptions>({
  title: true,
  version: true,
  description: true,
  termsOfService: true,
  licenseName: true,
  licenseUrl: true,
  contactName: true,
  contactEmail: true,
  contactUrl: true,
  definitionTag: true,
});
/** The keys of a route's `openapi` option. */
export const ROUTE_OPENAPI_KEYS = optionKeys<RouteOpenApi>({
  summary: true,
  description: true,
  operationId: true,
  tags: true,
  deprecated: true,
  externalDocs: true,
  parameters: true,
  requestBody: true,
  responses: true,
  validate: true,
  hidden: true,
  definitionTag: true,
});

/** One OpenAPI definition. */
export interface Definition {
  tag: string;
  path: string;
  openApiVersion: '3.0' | '3.1';
  routeFilter: RegExp;
  minimal: boolean;
  validate: boolean;
  info: Record<string, unknown>;
  servers: { url: string; description?: string }[];
  tags: Map<string, { name: string; description?: string; externalDocs?: OAExternalDoc }>;
  externalDocs: OAExternalDoc | undefined;
  schemas: Map<string, OASchema>;
  responses: Map<string, OAResponse>;
  requestBodies: Map<string, OARequestBody>;
  parameters: Map<string, OAParameter>;
  /** The responses of a route described without any (Pode's default responses). */
  defaultResponses: Record<string, OAResponse>;
  /** OpenAPI 3.1 webhooks by name (`addOAWebhook`): their method. */
  webhooks: Map<string, string>;
  /** The viewers enabled for it, for the bookmarks page. */
  viewers: { type: OAViewerType; path: string }[];
  /** The endpoints its document and viewers are served on (all when undefined). */
  endpointName: string | readonly string[] | undefined;
}

/** The OpenAPI set-up of one server. */
export class OpenApiSettings {
  readonly definitions = new Map<string, Definition>();
  /** Descriptions added after the route, by `METHOD path`. */
  readonly later = new Map<string, RouteOpenApi>();
  /** Paths of the routes OpenAPI itself adds (document, viewers): never documented. */
  readonly ownPaths = new Set<string>();
  /** The definition(s) set-up calls without a definitionTag apply to (`selectOADefinition`). */
  selected: string | readonly string[] = 'default';

  enable(options: OpenApiOptions): Definition {
    rejectUnknownKeys('s.enableOpenApi()', options, OPENAPI_KEYS);
    if (
      options === null ||
      typeof options !== 'object' ||
      (options.title !== undefined && typeof options.title !== 'string')
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        's.enableOpenApi() takes options with a string title.',
        "Call s.enableOpenApi({ title: 'My API', version: '1.0.0' }).",
      );
    }
    const tag = options.definitionTag ?? selectedList(this.selected)[0];
    if (this.definitions.has(tag)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `OpenAPI definition '${tag}' is already enabled.`,
        'Give each definition its own definitionTag.',
      );
    }
    const given = String(options.openApiVersion ?? '3.0');
    const version = /^3\.0(\.\d+)?$/.test(given)
      ? '3.0'
      : /^3\.1(\.\d+)?$/.test(given)
        ? '3.1'
        : undefined;
    if (version === undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.enableOpenApi(): openApiVersion must be '3.0' or '3.1', but got: ${String(version)}`,
      );
    }
    const path = options.path ?? '/openapi';
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.enableOpenApi(): path must start with '/', but got: ${JSON.stringify(path)}`,
      );
    }
    for (const other of this.definitions.values()) {
      if (other.path === path && sharesEndpoint(other.endpointName, options.endpointName)) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `s.enableOpenApi(): definition '${other.tag}' is already served at ${path}.`,
          'Give each definition its own path.',
        );
      }
    }
    const endpointName = options.endpointName;
    if (
      endpointName !== undefined &&
      !(typeof endpointName === 'string' && endpointName !== '') &&
      !(
        Array.isArray(endpointName) &&
        endpointName.length > 0 &&
        endpointName.every((name) => typeof name === 'string' && name !== '')
      )
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.enableOpenApi(): endpointName must be an endpoint name or a list of them, but got: ${JSON.stringify(endpointName)}`,
      );
    }
    if (options.noDefaultResponses === true && options.defaultResponses !== undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        's.enableOpenApi(): noDefaultResponses and defaultResponses cannot go together.',
        'Give one of them.',
      );
    }
    const info: Record<string, unknown> = {
      title: options.title ?? '',
      version: options.version ?? '1.0.0',
    };
    if (options.description !== undefined) info.description = options.description;
    const definition: Definition = {
      tag,
      path,
      openApiVersion: version,
      routeFilter: filterRegExp(options.routeFilter ?? '/*'),
      minimal: options.disableMinimalDefinitions !== true,
      validate: options.validate === true,
      info,
      servers: [],
      tags: new Map(),
      externalDocs: undefined,
      schemas: new Map(),
      responses: new Map(),
      requestBodies: new Map(),
      parameters: new Map(),
      defaultResponses:
        options.noDefaultResponses === true
          ? {}
          : (options.defaultResponses ?? {
              '200': { description: 'OK' },
              default: { description: 'Internal server error' },
            }),
      webhooks: new Map(),
      viewers: [],
      endpointName,
    };
    this.definitions.set(tag, definition);
    this.ownPaths.add(path);
    this.ownPaths.add(`${path}.yaml`);
    return definition;
  }

  /** Definitions set up without being enabled (see `pick`): kept, never served. */
  readonly #detached = new Map<string, Definition>();

  /**
   * The definitions a call names (default: the selected one), each of which must be enabled.
   * With `detached`, a call naming none while the selected definition is not enabled (but
   * another is) applies to
   * a definition that is never served, with a warning: Pode's `default` definition always exists,
   * so its scripts may describe it without enabling it.
   */
  pick(where: string, tag: string | readonly string[] | undefined, detached = false): Definition[] {
    // only when another definition is enabled: with none, the call most likely misses enableOpenApi
    const selected = this.selected;
    if (
      detached &&
      tag === undefined &&
      typeof selected === 'string' &&
      this.definitions.size > 0 &&
      !this.definitions.has(selected)
    ) {
      let definition = this.#detached.get(selected);
      if (definition === undefined) {
        process.emitWarning(
          `${where}: OpenAPI definition '${selected}' is not enabled, so what is set on it is not served. Pass the definitionTag of an enabled definition.`,
        );
        const enabled = new OpenApiSettings();
        enabled.selected = selected;
        definition = enabled.enable({ title: '', definitionTag: selected });
        this.#detached.set(selected, definition);
      }
      return [definition];
    }
    const tags = selectedList(tag ?? selected);
    return tags.map((name) => {
      const definition = this.definitions.get(name);
      if (definition === undefined) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `${where}: no OpenAPI definition '${name}' is enabled.`,
          `Call s.enableOpenApi({ title, definitionTag: '${name}' }) first.`,
        );
      }
      return definition;
    });
  }

  addInfo(options: OAInfoOptions): void {
    rejectUnknownKeys('s.addOAInfo()', options, INFO_KEYS);
    for (const definition of this.pick('s.addOAInfo()', options.definitionTag, true)) {
      const info = definition.info;
      for (const key of ['title', 'version', 'description', 'termsOfService'] as const) {
        if (options[key] !== undefined) info[key] = options[key];
      }
      if (options.licenseName !== undefined) {
        info.license = {
          name: options.licenseName,
          ...(options.licenseUrl ? { url: options.licenseUrl } : {}),
        };
      }
      const contact: Record<string, string> = {};
      if (options.contactName !== undefined) contact.name = options.contactName;
      if (options.contactEmail !== undefined) contact.email = options.contactEmail;
      if (options.contactUrl !== undefined) contact.url = options.contactUrl;
      if (Object.keys(contact).length > 0) info.contact = contact;
    }
  }

  addComponent(
    where: string,
    kind: 'schemas' | 'responses' | 'requestBodies' | 'parameters',
    name: string,
    value: unknown,
    tag: string | readonly string[] | undefined,
  ): void {
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: a component name must match ^[A-Za-z0-9._-]+$, but got: ${JSON.stringify(name)}`,
      );
    }
    for (const definition of this.pick(where, tag, true)) {
      const map = definition[kind] as Map<string, unknown>;
      map.set(name, kind === 'schemas' ? toSchema(value as OAProperty | OASchema) : value);
    }
  }

  /** Merges `description` into the description kept for the route `ref` (after-the-fact calls). */
  describe(ref: OARouteRef, description: RouteOpenApi): void {
    const place =
      ref !== null && typeof ref === 'object'
        ? 'webhook' in ref && typeof ref.webhook === 'string'
          ? webhookKey(ref.webhook)
          : 'path' in ref && typeof ref.path === 'string'
            ? ref.path
            : undefined
        : undefined;
    const methods =
      ref === null || typeof ref !== 'object'
        ? undefined
        : typeof ref.method === 'string'
          ? [ref.method]
          : ref.method;
    if (place === undefined || !Array.isArray(methods) || methods.length === 0) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        'An OpenAPI route description needs the route: { method, path } (or { method, webhook }).',
      );
    }
    for (const method of methods) {
      const key = `${String(method).toUpperCase()} ${place}`;
      this.later.set(key, mergeDescriptions(this.later.get(key), description) ?? description);
    }
  }

  /** Adds a webhook to the definitions (`Add-PodeOAWebhook`); OpenAPI 3.1 only. */
  addWebhook(name: string, method: string, tag: string | readonly string[] | undefined): void {
    if (typeof name !== 'string' || name === '') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.addOAWebhook(): a webhook needs a name, but got: ${JSON.stringify(name)}`,
      );
    }
    if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.addOAWebhook(): method must be an HTTP method, but got: ${JSON.stringify(method)}`,
      );
    }
    for (const definition of this.pick('s.addOAWebhook()', tag)) {
      if (definition.openApiVersion !== '3.1') {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `s.addOAWebhook(): webhooks are an OpenAPI 3.1 feature, but definition '${definition.tag}' is 3.0.`,
          "Pass openApiVersion: '3.1' to s.enableOpenApi().",
        );
      }
      definition.webhooks.set(name, method.toUpperCase());
    }
  }

  /** The description kept for the webhook `name`. */
  webhookDescription(name: string, method: string): RouteOpenApi | undefined {
    return this.later.get(`${method} ${webhookKey(name)}`);
  }
}

/** Where a webhook's description is kept (never a route path: paths start with '/'). */
function webhookKey(name: string): string {
  return `webhook:${name}`;
}

/** `a` then `b`: `b`'s fields win, responses and parameters add up. */
export function mergeDescriptions(
  a: RouteOpenApi | undefined,
  b: RouteOpenApi | undefined,
): RouteOpenApi | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const merged: RouteOpenApi = { ...a, ...b };
  if (a.responses !== undefined || b.responses !== undefined)
    merged.responses = { ...a.responses, ...b.responses };
  if (a.parameters !== undefined || b.parameters !== undefined)
    merged.parameters = [...(a.parameters ?? []), ...(b.parameters ?? [])];
  if (a.tags !== undefined && b.tags !== undefined)
    merged.tags = [...new Set([...list(a.tags), ...list(b.tags)])];
  return merged;
}

/** A property's schema, or a schema as it is. */
export function toSchema(value: OAProperty | OASchema): OASchema {
  if (
    value !== null &&
    typeof value === 'object' &&
    'schema' in value &&
    'required' in value &&
    typeof value.schema === 'object'
  ) {
    return value.schema as OASchema;
  }
  return value as OASchema;
}

/** A route filter (`'/*'`, `'/api/*'`, `'/users'`) as a regular expression over route paths. */
function filterRegExp(filter: string): RegExp {
  if (typeof filter !== 'string' || !filter.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.enableOpenApi(): routeFilter must be a path starting with '/', but got: ${JSON.stringify(filter)}`,
    );
  }
  const source = filter
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i');
}

/** The keys of `addOAResponse`, `setOARequest`, `setOARouteInfo` that pick definitions. */
export type WithDefinition<T> = T & OADefinitionOption;

/** True when two endpoint bindings (undefined: every endpoint) can serve the same request. */
function sharesEndpoint(
  a: string | readonly string[] | undefined,
  b: string | readonly string[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return true;
  const other = selectedList(b);
  return selectedList(a).some((name) => other.includes(name));
}

/** One definition tag or several, as a list. */
export function selectedList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

function list(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}
