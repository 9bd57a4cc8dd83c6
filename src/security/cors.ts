/**
 * CORS (Pode's `Set-PodeSecurityAccessControl`): the Access-Control headers, answered per
 * request so that browsers accept them: the allowed origin is echoed (with `Vary: Origin`)
 * when it is not a plain `*`, and a preflight (OPTIONS with Origin and
 * Access-Control-Request-Method) gets the methods, headers and max-age.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware } from '../pipeline.js';

/** `s.setSecurityAccessControl` options (Pode's `Set-PodeSecurityAccessControl`). */
export interface AccessControlOptions {
  /** The allowed origin(s): `*`, or origins such as `https://app.example.com`. */
  origin?: string | readonly string[];
  /** Access-Control-Allow-Methods: methods, or `*`. */
  methods?: string | readonly string[];
  /** Access-Control-Allow-Headers: header names, or `*`. */
  headers?: string | readonly string[];
  /** Access-Control-Max-Age in seconds. Default 7200. */
  duration?: number;
  /** Access-Control-Allow-Credentials: true (a `*` origin is then echoed, as browsers require). */
  credentials?: boolean;
  /** Answer every preflight with 200, on paths without routes too (Pode's global OPTIONS route). */
  withOptions?: boolean;
  /** Add `Authorization` to the allowed headers. */
  authorizationHeader?: boolean;
  /** Add `Content-Type` to the allowed headers (Pode's `-AutoHeaders`, without OpenAPI). */
  autoHeaders?: boolean;
  /** Allow the methods of every route (and OPTIONS with `withOptions`). */
  autoMethods?: boolean;
  /** Add `X-Requested-With` to the allowed headers. */
  crossDomainXhrRequests?: boolean;
}

const KEYS = optionKeys<AccessControlOptions>({
  origin: true,
  methods: true,
  headers: true,
  duration: true,
  credentials: true,
  withOptions: true,
  authorizationHeader: true,
  autoHeaders: true,
  autoMethods: true,
  crossDomainXhrRequests: true,
});
const METHODS = [
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'MERGE',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
];

/** Validates the options at once (the methods of `autoMethods` are known only at build). */
export function checkAccessControl(options: AccessControlOptions): void {
  const where = 's.setSecurityAccessControl()';
  rejectUnknownKeys(where, options, KEYS);
  const headers = list(where, 'headers', options.headers);
  const methods = list(where, 'methods', options.methods).map((method) => method.toUpperCase());
  for (const method of methods) {
    if (method !== '*' && !METHODS.includes(method)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: unknown method '${method}'.`,
        `Use ${METHODS.join(', ')} or '*'.`,
      );
    }
  }
  if (headers.includes('*') && options.credentials === true) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: headers '*' cannot be used with credentials: browsers read it as a header named '*'.`,
      'List the headers the client sends.',
    );
  }
  if (headers.includes('*') && options.autoHeaders === true) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: headers '*' cannot be used with autoHeaders.`,
    );
  }
  if (methods.includes('*') && options.autoMethods === true) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: methods '*' cannot be used with autoMethods.`,
    );
  }
  const duration = options.duration ?? 7200;
  if (!Number.isInteger(duration) || duration <= 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: duration must be a whole number of seconds above 0, but got: ${String(duration)}`,
    );
  }
  for (const origin of list(where, 'origin', options.origin)) {
    if (origin !== '*' && origin !== 'null' && normaliseOrigin(origin) === undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: '${origin}' is not an origin.`,
        "An origin is scheme://host[:port], such as 'https://app.example.com', or '*'.",
      );
    }
  }
}

/**
 * The CORS middleware: `routeMethods` are the methods of every route (for `autoMethods`). It
 * also runs for requests no route matched, so that `withOptions` answers their preflights.
 */
export function createCorsMiddleware(
  options: AccessControlOptions,
  routeMethods: readonly string[],
): Middleware {
  const where = 's.setSecurityAccessControl()';
  const origins = list(where, 'origin', options.origin);
  const anyOrigin = origins.includes('*') || origins.length === 0;
  const allowed = new Set(
    origins
      .filter((origin) => origin !== '*')
      .map((origin) => (origin === 'null' ? 'null' : normaliseOrigin(origin)!)),
  );
  const credentials = options.credentials === true;
  // A `*` origin is sent as `*` only without credentials; otherwise the request's origin is echoed.
  const echo = !anyOrigin || credentials;
  const methods = list(where, 'methods', options.methods).map((method) => method.toUpperCase());
  if (options.autoMethods === true) {
    methods.push(...routeMethods.filter((method) => method !== '*'));
    if (options.withOptions === true) methods.push('OPTIONS');
  }
  const methodsValue = methods.includes('*') ? '*' : [...new Set(methods)].join(', ');
  const headers = list(where, 'headers', options.headers);
  if (options.authorizationHeader === true) headers.push('Authorization');
  if (options.crossDomainXhrRequests === true) headers.push('X-Requested-With');
  if (options.autoHeaders === true) headers.push('Content-Type');
  const headersValue = headers.includes('*') ? '*' : [...new Set(headers)].join(', ');
  const maxAge = String(options.duration ?? 7200);
  const withOptions = options.withOptions === true;
  return (event) => {
    const response = event.response;
    const origin = event.request.headers.origin;
    if (echo) response.appendHeader('Vary', 'Origin');
    if (origin === undefined) {
      if (!echo) response.setHeader('Access-Control-Allow-Origin', '*');
      return true;
    }
    const allowOrigin = echo ? echoedOrigin(origin, anyOrigin, allowed) : '*';
    if (allowOrigin === undefined) return true; // not an allowed origin: no CORS headers
    response.setHeader('Access-Control-Allow-Origin', allowOrigin);
    if (credentials) response.setHeader('Access-Control-Allow-Credentials', 'true');
    const requested = event.request.headers['access-control-request-method'];
    if (event.method !== 'OPTIONS' || requested === undefined) return true;
    // A preflight.
    if (methodsValue !== '') {
      // With credentials a `*` is literal to browsers: name the method asked for instead.
      const value = methodsValue === '*' && credentials ? requested.toUpperCase() : methodsValue;
      response.setHeader('Access-Control-Allow-Methods', value);
    }
    if (headersValue !== '') response.setHeader('Access-Control-Allow-Headers', headersValue);
    response.setHeader('Access-Control-Max-Age', maxAge);
    // Pode's global OPTIONS route answers 200 on every path; without it, pode-ts's own OPTIONS answer (204) stays.
    if (event.route === undefined && withOptions) event.setStatus(200);
    return true;
  };
}

/** `scheme://host[:port]` in lower case without a default port, or undefined when `text` is no origin. */
export function normaliseOrigin(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 2048) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s@\\]+\/?$/i.test(text)) return undefined;
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

// The request's origin when it may read the response, normalised; `null` only when listed.
function echoedOrigin(
  origin: string,
  anyOrigin: boolean,
  allowed: ReadonlySet<string>,
): string | undefined {
  if (origin === 'null') return allowed.has('null') ? 'null' : undefined;
  const normalised = normaliseOrigin(origin);
  if (normalised === undefined) return undefined;
  return anyOrigin || allowed.has(normalised) ? normalised : undefined;
}

function list(where: string, name: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => typeof item !== 'string')) {
    throw setupError(ErrorCodes.BAD_OPTION, `${where}: ${name} must be strings.`);
  }
  return (items as string[]).flatMap((item) =>
    item
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );
}
