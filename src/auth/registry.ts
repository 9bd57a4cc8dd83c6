/**
 * The authentications a server defines (`s.addAuth`, `s.addAuthSession`) and the route middleware
 * built from them, compiled once per route in front of the route's own middleware.
 *
 * The flow of one request on a route with `authentication` (Pode's `Test-PodeAuthInternal`):
 * 1. `logout` routes: forget the login, remove the session, redirect to `failureUrl` (or 401).
 * 2. A session already holding an authenticated user passes (not for a `sessionless` auth);
 *    a `login` route then redirects it to `successUrl`.
 * 3. A GET on a `login` route runs the route (it renders the login page).
 * 4. The scheme reads the credentials and the validator checks them. Success stores the user in
 *    `e.auth` and, unless `sessionless`, in the session under a new id (fixation defence);
 *    failure redirects to `failureUrl` (with flash `auth-error`) or answers 401/400.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { rotateCsrfSecret } from '../csrf.js';
import { ErrorCodes, PodeError, setupError } from '../errors.js';
import { addFlash } from '../flash.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware } from '../pipeline.js';
import type { SessionSettings } from '../sessions/options.js';
import { chain } from '../sessions/store.js';
import type { ResolvedAuthUser, RouteInfo, SessionAuth } from '../types.js';
import type { WebEvent } from '../web-event.js';
import { AuthEvents } from './events.js';
import { attemptMerged, type MergeAuthOptions, resolveMerge } from './merge.js';
import { type AuthScheme, isAuthScheme } from './schemes.js';

/** What a validator returns: `{ user }` on success; `{ message?, code? }` or null on failure. */
export interface AuthValidation {
  /** The authenticated user: any non-null value means success. */
  user?: ResolvedAuthUser | null;
  /** Why it failed: the reason phrase of the 401, and the `auth-error` flash message. */
  message?: string;
  /** The status of the failure (default 401). */
  code?: number;
  /** Headers to set on the response (success or failure). */
  headers?: Record<string, string>;
  /** The scope the user's token grants, checked against a `bearer({ scope })` scheme's scopes. */
  scope?: string;
  /** For `digest()`: the user's password, which the scheme checks the client's hash against. */
  password?: string;
}

/** A validator: called with the scheme's credentials object and the WebEvent. May be async. */
export type AuthValidator<TCredentials> = (
  credentials: TCredentials,
  event: WebEvent,
) => AuthValidation | null | undefined | Promise<AuthValidation | null | undefined>;

/** Options of `s.addAuth`. */
export interface AuthOptions {
  /** Where a failure redirects (with the message in flash `auth-error`); without it, 401/400. */
  failureUrl?: string;
  /** Replaces the scheme's or validator's failure message. */
  failureMessage?: string;
  /** Where a successful login (and a `login` route with an authenticated session) redirects. */
  successUrl?: string;
  /** After login, return to the page first asked for (kept in a signed cookie `pode.redirecturl`). */
  successUseOrigin?: boolean;
  /** Do not keep the login in the session: every request brings its own credentials. */
  sessionless?: boolean;
  /**
   * The keys of the session data that carry over to the new session a login starts (a cart, a
   * language). Default none: a login keeps nothing a visitor, or an attacker who planted the
   * session, put there before. `auth` and `pode.csrf` cannot be kept.
   */
  keepSessionData?: readonly string[];
}

/** Options of `s.addAuthSession`. */
export type AuthSessionOptions = Omit<AuthOptions, 'sessionless' | 'keepSessionData'>;

/** Session keys a login never carries over: the login itself and the CSRF secret. */
const NEVER_KEPT = new Set(['auth', 'pode.csrf']);

const AUTH_SESSION_KEYS = optionKeys<AuthSessionOptions>({
  failureUrl: true,
  failureMessage: true,
  successUrl: true,
  successUseOrigin: true,
});
const AUTH_KEYS = optionKeys<AuthOptions>({
  failureUrl: true,
  failureMessage: true,
  successUrl: true,
  successUseOrigin: true,
  sessionless: true,
  keepSessionData: true,
});

/** The cookie that remembers the page first asked for with `successUseOrigin`. */
export const REDIRECT_COOKIE = 'pode.redirecturl';

/** @internal What one authentication attempt on a request came to. */
export type AuthOutcome =
  | { success: true; user: ResolvedAuthUser; name: string; headers?: Record<string, string> }
  | {
      success: false;
      status: number;
      message: string | undefined;
      /** Nothing was presented (anonymous on `allowAnon` routes, no flash message). */
      anonymous: boolean;
      /** The `WWW-Authenticate` value of a 401, if the scheme has one. */
      challenge: string | undefined;
      headers?: Record<string, string>;
      /** The scheme has already answered with a redirect (OAuth2 to the provider). */
      redirected?: boolean;
    };

/** @internal How a merged authentication (`s.mergeAuth`) combines its authentications. */
export interface MergedAuth {
  definitions: readonly AuthDefinition[];
  passOne: boolean;
  combine: MergeUsers | undefined;
  mergeDefault: string | undefined;
}

/** Merges the users of `valid: 'all'` into one: given each authentication's result by name. */
export type MergeUsers = (
  results: Record<string, { user: ResolvedAuthUser; headers?: Record<string, string> }>,
  event: WebEvent,
) =>
  | { user?: ResolvedAuthUser | null; headers?: Record<string, string> }
  | null
  | undefined
  | Promise<
      { user?: ResolvedAuthUser | null; headers?: Record<string, string> } | null | undefined
    >;

/** @internal An authentication as the registry keeps it. */
export interface AuthDefinition {
  name: string;
  /** Set for `s.mergeAuth`: the authentications it combines (scheme and validate are unused). */
  merged?: MergedAuth;
  scheme: AuthScheme<unknown>;
  validate: AuthValidator<unknown>;
  failureUrl: string | undefined;
  failureMessage: string | undefined;
  successUrl: string | undefined;
  successUseOrigin: boolean;
  sessionless: boolean;
  keepSessionData: readonly string[];
  /** From `addAuthSession`: passes on a session's login only, never validates credentials itself. */
  sessionOnly: boolean;
  /** The names a session's login may carry for a strict route (a merge: its own and its authentications'). */
  names: ReadonlySet<string>;
}

interface RouteFlags {
  login: boolean;
  logout: boolean;
  allowAnon: boolean;
  /** Accept a session's login only when this route's authentication made it. */
  strict: boolean;
}

interface AuthRuntime {
  /** Sessions carry their id in a header (REST clients): logout answers 401, login GETs validate. */
  headerMode: boolean;
  /** Signs the `pode.redirecturl` cookie (the session secrets, else one made per start). */
  secrets: readonly string[];
  /** The login and logout events (`s.registerAuthEvent`). */
  events: AuthEvents;
}

/** @internal The server's authentications, by name. */
export class AuthRegistry {
  readonly #definitions = new Map<string, AuthDefinition>();
  readonly #events = new AuthEvents();
  #runtime: AuthRuntime | undefined;

  /** Registers a login or logout event on authentications (`Register-PodeAuthEvent`). */
  registerEvent(names: readonly string[], type: unknown, eventName: unknown, fn: unknown): void {
    this.#events.register(names, type, eventName, fn, (name) => this.#definitions.has(name));
  }

  /** How many authentications are defined. */
  get size(): number {
    return this.#definitions.size;
  }

  /** Whether an authentication of this name exists (`Test-PodeAuthExists`). */
  has(name: string): boolean {
    return this.#definitions.has(name);
  }

  /**
   * Whether authentication `name` authenticates `event` (`Test-PodeAuth`): the scheme reads and
   * the validator checks, but nothing is written to the response, `e.auth` or the session. An
   * unknown name throws; a scheme or validator that throws is logged and counts as false.
   */
  async test(name: string, event: WebEvent): Promise<boolean> {
    const definition = this.#definitions.get(name);
    if (definition === undefined) {
      throw new PodeError(
        ErrorCodes.AUTH_UNKNOWN,
        `testAuth(): Authentication method does not exist: ${name}`,
        `Known authentications: ${[...this.#definitions.keys()].join(', ')}.`,
      );
    }
    if (definition.sessionOnly) {
      return event.hasSession && event.session.authData?.isAuthenticated === true;
    }
    try {
      return (await attempt(definition, event)).success;
    } catch (error) {
      event.log.error({ err: error }, `testAuth('${name}') failed`);
      return false;
    }
  }

  /** Adds an authentication (`Add-PodeAuth`); throws the set-up errors at once. */
  add(
    name: string,
    scheme: AuthScheme<unknown>,
    validate: AuthValidator<unknown>,
    options: AuthOptions,
    sessionsEnabled: boolean,
  ): void {
    this.#checkName(name);
    rejectUnknownKeys(`s.addAuth('${name}')`, options, AUTH_KEYS);
    if (!isAuthScheme(scheme)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Authentication] ${name}: the scheme must come from basic(), form(), bearer(), apiKey() or custom().`,
      );
    }
    if (typeof validate !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[Authentication] ${name}: the validator must be a function, but got: ${typeof validate}`,
        'Pass (credentials, e) => ({ user }) on success, or null / { message, code } on failure.',
      );
    }
    const definition = resolveOptions(name, options, sessionsEnabled, scheme, validate);
    this.#definitions.set(name, definition);
  }

  /** Adds a merged authentication (`Merge-PodeAuth`); throws the set-up errors at once. */
  merge(name: string, options: MergeAuthOptions, sessionsEnabled: boolean): void {
    this.#checkName(name);
    this.#definitions.set(
      name,
      resolveMerge(name, options, sessionsEnabled, (inner) => this.#definitions.get(inner)),
    );
  }

  /** Global middleware authenticating every request it runs for (`Add-PodeAuthMiddleware`). */
  globalMiddleware(name: unknown, sessions: () => SessionSettings | undefined): Middleware {
    const definition = typeof name === 'string' ? this.#definitions.get(name) : undefined;
    if (definition === undefined) {
      throw setupError(
        ErrorCodes.AUTH_UNKNOWN,
        `Authentication method does not exist: ${String(name)}`,
        'Add it with s.addAuth() before s.addAuthMiddleware().',
      );
    }
    const flags: RouteFlags = { login: false, logout: false, allowAnon: false, strict: false };
    let run: Middleware | undefined;
    return (event) => {
      run ??= authMiddleware(definition, flags, this.#runtimeFor(sessions()));
      return run(event);
    };
  }

  /** Adds an authentication that passes only when the session holds a user (`Add-PodeAuthSession`). */
  addSession(name: string, options: AuthSessionOptions, sessionsEnabled: boolean): void {
    this.#checkName(name);
    rejectUnknownKeys(`s.addAuthSession('${name}')`, options, AUTH_SESSION_KEYS);
    const scheme: AuthScheme<unknown> = {
      type: 'custom',
      challenge: undefined,
      read: () => ({ kind: 'missing', status: 401, message: 'The session is not authenticated.' }),
    };
    const settings: AuthOptions = { ...options, sessionless: false, keepSessionData: [] };
    const definition = resolveOptions(name, settings, sessionsEnabled, scheme, () => null);
    this.#definitions.set(name, { ...definition, sessionOnly: true });
  }

  /**
   * The route middleware for a route: `[]` without `authentication`, else the auth step. Throws
   * for an unknown authentication name, and for `login`/`logout`/`allowAnon` without one.
   */
  middlewareFor(info: RouteInfo, sessions: SessionSettings | undefined): Middleware[] {
    const name = info.authentication;
    if (name === undefined) {
      if (info.login || info.logout || info.allowAnon || info.strictAuthentication) {
        const flags = info.strictAuthentication
          ? 'strictAuthentication'
          : 'login, logout and allowAnon';
        throw setupError(
          ErrorCodes.BAD_ROUTE,
          `[${info.method}] ${info.path}: ${flags} need${info.strictAuthentication ? 's' : ''} an authentication.`,
          "Add authentication: '<name of an s.addAuth>' to the route.",
        );
      }
      return [];
    }
    const definition = this.#definitions.get(name);
    if (definition === undefined) {
      const known = [...this.#definitions.keys()];
      throw setupError(
        ErrorCodes.AUTH_UNKNOWN,
        `[${info.method}] ${info.path}: Authentication method does not exist: ${name}`,
        known.length === 0
          ? `Add it with s.addAuth('${name}', scheme, validate) in the set-up.`
          : `Known authentications: ${known.join(', ')}.`,
      );
    }
    if (info.strictAuthentication && definition.sessionOnly) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `[${info.method}] ${info.path}: strictAuthentication cannot be used with '${name}', an s.addAuthSession authentication: no login is ever made through it.`,
        'Name the authentication the users log in with, or drop strictAuthentication.',
      );
    }
    return [
      authMiddleware(
        definition,
        {
          login: info.login,
          logout: info.logout,
          allowAnon: info.allowAnon,
          strict: info.strictAuthentication,
        },
        this.#runtimeFor(sessions),
      ),
    ];
  }

  #runtimeFor(sessions: SessionSettings | undefined): AuthRuntime {
    this.#runtime ??= {
      headerMode: sessions?.useHeaders === true,
      secrets: sessions?.secrets ?? [randomBytes(32).toString('base64url')],
      events: this.#events,
    };
    return this.#runtime;
  }

  #checkName(name: unknown): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'An authentication needs a name.',
        "Call s.addAuth('Login', scheme, validate).",
      );
    }
    if (this.#definitions.has(name)) {
      throw setupError(
        ErrorCodes.AUTH_EXISTS,
        `Authentication method already defined: ${name}`,
        'Give each authentication its own name.',
      );
    }
  }
}

function authMiddleware(
  definition: AuthDefinition,
  route: RouteFlags,
  runtime: AuthRuntime,
): Middleware {
  return (event) => {
    if (route.logout) return logout(event, definition, runtime);
    if (!definition.sessionless && event.hasSession) {
      const stored = event.session.authData;
      // Any authentication's login passes (as in Pode), unless the route is strict.
      if (
        stored?.isAuthenticated === true &&
        (!route.strict || definition.names.has(stored.name as string))
      ) {
        event.auth = { user: stored.user, isAuthenticated: true, name: stored.name };
        return !(route.login && redirectOnSuccess(event, definition, runtime));
      }
    }
    if (route.login && !runtime.headerMode && (event.method === 'GET' || event.method === 'HEAD')) {
      return true;
    }
    return chain(attempt(definition, event), (outcome) => {
      setHeaders(event, outcome.headers);
      if (!outcome.success && outcome.redirected === true) {
        // Back here after the login, when the authentication returns to the page asked for.
        if (definition.successUseOrigin && !route.login) rememberOrigin(event, runtime);
        return false;
      }
      if (outcome.success) return succeed(event, definition, runtime, outcome.user, outcome.name);
      if (outcome.anonymous && route.allowAnon) return true;
      return fail(event, definition, route, runtime, outcome);
    });
  };
}

/** @internal One authentication attempt: the scheme reads, the validator checks (or the merge combines). */
export function attempt(
  definition: AuthDefinition,
  event: WebEvent,
): AuthOutcome | Promise<AuthOutcome> {
  if (definition.merged !== undefined) return attemptMerged(definition, definition.merged, event);
  const challenge = definition.scheme.challenge;
  return chain(definition.scheme.read(event), (reading) => {
    if (reading.kind === 'redirected') {
      return {
        success: false,
        status: 302,
        message: undefined,
        anonymous: false,
        challenge,
        redirected: true,
      };
    }
    if (reading.kind !== 'credentials') {
      return {
        success: false,
        status: reading.status,
        message: reading.message,
        anonymous: reading.kind === 'missing',
        challenge,
      };
    }
    return chain(definition.validate(reading.credentials, event), (result): AuthOutcome => {
      if (result?.user !== undefined && result.user !== null) {
        const refused = definition.scheme.postValidate?.(result, reading.credentials, event);
        if (refused !== undefined) {
          return {
            success: false,
            status: refused.status,
            message: refused.message,
            anonymous: false,
            challenge,
            headers: { ...result.headers, ...refused.headers },
          };
        }
        return { success: true, user: result.user, name: definition.name, headers: result.headers };
      }
      return {
        success: false,
        status: statusOf(result?.code),
        message: result?.message,
        anonymous: false,
        challenge,
        headers: result?.headers,
      };
    });
  });
}

function succeed(
  event: WebEvent,
  definition: AuthDefinition,
  runtime: AuthRuntime,
  user: ResolvedAuthUser,
  name: string,
): boolean | Promise<boolean> {
  event.auth = { user, isAuthenticated: true, name };
  if (runtime.events.size > 0) {
    return runtime.events
      .fire(name, 'login', user, event)
      .then(() => loggedIn(event, definition, runtime, user, name));
  }
  return loggedIn(event, definition, runtime, user, name);
}

function loggedIn(
  event: WebEvent,
  definition: AuthDefinition,
  runtime: AuthRuntime,
  user: ResolvedAuthUser,
  name: string,
): boolean | Promise<boolean> {
  if (definition.sessionless || !event.hasSession) {
    return !redirectOnSuccess(event, definition, runtime);
  }
  const session = event.session;
  // A new session under a new id (fixation defence), with none of the data from before the login
  // but the keys kept on purpose, and a new CSRF secret.
  return session.renew(definition.keepSessionData).then(() => {
    rotateCsrfSecret(event);
    const login: SessionAuth = { user, isAuthenticated: true, name };
    session.authData = login;
    return !redirectOnSuccess(event, definition, runtime);
  });
}

function fail(
  event: WebEvent,
  definition: AuthDefinition,
  route: RouteFlags,
  runtime: AuthRuntime,
  outcome: Extract<AuthOutcome, { success: false }>,
): false {
  const { status, challenge } = outcome;
  const presented = !outcome.anonymous;
  const message = definition.failureMessage ?? outcome.message;
  event.auth = { isAuthenticated: false, message };
  if (definition.failureUrl !== undefined) {
    // A visitor who simply is not logged in gets no error message; a rejected login does.
    if (!definition.sessionless && event.hasSession && (route.login || presented)) {
      addFlash(event, 'auth-error', message ?? STATUS_CODES[status] ?? 'Authentication failed');
    }
    if (definition.successUseOrigin && !route.login) rememberOrigin(event, runtime);
    event.redirect(definition.failureUrl);
    return false;
  }
  if (status === 401 && challenge !== undefined) {
    if (!event.response.hasHeader('WWW-Authenticate')) {
      event.response.setHeader('WWW-Authenticate', challenge);
    }
  }
  event.setStatus(status, message === undefined ? undefined : { description: message });
  return false;
}

async function logout(
  event: WebEvent,
  definition: AuthDefinition,
  runtime: AuthRuntime,
): Promise<false> {
  const stored = event.hasSession ? event.session.authData : undefined;
  if (stored?.isAuthenticated === true && typeof stored.name === 'string') {
    await runtime.events.fire(stored.name, 'logout', stored.user, event);
  }
  event.auth = { isAuthenticated: false };
  rotateCsrfSecret(event);
  const removing = event.hasSession ? event.session.remove() : Promise.resolve();
  return removing.then(() => {
    if (definition.failureUrl !== undefined && !runtime.headerMode) {
      event.redirect(definition.failureUrl);
    } else {
      event.setStatus(401);
    }
    return false as const;
  });
}

// Redirects to the page first asked for (when allowed and safe) or to successUrl; true if it did.
function redirectOnSuccess(
  event: WebEvent,
  definition: AuthDefinition,
  runtime: AuthRuntime,
): boolean {
  let url = definition.successUrl;
  if (definition.successUseOrigin && event.cookies[REDIRECT_COOKIE] !== undefined) {
    event.removeCookie(REDIRECT_COOKIE);
    const signed = event.getCookie(REDIRECT_COOKIE, { secret: runtime.secrets });
    const origin = signed === null ? null : decodeOrigin(signed);
    if (origin !== null && isLocalPath(origin)) url = origin;
  }
  if (url === undefined) return false;
  event.redirect(url);
  return true;
}

// Keeps the path and query of a GET in a signed cookie, for the redirect after login.
function rememberOrigin(event: WebEvent, runtime: AuthRuntime): void {
  if (event.method !== 'GET') return;
  const url = event.request.url;
  if (url === undefined || !isLocalPath(url)) return;
  event.setCookie(REDIRECT_COOKIE, Buffer.from(url).toString('base64url'), {
    secret: runtime.secrets[0],
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: event.isSecure,
  });
}

function decodeOrigin(value: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return null;
  return Buffer.from(value, 'base64url').toString('utf8');
}

/**
 * Whether `url` is a path on this site: it starts with one `/`, has no backslash or control
 * character, and resolves to the same origin. Rejects `//evil`, `/\evil`, `http://…`.
 */
export function isLocalPath(url: string): boolean {
  if (url.length === 0 || url.length > 2048 || url.charCodeAt(0) !== 47) return false;
  if (url.startsWith('//') || url.includes('\\')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (/[\u0000-\u001f\u007f]/.test(url)) return false;
  try {
    return new URL(url, 'http://pode.invalid').origin === 'http://pode.invalid';
  } catch {
    return false;
  }
}

/** @internal Checks the options of an authentication and makes its definition. */
export function resolveOptions(
  name: string,
  options: AuthOptions,
  sessionsEnabled: boolean,
  scheme: AuthScheme<unknown>,
  validate: AuthValidator<unknown>,
): AuthDefinition {
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, `[Authentication] ${name}: options must be an object.`);
  }
  const url = (key: 'failureUrl' | 'successUrl'): string | undefined => {
    const value = options[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0 || /[\r\n]/.test(value)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Authentication] ${name}: ${key} must be a non-empty URL, but got: ${JSON.stringify(value)}`,
      );
    }
    return value;
  };
  const sessionless = options.sessionless === true;
  if (scheme.needsSessions === true && (sessionless || !sessionsEnabled)) {
    throw setupError(
      ErrorCodes.AUTH_NO_SESSION,
      `[Authentication] ${name}: the ${scheme.type} scheme needs sessions (it keeps its state there between the redirect and the callback).`,
      'Call s.enableSessionMiddleware() before s.addAuth(), and do not pass sessionless: true.',
    );
  }
  if (!sessionless && !sessionsEnabled) {
    throw setupError(
      ErrorCodes.AUTH_NO_SESSION,
      'Sessions are required to use session persistent authentication.',
      'Call s.enableSessionMiddleware() before s.addAuth(), or pass { sessionless: true }.',
    );
  }
  if (options.failureMessage !== undefined && typeof options.failureMessage !== 'string') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Authentication] ${name}: failureMessage must be a string.`,
    );
  }
  const keepSessionData = options.keepSessionData ?? [];
  if (
    !Array.isArray(keepSessionData) ||
    keepSessionData.some((key) => typeof key !== 'string' || key.length === 0)
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Authentication] ${name}: keepSessionData must be an array of session data keys.`,
      "Pass keepSessionData: ['cart'] to carry those keys over a login.",
    );
  }
  const forbidden = keepSessionData.find((key) => NEVER_KEPT.has(key));
  if (forbidden !== undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Authentication] ${name}: keepSessionData cannot keep '${forbidden}': a login always starts it afresh.`,
      `Remove '${forbidden}' from keepSessionData.`,
    );
  }
  return {
    name,
    scheme,
    validate,
    failureUrl: url('failureUrl'),
    failureMessage: options.failureMessage,
    successUrl: url('successUrl'),
    successUseOrigin: options.successUseOrigin === true,
    sessionless,
    keepSessionData: [...keepSessionData],
    sessionOnly: false,
    names: new Set([name]),
  };
}

/** @internal */
export function statusOf(code: number | undefined): number {
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599
    ? code
    : 401;
}

function setHeaders(event: WebEvent, headers: Record<string, string> | undefined): void {
  if (headers === null || typeof headers !== 'object') return;
  for (const [name, value] of Object.entries(headers)) event.setHeader(name, String(value));
}
