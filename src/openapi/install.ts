/**
 * Start-up work of OpenAPI, run once by the builder after every route is added: builds each
 * definition's document, serves it as JSON and YAML, and compiles the request validators.
 */
import { STATUS_CODES } from 'node:http';
import { ErrorCodes, setupError } from '../errors.js';
import { yamlLibrary } from '../formats/libraries.js';
import type { Middleware, RouteHandler } from '../pipeline.js';
import type { RouteInfo } from '../types.js';
import { buildDocument, type DescribedRoute } from './document.js';
import { mergeDescriptions, type OpenApiSettings } from './settings.js';
import type { RouteOpenApi } from './types.js';
import { DefinitionValidators, registerRouteValidators } from './validation.js';

/** A route as the builder hands it over. */
export interface InstallRoute {
  info: RouteInfo;
  openapi?: RouteOpenApi;
}

/** Builds the documents, adds their routes with `addRoute`, returns each validated route's middleware. */
export function installOpenApi(
  settings: OpenApiSettings,
  routes: readonly InstallRoute[],
  addRoute: (
    path: string,
    handler: RouteHandler,
    endpointName: string | readonly string[] | undefined,
  ) => void,
): Map<RouteInfo, Middleware> {
  const described: (DescribedRoute & { info: RouteInfo })[] = [];
  for (const route of routes) {
    if (settings.ownPaths.has(route.info.path)) continue;
    const later = settings.later.get(`${route.info.method} ${route.info.path}`);
    described.push({
      method: route.info.method,
      path: route.info.path,
      openapi: mergeDescriptions(route.openapi, later),
      info: route.info,
    });
  }
  const middleware = new Map<RouteInfo, Middleware>();
  const lazy = new Map<string, () => DefinitionValidators>();
  for (const definition of settings.definitions.values()) {
    const built = buildDocument(definition, described, (name, method) =>
      settings.webhookDescription(name, method),
    );
    const json = JSON.stringify(built.document);
    const text = yamlLibrary().dump(built.document, { noRefs: true, lineWidth: -1 });
    // Serialised once here; writeYaml writes a string as it is, with the type given.
    // `?format=yaml` is Pode's way to ask for YAML (its editor viewer uses it).
    addRoute(
      definition.path,
      (e) =>
        e.query.format === 'yaml'
          ? e.writeYaml(text)
          : e.writeYaml(json, { contentType: 'application/json' }),
      definition.endpointName,
    );
    addRoute(`${definition.path}.yaml`, (e) => e.writeYaml(text), definition.endpointName);
    let validators: DefinitionValidators | undefined;
    const components = (built.document.components ?? {}) as Record<string, unknown>;
    const get = (): DefinitionValidators => {
      validators ??= new DefinitionValidators(components);
      return validators;
    };
    lazy.set(definition.tag, get);
    for (const { route, operation } of built.operations) {
      const wanted =
        route.openapi?.validate ?? (definition.validate && route.openapi !== undefined);
      if (!wanted) continue;
      const info = (route as DescribedRoute & { info: RouteInfo }).info;
      const check = get().middleware(
        operation,
        (components.requestBodies ?? {}) as Record<string, unknown>,
      );
      if (check !== undefined && !middleware.has(info)) middleware.set(info, check);
    }
  }
  const runtime = { get: (tag: string) => lazy.get(tag)?.(), tags: () => [...lazy.keys()] };
  for (const route of routes) registerRouteValidators(route.info, runtime);
  return middleware;
}

/** The text of a status code, for a response described without one (Pode's `Get-PodeStatusDescription`). */
export function statusDescription(statusCode: number | string): string {
  if (statusCode === 'default') return 'Default Response.';
  const text = STATUS_CODES[Number(statusCode)];
  if (text === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addOAResponse(): status ${JSON.stringify(statusCode)} has no standard text to describe it.`,
      'Give the response a description.',
    );
  }
  return text;
}
