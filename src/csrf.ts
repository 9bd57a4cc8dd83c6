/**
 * CSRF protection (Pode's `Enable-PodeCsrfMiddleware`, `New-PodeCsrfToken`). Each session (or
 * each browser, with `useCookies`) has a random secret; a token is `t:<salt>.<Base64
 * SHA-256("<salt>-<secret>")>` with a fresh salt, so every token issued to a session stays valid
 * for it and a token from another session never is. Requests whose method is not ignored must
 * send a valid token in the body field, query parameter or header `pode.csrf`, or get a 403.
 */
import { createHash, randomBytes } from 'node:crypto';
import { currentEvent } from './context.js';
import { ErrorCodes, PodeError, setupError } from './errors.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import type { Middleware } from './pipeline.js';
import { safeEqual } from './signing.js';
import type { WebEvent } from './web-event.js';

/** Options of `s.enableCsrfMiddleware`. */
export interface CsrfOptions {
  /** Methods that are never checked. Default `['GET', 'HEAD', 'OPTIONS', 'TRACE']`. */
  ignoreMethods?: readonly string[];
  /**
   * Keep the CSRF secret in a signed cookie `pode.csrf` instead of the session (no sessions
   * needed). Requires `secret`. Default false.
   */
  useCookies?: boolean;
  /** Signs the `pode.csrf` cookie with `useCookies`; an array rotates (the first signs, all verify). */
  secret?: string | readonly string[];
}

/** The name of the inbuilt CSRF middleware (a user middleware of this name replaces it). */
export const CSRF = '__pode_mw_csrf__';

/** The body field, query parameter, header, session key and cookie name CSRF uses. */
export const CSRF_NAME = 'pode.csrf';

const DEFAULT_IGNORED = ['GET', 'HEAD', 'OPTIONS', 'TRACE'];
const CSRF_KEYS = optionKeys<CsrfOptions>({ ignoreMethods: true, useCookies: true, secret: true });

interface CsrfSettings {
  ignored: ReadonlySet<string>;
  /** The cookie secrets with `useCookies`; undefined when the secret lives in the session. */
  cookieSecrets: readonly string[] | undefined;
}

interface CsrfRequest {
  settings: CsrfSettings;
  /** The secret in use for this request once known (so two tokens in one request share it). */
  secret: string | undefined;
  /** A login or logout rotated the secret: the one the request came with is no longer used. */
  rotated: boolean;
}

// Which requests went through the CSRF middleware, and with what settings.
const requests = new WeakMap<WebEvent, CsrfRequest>();

/**
 * Validates the options and returns the middleware. Throws the set-up errors: `useCookies`
 * without `secret`, and session mode without sessions enabled first.
 */
export function createCsrfMiddleware(options: CsrfOptions, sessionsEnabled: boolean): Middleware {
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, 'enableCsrfMiddleware options must be an object.');
  }
  rejectUnknownKeys('s.enableCsrfMiddleware()', options, CSRF_KEYS);
  const ignoreMethods = options.ignoreMethods ?? DEFAULT_IGNORED;
  if (!Array.isArray(ignoreMethods) || ignoreMethods.some((m) => typeof m !== 'string')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'enableCsrfMiddleware: ignoreMethods must be an array of HTTP method names.',
    );
  }
  let cookieSecrets: readonly string[] | undefined;
  if (options.useCookies === true) {
    const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
    if (
      secrets === undefined ||
      !Array.isArray(secrets) ||
      secrets.length === 0 ||
      secrets.some((s) => typeof s !== 'string' || s.length === 0)
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'A Secret is required when using cookies for CSRF.',
        'Pass enableCsrfMiddleware({ useCookies: true, secret: "<a long random string>" }).',
      );
    }
    cookieSecrets = secrets;
  } else if (!sessionsEnabled) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'Sessions are required to use CSRF unless useCookies is set.',
      'Call s.enableSessionMiddleware() before s.enableCsrfMiddleware(), or pass { useCookies: true, secret }.',
    );
  }
  const settings: CsrfSettings = {
    ignored: new Set(ignoreMethods.map((method) => method.toUpperCase())),
    cookieSecrets,
  };
  return (event) => {
    const request: CsrfRequest = { settings, secret: undefined, rotated: false };
    requests.set(event, request);
    if (settings.ignored.has(event.method)) return;
    const token = readToken(event);
    if (token === undefined) {
      event.setStatus(403, { description: 'Missing CSRF Token' });
      return false;
    }
    const secret = storedSecret(event, request);
    if (secret === undefined || !verifyToken(token, secret)) {
      event.setStatus(403, { description: 'Invalid CSRF Token' });
      return false;
    }
    request.secret = secret;
  };
}

/**
 * A new CSRF token for the current request's session (`New-PodeCsrfToken`), to put in a form's
 * hidden `pode.csrf` field or a `pode.csrf` header. Creates the session's secret on first use.
 * Throws `CSRF Middleware has not been initialised.` when the CSRF middleware has not run.
 */
export function newCsrfToken(): string {
  return csrfTokenFor(currentEvent('newCsrfToken'));
}

/** @internal A new token for `event` (see `newCsrfToken`). */
export function csrfTokenFor(event: WebEvent): string {
  const request = requests.get(event);
  if (request === undefined) {
    throw new PodeError(
      ErrorCodes.CSRF_NOT_INITIALISED,
      'CSRF Middleware has not been initialised.',
      'Call s.enableCsrfMiddleware() in the set-up; tokens can be made in routes and in middleware added after it.',
    );
  }
  request.secret ??= storedSecret(event, request) ?? createSecret(event, request.settings);
  return makeToken(randomBytes(12).toString('base64url'), request.secret);
}

/**
 * @internal At a login or logout: forgets the CSRF secret, so that no token made before (by the
 * victim, or by an attacker who planted the session or the `pode.csrf` cookie) is accepted after
 * it. With `useCookies` the cookie is expired (a new one comes with the next token); in session
 * mode the secret goes with the session's data (see `keepSessionData`) and is dropped here too.
 */
export function rotateCsrfSecret(event: WebEvent): void {
  const request = requests.get(event);
  if (request === undefined) return;
  request.secret = undefined;
  request.rotated = true;
  if (request.settings.cookieSecrets !== undefined) {
    if (event.cookies[CSRF_NAME] !== undefined) event.removeCookie(CSRF_NAME);
    else event.dropCookie(CSRF_NAME);
  } else if (event.hasSession && Object.hasOwn(event.session.browser.current, CSRF_NAME)) {
    delete event.session.browser.data[CSRF_NAME];
  }
}

/** Builds a token from a salt and a secret: `t:<salt>.<Base64 SHA-256("<salt>-<secret>")>`. */
export function makeToken(salt: string, secret: string): string {
  return `t:${salt}.${createHash('sha256').update(`${salt}-${secret}`).digest('base64')}`;
}

/** Checks a token against a secret in constant time. */
export function verifyToken(token: string, secret: string): boolean {
  if (!token.startsWith('t:')) return false;
  const dot = token.indexOf('.', 2);
  if (dot === -1) return false;
  return safeEqual(token, makeToken(token.slice(2, dot), secret));
}

// Body field (form or JSON), else query parameter, else header.
function readToken(event: WebEvent): string | undefined {
  const data: unknown = event.data;
  if (data !== null && typeof data === 'object') {
    const field = (data as Record<string, unknown>)[CSRF_NAME];
    if (typeof field === 'string' && field.length > 0) return field;
  }
  const query = event.query[CSRF_NAME];
  if (query !== undefined && query.length > 0) return query;
  const header = event.request.headers[CSRF_NAME];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value.length > 0 ? value : undefined;
}

function storedSecret(event: WebEvent, request: CsrfRequest): string | undefined {
  const settings = request.settings;
  if (settings.cookieSecrets !== undefined) {
    if (request.rotated) return undefined; // the cookie the request came with is no longer valid
    const value = event.getCookie(CSRF_NAME, { secret: settings.cookieSecrets });
    return value === null || value.length === 0 ? undefined : value;
  }
  if (!event.hasSession) return undefined;
  // The browser-level record: with tab-scoped sessions a form post (which carries no tab id)
  // must see the same secret as the page that rendered the form.
  const value: unknown = event.session.browser.current[CSRF_NAME];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function createSecret(event: WebEvent, settings: CsrfSettings): string {
  const secret = randomBytes(24).toString('base64url');
  if (settings.cookieSecrets !== undefined) {
    event.setCookie(CSRF_NAME, secret, {
      secret: settings.cookieSecrets,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: event.isSecure,
    });
  } else {
    // Throws PODE_ERR_NO_SESSION when the session was removed earlier in this request.
    event.session.browser.data[CSRF_NAME] = secret;
  }
  return secret;
}
