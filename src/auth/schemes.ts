/**
 * Authentication schemes (Pode's `New-PodeAuthScheme`): each one reads the credentials of a
 * request and hands them to the validator as one object. Reading never validates: a scheme only
 * says "here are the credentials", "there are none" (401, or anonymous on `allowAnon` routes) or
 * "what was sent is malformed" (400).
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { chain } from '../sessions/store.js';
import type { WebEvent } from '../web-event.js';
import {
  compileJwtVerifier,
  JWT_VERIFY_KEYS,
  type JwtCredentials,
  type JwtVerifier,
  type JwtVerifyOptions,
} from './jwt.js';

/** The credentials of `basic()` and `form()`. */
export interface UsernamePasswordCredentials {
  username: string;
  password: string;
}

/** The credentials of `bearer()`. */
export interface BearerCredentials {
  token: string;
}

/** The credentials of `apiKey()`. */
export interface ApiKeyCredentials {
  key: string;
}

/** What a scheme found on a request. */
export type SchemeReading<TCredentials> =
  | { kind: 'credentials'; credentials: TCredentials }
  /** Nothing was sent: 401 (or anonymous on an `allowAnon` route). */
  | { kind: 'missing'; status: number; message: string }
  /** Something was sent but cannot be read: 400. */
  | { kind: 'malformed'; status: number; message: string }
  /** The scheme answered itself with a redirect (OAuth2 to the provider): stop here. */
  | { kind: 'redirected' };

/** An authentication scheme: made by `basic()`, `form()`, `bearer()`, `apiKey()` or `custom()`. */
export interface AuthScheme<TCredentials> {
  /** `'basic'`, `'form'`, `'bearer'`, `'apiKey'` or `'custom'`. */
  readonly type:
    | 'basic'
    | 'form'
    | 'bearer'
    | 'apiKey'
    | 'digest'
    | 'clientCertificate'
    | 'oauth2'
    | 'custom';
  /** A GET route `s.addAuth` adds behind this authentication (OAuth2's callback). */
  readonly callbackPath?: string | undefined;
  /** Whether this scheme cannot work without sessions (OAuth2's code flow keeps its state there). */
  readonly needsSessions?: boolean;
  /** The `WWW-Authenticate` value sent with a 401, if the scheme has a challenge. */
  readonly challenge: string | undefined;
  /** Reads the credentials of a request. */
  read(event: WebEvent): SchemeReading<TCredentials> | Promise<SchemeReading<TCredentials>>;
  /**
   * Checks what the validator returned for a user (bearer scopes): a failure to answer with, or
   * undefined to let the user in.
   */
  postValidate?(
    result: { scope?: unknown },
    credentials: TCredentials,
    event: WebEvent,
  ): PostValidationFailure | undefined;
}

/** @internal Why a scheme refuses a user its validator accepted (a 403 with a challenge). */
export interface PostValidationFailure {
  status: number;
  message: string;
  headers: Record<string, string>;
}

/** Options of `basic()`. */
export interface BasicOptions {
  /** The realm of the `WWW-Authenticate` challenge. Default `'User'`. */
  realm?: string;
  /** The scheme word of the `Authorization` header. Default `'Basic'`. */
  headerTag?: string;
  /** How the decoded `username:password` bytes are read. Default `'utf8'`. */
  encoding?: 'utf8' | 'latin1';
}

/** Options of `form()`. */
export interface FormOptions {
  /** The body field holding the username. Default `'username'`. */
  usernameField?: string;
  /** The body field holding the password. Default `'password'`. */
  passwordField?: string;
}

/** Options of `bearer()`. */
export interface BearerOptions extends JwtVerifyOptions {
  /** The realm of the `WWW-Authenticate` challenge. Default `'User'`. */
  realm?: string;
  /** The scheme word of the `Authorization` header. Default `'Bearer'`. */
  headerTag?: string;
  /** The token is a JWT (`-AsJWT`): verified with `secret` or `publicKey` before the validator sees its payload. */
  asJwt?: boolean;
  /**
   * The scopes this authentication accepts (`-Scope`, case-sensitive). The validator then returns
   * `{ user, scope }`: no scope, or one not in this list → 403 with
   * `WWW-Authenticate: Bearer …, scope="…", error="insufficient_scope"`.
   */
  scope?: string | readonly string[];
}

/** Options of `apiKey()`. */
export interface ApiKeyOptions extends JwtVerifyOptions {
  /** Where the key is sent. Default `'header'`. */
  location?: 'header' | 'query' | 'cookie';
  /** The header, query or cookie name. Default `'X-API-KEY'` (header, cookie) or `'api_key'` (query). */
  name?: string;
  /** The key is a JWT (`-AsJWT`): verified with `secret` or `publicKey` before the validator sees its payload. */
  asJwt?: boolean;
}

/** Options of `custom()`. */
export interface CustomOptions {
  /** A scheme word for a `WWW-Authenticate` challenge on 401 (none by default). */
  challengeName?: string;
  /** The realm of that challenge. Default `'User'`. */
  realm?: string;
}

/** What a `custom()` reader returns: the credentials for the validator, or null when there are none. */
export type CustomReader<TCredentials> = (
  event: WebEvent,
) => TCredentials | null | undefined | Promise<TCredentials | null | undefined>;

const DEFAULT_REALM = 'User';
const BASIC_KEYS = optionKeys<BasicOptions>({ realm: true, headerTag: true, encoding: true });
const FORM_KEYS = optionKeys<FormOptions>({ usernameField: true, passwordField: true });
const BEARER_KEYS = optionKeys<BearerOptions>({
  realm: true,
  headerTag: true,
  asJwt: true,
  scope: true,
  ...JWT_VERIFY_KEYS,
});
const API_KEY_KEYS = optionKeys<ApiKeyOptions>({
  location: true,
  name: true,
  asJwt: true,
  ...JWT_VERIFY_KEYS,
});
const CUSTOM_KEYS = optionKeys<CustomOptions>({ challengeName: true, realm: true });
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * HTTP Basic (`Authorization: Basic <base64 username:password>`). Credentials:
 * `{ username, password }`. No header → 401 with `WWW-Authenticate: Basic realm="User"`; another
 * scheme word, bad Base64 or no `:` → 400.
 */
export function basic(options: BasicOptions = {}): AuthScheme<UsernamePasswordCredentials> {
  rejectUnknownKeys('basic()', options, BASIC_KEYS);
  const tag = checkWord(options.headerTag ?? 'Basic', 'basic', 'headerTag');
  const realm = checkRealm(options.realm, 'basic');
  const encoding = options.encoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'latin1') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `basic(): encoding must be 'utf8' or 'latin1', but got: ${String(encoding)}`,
    );
  }
  return {
    type: 'basic',
    challenge: `${tag} realm="${realm}"`,
    read: (event) => {
      const value = authorizationValue(event, tag);
      if (value.kind !== 'value') return value;
      const encoded = value.value;
      if (encoded.length === 0 || encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
        return malformed('The Basic Authorization header is not valid Base64.');
      }
      const decoded = Buffer.from(encoded, 'base64').toString(encoding);
      const colon = decoded.indexOf(':');
      if (colon === -1) {
        return malformed('The Basic Authorization header has no username:password pair.');
      }
      return {
        kind: 'credentials',
        credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) },
      };
    },
  };
}

/**
 * A login form (urlencoded, multipart or JSON body). Credentials: `{ username, password }` from
 * the body fields `usernameField` and `passwordField`. Either missing or empty → 401; a field
 * that is not a string (a JSON object, say) → 400. No `WWW-Authenticate` challenge.
 */
export function form(options: FormOptions = {}): AuthScheme<UsernamePasswordCredentials> {
  rejectUnknownKeys('form()', options, FORM_KEYS);
  const usernameField = checkField(options.usernameField ?? 'username', 'usernameField');
  const passwordField = checkField(options.passwordField ?? 'password', 'passwordField');
  return {
    type: 'form',
    challenge: undefined,
    read: (event) => {
      const data: unknown = event.data;
      const fields =
        data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
      const username = fields[usernameField];
      const password = fields[passwordField];
      if (isBlank(username) || isBlank(password)) {
        return missing('Username or Password not supplied.');
      }
      if (typeof username !== 'string' || typeof password !== 'string') {
        return malformed('Username and Password must be strings.');
      }
      return { kind: 'credentials', credentials: { username, password } };
    },
  };
}

/**
 * A bearer token (`Authorization: Bearer <token>`). Credentials: `{ token }`. No header → 401
 * with `WWW-Authenticate: Bearer realm="User"`; another scheme word or an empty token → 400.
 * With `asJwt: true` the token is verified first (a bad, expired or tampered JWT → 401) and the
 * credentials are `{ token, payload, header }`.
 */
export function bearer(options: BearerOptions & { asJwt: true }): AuthScheme<JwtCredentials>;
export function bearer(options?: BearerOptions): AuthScheme<BearerCredentials>;
export function bearer(
  options: BearerOptions = {},
): AuthScheme<BearerCredentials> | AuthScheme<JwtCredentials> {
  rejectUnknownKeys('bearer()', options, BEARER_KEYS);
  const tag = checkWord(options.headerTag ?? 'Bearer', 'bearer', 'headerTag');
  const realm = checkRealm(options.realm, 'bearer');
  const verify = jwtVerifierOf('bearer()', options);
  const scopes = checkScopes(options.scope);
  const challenge =
    scopes.length === 0
      ? `${tag} realm="${realm}"`
      : `${tag} realm="${realm}", scope="${scopes.join(' ')}"`;
  return {
    type: 'bearer',
    challenge,
    postValidate:
      scopes.length === 0
        ? undefined
        : (result) => {
            // Pode's rule: the validator's scope must be one of the scheme's scopes.
            const scope = result.scope;
            if (typeof scope === 'string' && scope.trim() !== '' && scopes.includes(scope)) {
              return undefined;
            }
            return {
              status: 403,
              message: 'Invalid Scope',
              headers: { 'WWW-Authenticate': `${challenge}, error="insufficient_scope"` },
            };
          },
    read: (event) => {
      const value = authorizationValue(event, tag);
      if (value.kind !== 'value') return value;
      if (value.value.length === 0) return malformed('The Bearer token is empty.');
      // RFC 6750: a bad bearer token is a 401.
      if (verify !== undefined) return readJwt(verify, value.value, 401);
      return { kind: 'credentials', credentials: { token: value.value } };
    },
  } as AuthScheme<BearerCredentials>;
}

/**
 * An API key in a header, query parameter or cookie. Credentials: `{ key }`. A missing or empty
 * key → 400 (as in Pode). No `WWW-Authenticate` challenge. With `asJwt: true` the key is a JWT
 * verified first (a bad one → 400, as in Pode) and the credentials are `{ token, payload, header }`.
 */
export function apiKey(options: ApiKeyOptions & { asJwt: true }): AuthScheme<JwtCredentials>;
export function apiKey(options?: ApiKeyOptions): AuthScheme<ApiKeyCredentials>;
export function apiKey(
  options: ApiKeyOptions = {},
): AuthScheme<ApiKeyCredentials> | AuthScheme<JwtCredentials> {
  rejectUnknownKeys('apiKey()', options, API_KEY_KEYS);
  const location = options.location ?? 'header';
  if (location !== 'header' && location !== 'query' && location !== 'cookie') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `apiKey(): location must be 'header', 'query' or 'cookie', but got: ${String(location)}`,
    );
  }
  const name = checkField(
    options.name ?? (location === 'query' ? 'api_key' : 'X-API-KEY'),
    'name',
    'apiKey',
  );
  const headerName = name.toLowerCase();
  const verify = jwtVerifierOf('apiKey()', options);
  return {
    type: 'apiKey',
    challenge: undefined,
    read: (event) => {
      let key: string | undefined;
      if (location === 'header') {
        const raw = event.request.headers[headerName];
        key = Array.isArray(raw) ? raw[0] : raw;
      } else if (location === 'query') {
        key = event.query[name];
      } else {
        key = event.cookies[name];
      }
      key = key?.trim();
      if (key === undefined || key.length === 0) {
        return {
          kind: 'missing',
          status: 400,
          message: `API key missing (${location} '${name}').`,
        };
      }
      if (verify !== undefined) return readJwt(verify, key, 400);
      return { kind: 'credentials', credentials: { key } };
    },
  } as AuthScheme<ApiKeyCredentials>;
}

/**
 * A scheme of your own: `fn(e)` (sync or async) returns the credentials passed to the validator,
 * or null/undefined when the request has none (→ 401). Throwing from `fn` is a 500.
 */
export function custom<TCredentials>(
  fn: CustomReader<TCredentials>,
  options: CustomOptions = {},
): AuthScheme<TCredentials> {
  rejectUnknownKeys('custom()', options, CUSTOM_KEYS);
  if (typeof fn !== 'function') {
    throw setupError(
      ErrorCodes.BAD_HANDLER,
      `custom(): the credentials reader must be a function, but got: ${typeof fn}`,
      'Pass (e) => credentials | null.',
    );
  }
  const challenge =
    options.challengeName === undefined
      ? undefined
      : `${checkWord(options.challengeName, 'custom', 'challengeName')} realm="${checkRealm(options.realm, 'custom')}"`;
  const toReading = (credentials: TCredentials | null | undefined): SchemeReading<TCredentials> =>
    credentials === null || credentials === undefined
      ? missing('No credentials were supplied.')
      : { kind: 'credentials', credentials };
  return {
    type: 'custom',
    challenge,
    read: (event) => chain(fn(event), toReading),
  };
}

/** @internal Whether `value` looks like a scheme made by one of the factories above. */
export function isAuthScheme(value: unknown): value is AuthScheme<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as AuthScheme<unknown>).read === 'function' &&
    typeof (value as AuthScheme<unknown>).type === 'string'
  );
}

// The JWT verifier of a scheme with asJwt; undefined without (and JWT options then refused).
function jwtVerifierOf(
  factory: string,
  options: JwtVerifyOptions & { asJwt?: boolean },
): JwtVerifier | undefined {
  if (options.asJwt === true) return compileJwtVerifier(factory, options);
  const stray = Object.keys(JWT_VERIFY_KEYS).find(
    (key) => (options as Record<string, unknown>)[key] !== undefined,
  );
  if (stray !== undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: ${stray} is a JWT option, but asJwt is not set.`,
      'Add asJwt: true to verify the token as a JWT.',
    );
  }
  return undefined;
}

// A verified JWT as credentials, or why it is refused (the status Pode gives that scheme).
async function readJwt(
  verify: JwtVerifier,
  token: string,
  status: number,
): Promise<SchemeReading<JwtCredentials>> {
  try {
    return { kind: 'credentials', credentials: await verify(token) };
  } catch (error) {
    if ((error as { code?: string }).code === ErrorCodes.JWT) {
      return { kind: 'malformed', status, message: (error as Error).message };
    }
    throw error;
  }
}

type AuthorizationValue =
  | { kind: 'value'; value: string }
  | { kind: 'missing'; status: number; message: string }
  | { kind: 'malformed'; status: number; message: string };

// The part after "<tag> " of the Authorization header, or why there is none.
function authorizationValue(event: WebEvent, tag: string): AuthorizationValue {
  const header = event.request.headers.authorization;
  if (header === undefined || header.trim().length === 0) {
    return missing('No Authorization header found.');
  }
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const word = space === -1 ? trimmed : trimmed.slice(0, space);
  if (word.toLowerCase() !== tag.toLowerCase()) {
    return malformed(`The Authorization header is not for ${tag} authentication.`);
  }
  return { kind: 'value', value: space === -1 ? '' : trimmed.slice(space + 1).trim() };
}

function checkScopes(scope: unknown): string[] {
  if (scope === undefined) return [];
  const list = typeof scope === 'string' ? [scope] : scope;
  if (
    !Array.isArray(list) ||
    list.some((item) => typeof item !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(item))
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `bearer(): scope must be a scope name or an array of them (printable, no spaces, quotes or backslashes), but got: ${JSON.stringify(scope)}`,
      "Pass scope: 'write' or scope: ['read', 'write'].",
    );
  }
  return [...list];
}

function missing(message: string): { kind: 'missing'; status: number; message: string } {
  return { kind: 'missing', status: 401, message };
}

function malformed(message: string): { kind: 'malformed'; status: number; message: string } {
  return { kind: 'malformed', status: 400, message };
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

function checkWord(word: unknown, factory: string, option: string): string {
  if (typeof word !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(word)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}(): ${option} must be a single word (an HTTP token), but got: ${JSON.stringify(word)}`,
    );
  }
  return word;
}

function checkRealm(realm: unknown, factory: string): string {
  const value = realm ?? DEFAULT_REALM;
  if (typeof value !== 'string' || /["\\\r\n]/.test(value)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}(): realm must be a string without quotes, backslashes or line breaks, but got: ${JSON.stringify(realm)}`,
    );
  }
  return value;
}

function checkField(field: unknown, option: string, factory = 'form'): string {
  if (typeof field !== 'string' || field.length === 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}(): ${option} must be a non-empty string, but got: ${JSON.stringify(field)}`,
    );
  }
  return field;
}
