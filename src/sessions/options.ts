/**
 * `enableSessionMiddleware` options: their defaults (SPEC §6) and the set-up errors they throw,
 * resolved once into the settings the middleware runs with.
 */
import { randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { MemoryStore } from './memory-store.js';
import { type SessionStore, validateStore } from './store.js';

/** The default session id: a nanoid (21 characters of `[A-Za-z0-9_-]`, 126 bits). */
export function defaultSessionId(): string {
  return nanoid();
}

/** Options of `s.enableSessionMiddleware`. */
export interface SessionOptions {
  /** Signs the id; an array rotates (the first signs, all verify). Default: random per start. */
  secret?: string | readonly string[];
  /** Cookie or header name. Default `'pode.sid'`. */
  name?: string;
  /** Seconds; 0 = browser-session cookie, kept 24 h server-side from the last save. Default 0. */
  duration?: number;
  /** Seconds since creation after which the session ends, whatever `extend` does. */
  absoluteDuration?: number;
  /** Sliding expiry: now + duration on every request, cookie/header re-sent. Default false. */
  extend?: boolean;
  /** Makes session ids: 1–256 characters of `[A-Za-z0-9_.~-]`. Default nanoid (21 chars). */
  generator?: () => string | Promise<string>;
  /** A custom store `{ get, set, delete }` (requires `secret`). Default: a MemoryStore. */
  storage?: SessionStore;
  /** `'tab'` splits data per `X-PODE-SESSION-TAB-ID` header, sharing the login. Default `'browser'`. */
  scope?: 'browser' | 'tab';
  /**
   * With `scope: 'tab'`: the most tab records one session keeps; past it, the one saved longest
   * ago is deleted (needs a store with `children()`: the memory store and RedisStore). Default 64.
   */
  maxTabs?: number;
  /** Default true. */
  httpOnly?: boolean;
  /** `true`, `false`, or `'auto'` (Secure when the request is https). Default `'auto'`. */
  secure?: boolean | 'auto';
  /** Default `'lax'`. */
  sameSite?: 'lax' | 'strict' | 'none';
  /** Default `'/'`. */
  path?: string;
  domain?: string;
  /** Bind the signature to the client's User-Agent and IP. Default false. */
  strict?: boolean;
  /** Carry the id in a request/response header instead of a cookie. Default false. */
  useHeaders?: boolean;
  /** The memory store's cap (shorthand for `storage: new MemoryStore({ maxSessions })`). */
  maxSessions?: number;
  /** Milliseconds any store call may take before it counts as failed (503). Default 5000. */
  storeTimeoutMs?: number;
}

/** The resolved settings. */
export interface SessionSettings {
  secrets: readonly string[];
  name: string;
  /** The header name, lower case (header mode). */
  headerName: string;
  duration: number;
  absoluteDuration: number | undefined;
  extend: boolean;
  generator: () => string | Promise<string>;
  store: SessionStore;
  tabScope: boolean;
  maxTabs: number;
  httpOnly: boolean;
  secure: boolean | 'auto';
  sameSite: 'lax' | 'strict' | 'none';
  path: string;
  domain: string | undefined;
  strict: boolean;
  useHeaders: boolean;
  storeTimeoutMs: number;
}

/** What the server tells the session set-up. */
export interface SessionContext {
  threads: number;
  /** A secret shared by every worker of a threaded server. */
  sharedSecret?: string;
}

/** The lifetime of a `duration: 0` session on the server, from its last save. */
export const BROWSER_SESSION_SECONDS = 24 * 60 * 60;

/** Validates `options` and fills in the defaults; throws the SPEC's set-up errors. */
const SESSION_OPTION_KEYS = optionKeys<SessionOptions>({
  secret: true,
  name: true,
  duration: true,
  absoluteDuration: true,
  extend: true,
  generator: true,
  storage: true,
  scope: true,
  httpOnly: true,
  secure: true,
  sameSite: true,
  path: true,
  domain: true,
  strict: true,
  useHeaders: true,
  maxSessions: true,
  storeTimeoutMs: true,
  maxTabs: true,
});

/** Checks `options` and resolves them with their defaults into the middleware's settings. */
export function resolveSessionOptions(
  options: SessionOptions,
  context: SessionContext,
): SessionSettings {
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, 'enableSessionMiddleware options must be an object.');
  }
  rejectUnknownKeys('s.enableSessionMiddleware()', options, SESSION_OPTION_KEYS);
  const duration = options.duration ?? 0;
  if (typeof duration !== 'number' || Number.isNaN(duration) || duration < 0) {
    throw setupError(
      ErrorCodes.SESSION_DURATION,
      `Duration must be 0 or greater, but got: ${String(duration)}s`,
      'Give the session lifetime in seconds; 0 makes a browser-session cookie.',
    );
  }
  const absoluteDuration = options.absoluteDuration;
  if (
    absoluteDuration !== undefined &&
    (typeof absoluteDuration !== 'number' || !(absoluteDuration > 0))
  ) {
    throw setupError(
      ErrorCodes.SESSION_DURATION,
      `AbsoluteDuration must be greater than 0, but got: ${String(absoluteDuration)}s`,
    );
  }
  if (options.storage !== undefined) {
    validateStore(options.storage);
    if (options.secret === undefined) {
      throw setupError(
        ErrorCodes.SESSION_SECRET_REQUIRED,
        'A Secret is required when using custom session storage.',
        'Pass secret: a long random string shared by every server using the store, so sessions survive restarts.',
      );
    }
  }
  if (options.storage !== undefined && options.maxSessions !== undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'maxSessions applies to the memory store only, but a custom storage was given.',
      'Drop maxSessions, or pass storage: new MemoryStore({ maxSessions }).',
    );
  }
  const isMemory = options.storage === undefined || options.storage instanceof MemoryStore;
  if (context.threads > 1 && isMemory) {
    throw setupError(
      ErrorCodes.SESSION_SHARED_STORE,
      `The memory session store cannot be shared by ${context.threads} threads: each worker process would keep its own sessions.`,
      "Pass a shared store, e.g. storage: new RedisStore({ client }) from 'pode-ts/redis', with a secret.",
    );
  }
  const secrets = resolveSecrets(options.secret, context.sharedSecret);
  const generator = options.generator ?? defaultSessionId;
  if (typeof generator !== 'function') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'The session generator must be a function returning a string.',
    );
  }
  const name = options.name ?? 'pode.sid';
  if (typeof name !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `The session name must be a valid cookie/header name, but got: ${JSON.stringify(name)}`,
    );
  }
  const scope = options.scope ?? 'browser';
  if (scope !== 'browser' && scope !== 'tab') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `The session scope must be 'browser' or 'tab', but got: ${String(scope)}`,
    );
  }
  const maxTabs = options.maxTabs ?? 64;
  if (!Number.isInteger(maxTabs) || maxTabs < 1) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `maxTabs must be a whole number of 1 or more, but got: ${String(maxTabs)}`,
    );
  }
  const sameSite = options.sameSite ?? 'lax';
  if (!['lax', 'strict', 'none'].includes(sameSite)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `sameSite must be 'lax', 'strict' or 'none', but got: ${String(sameSite)}`,
    );
  }
  const secure = options.secure ?? 'auto';
  if (secure !== true && secure !== false && secure !== 'auto') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `secure must be true, false or 'auto', but got: ${String(secure)}`,
    );
  }
  const storeTimeoutMs = options.storeTimeoutMs ?? 5_000;
  if (!Number.isInteger(storeTimeoutMs) || storeTimeoutMs < 1) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `storeTimeoutMs must be a whole number of 1 or more, but got: ${String(storeTimeoutMs)}`,
    );
  }
  return {
    secrets,
    name,
    headerName: name.toLowerCase(),
    duration,
    absoluteDuration,
    extend: options.extend === true,
    generator,
    store: options.storage ?? new MemoryStore({ maxSessions: options.maxSessions }),
    tabScope: scope === 'tab',
    maxTabs,
    httpOnly: options.httpOnly ?? true,
    secure,
    sameSite,
    path: options.path ?? '/',
    domain: options.domain,
    strict: options.strict === true,
    useHeaders: options.useHeaders === true,
    storeTimeoutMs,
  };
}

function resolveSecrets(secret: SessionOptions['secret'], shared: string | undefined): string[] {
  if (secret === undefined) return [shared ?? randomBytes(32).toString('base64url')];
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (
    secrets.length === 0 ||
    secrets.some((value) => typeof value !== 'string' || value.length === 0)
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'The session secret must be a non-empty string or a non-empty array of non-empty strings.',
    );
  }
  return secrets;
}
