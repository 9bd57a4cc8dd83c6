/**
 * Pode's `ConvertTo-PodeRoute`: each function becomes a route. The path is `path/module/name`
 * (the name without its verb with `noVerb`), the method comes from the verb (`Get-` → GET,
 * `Set-` → PUT, `Remove-` → DELETE, …, anything else POST), the function is called with the
 * query (GET) or the body (other methods) as its parameters, and a result is written as JSON.
 */

import type { RouteOptions } from './builder.js';
import { ErrorCodes, setupError } from './errors.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import type { RouteHandler } from './pipeline.js';

/** A function a route calls with the request's parameters (the query, or the body). */
export type RouteFunction = (parameters: Record<string, unknown>) => unknown;

/** `s.convertToRoute` options (Pode's `ConvertTo-PodeRoute`). */
export interface ConvertToRouteOptions
  extends Pick<
    RouteOptions,
    'middleware' | 'authentication' | 'access' | 'role' | 'group' | 'scope' | 'user' | 'allowAnon'
  > {
  /** Every route's method, instead of the one from each name's verb. */
  method?: string;
  /** The path the routes go under. Default `'/'`. */
  path?: string;
  /** A segment after `path` (Pode's module name) and the routes' OpenAPI tag. */
  module?: string;
  /** Leave the verb out of the path (`Get-Greeting` → `/Greeting`). */
  noVerb?: boolean;
  /** Leave the routes out of the OpenAPI document's descriptions (they get none). */
  noOpenApi?: boolean;
}

const KEYS = optionKeys<ConvertToRouteOptions>({
  method: true,
  path: true,
  module: true,
  noVerb: true,
  noOpenApi: true,
  middleware: true,
  authentication: true,
  access: true,
  role: true,
  group: true,
  scope: true,
  user: true,
  allowAnon: true,
});

const VERB_METHODS: [readonly string[], string][] = [
  [
    [
      'find',
      'format',
      'get',
      'join',
      'search',
      'select',
      'split',
      'measure',
      'ping',
      'test',
      'trace',
    ],
    'GET',
  ],
  [['set'], 'PUT'],
  [['rename', 'edit', 'update'], 'PATCH'],
  [
    [
      'clear',
      'close',
      'exit',
      'hide',
      'remove',
      'undo',
      'dismount',
      'unpublish',
      'disable',
      'uninstall',
      'unregister',
    ],
    'DELETE',
  ],
];

/** The HTTP method of a PowerShell verb, as Pode maps it (POST for any other verb). */
export function verbMethod(verb: string): string {
  const lower = verb.toLowerCase();
  return VERB_METHODS.find(([verbs]) => verbs.includes(lower))?.[1] ?? 'POST';
}

/** One route per function: its options and handler. */
export function functionRoutes(
  commands: Readonly<Record<string, RouteFunction>>,
  options: ConvertToRouteOptions = {},
): { options: RouteOptions; handler: RouteHandler }[] {
  rejectUnknownKeys('s.convertToRoute()', options, KEYS);
  const entries = commands !== null && typeof commands === 'object' ? Object.entries(commands) : [];
  if (entries.length === 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      's.convertToRoute(): no functions were given.',
      "Pass them by name: s.convertToRoute({ 'Get-Greeting': getGreeting }).",
    );
  }
  const { method, path = '/', module, noVerb, noOpenApi, ...route } = options;
  const base = path.replace(/\/+$/, '');
  return entries.map(([name, fn]) => {
    if (typeof fn !== 'function') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.convertToRoute(): '${name}' is not a function.`,
        'Each name maps to the function its route calls.',
      );
    }
    const split = name.split('-');
    const [verb, noun] = split.length >= 2 ? [split[0], split.slice(1).join('')] : ['', name];
    const routeMethod = (method ?? verbMethod(verb)).toUpperCase();
    const routePath = `${base}/${module ?? ''}/${noVerb === true ? noun : name}`.replace(
      /\/+/g,
      '/',
    );
    const handler: RouteHandler = async (e) => {
      const parameters = (routeMethod === 'GET' ? e.query : (e.data ?? {})) as Record<
        string,
        unknown
      >;
      const result = await fn(parameters);
      if (!isEmpty(result)) e.writeJson(result);
    };
    return {
      options: {
        ...route,
        method: routeMethod,
        path: routePath,
        // described (so documented without minimal definitions too), tagged with the module
        ...(noOpenApi === true ? {} : { openapi: module === undefined ? {} : { tags: [module] } }),
      },
      handler,
    };
  });
}

/** Pode's Test-PodeIsEmpty: null, '', an empty list or an empty hashtable. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.keys(value).length === 0;
  return false;
}
