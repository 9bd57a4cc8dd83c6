/**
 * OAuth2 sign-in (Pode's `New-PodeAuthScheme -OAuth2`, `New-PodeAuthAzureADScheme`,
 * `ConvertFrom-PodeOIDCDiscovery`). Two flows:
 * - authorization code (no `innerScheme`): a request without `?code=` is redirected (302) to the
 *   provider's authorise URL with a `state` (and a PKCE challenge) kept in the session; the
 *   provider sends the browser back to the redirect URL with `?code=&state=`, the code is
 *   exchanged at the token URL, the user is fetched from the user URL (or read from the
 *   `id_token`), and the validator gets `{ user, accessToken, refreshToken, response }`.
 * - password grant (`innerScheme: form()` or `basic()`): the inner scheme reads the username and
 *   password, which are exchanged at the token URL directly.
 * Everything uses Node's own `fetch` and `node:crypto`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { WebEvent } from '../web-event.js';
import type { AuthScheme, SchemeReading, UsernamePasswordCredentials } from './schemes.js';

/** What an OAuth2 validator is given. */
export interface OAuth2Credentials {
  /** The user: the user URL's answer, else the `id_token`'s payload, else `{ Provider: 'OAuth2' }`. */
  // biome-ignore lint/suspicious/noExplicitAny: the provider's user JSON, read as in Pode (`$user.name`)
  user: Record<string, any>;
  /** The access token from the token URL. */
  accessToken: string | undefined;
  /** The refresh token from the token URL, if the provider sent one. */
  refreshToken: string | undefined;
  /** The token URL's whole JSON answer. */
  response: Record<string, unknown>;
}

/** Options of `oauth2()` (the parameters of `New-PodeAuthScheme -OAuth2`). */
export interface OAuth2Options {
  /** The application (client) id registered with the provider. */
  clientId: string;
  /** The application secret: required unless `usePkce` is set. */
  clientSecret?: string;
  /** The provider's authorise URL (not needed with an `innerScheme`). */
  authoriseUrl?: string;
  /** The provider's token URL. */
  tokenUrl: string;
  /** A URL returning the user's details for the access token (a bearer request). */
  userUrl?: string;
  /** The method of the user URL request. Default `'POST'` (as in Pode). */
  userUrlMethod?: 'GET' | 'POST';
  /**
   * Where the provider sends the browser back: a path on this server or a full URL. Default
   * `'/oauth2/callback'`, a GET route `s.addAuth` then adds for you.
   */
  redirectUrl?: string;
  /** The scopes asked for. Default `['openid', 'profile', 'email']`. */
  scope?: string | readonly string[];
  /** Use PKCE (a code verifier kept in the session, its challenge sent to the authorise URL). */
  usePkce?: boolean;
  /** How the PKCE challenge is made from the verifier. Default `'S256'`. */
  codeChallengeMethod?: 'S256' | 'plain';
  /** A `form()` or `basic()` scheme whose username and password are exchanged (password grant). */
  innerScheme?: AuthScheme<UsernamePasswordCredentials>;
}

/** Options of `azureAD()` (`New-PodeAuthAzureADScheme`). */
export interface AzureADOptions
  extends Omit<OAuth2Options, 'authoriseUrl' | 'tokenUrl' | 'userUrl' | 'userUrlMethod' | 'scope'> {
  /** The directory (tenant) id or domain. Default `'common'`. */
  tenant?: string;
}

/** Options of `oidcDiscovery()` (`ConvertFrom-PodeOIDCDiscovery`). */
export type OidcDiscoveryOptions = Omit<
  OAuth2Options,
  'authoriseUrl' | 'tokenUrl' | 'userUrl' | 'userUrlMethod' | 'codeChallengeMethod'
>;

/** The session keys the flow keeps between the redirect and the callback. */
export const OAUTH2_STATE_KEY = '__pode_oauth_state__';
export const OAUTH2_VERIFIER_KEY = '__pode_oauth_code_verifier__';
/** The redirect URL when none is given; `s.addAuth` adds a GET route for it. */
export const DEFAULT_CALLBACK = '/oauth2/callback';

const OAUTH2_KEYS = optionKeys<OAuth2Options>({
  clientId: true,
  clientSecret: true,
  authoriseUrl: true,
  tokenUrl: true,
  userUrl: true,
  userUrlMethod: true,
  redirectUrl: true,
  scope: true,
  usePkce: true,
  codeChallengeMethod: true,
  innerScheme: true,
});
const AZURE_KEYS = optionKeys<AzureADOptions>({
  tenant: true,
  clientId: true,
  clientSecret: true,
  redirectUrl: true,
  usePkce: true,
  codeChallengeMethod: true,
  innerScheme: true,
});
const OIDC_KEYS = optionKeys<OidcDiscoveryOptions>({
  clientId: true,
  clientSecret: true,
  redirectUrl: true,
  scope: true,
  usePkce: true,
  innerScheme: true,
});
const DEFAULT_SCOPES = ['openid', 'profile', 'email'];
const TIMEOUT_MS = 30_000;

/** The OAuth2 scheme as the registry sees it: an AuthScheme with its callback route. */
export interface OAuth2Scheme extends AuthScheme<OAuth2Credentials> {
  readonly type: 'oauth2';
  /** The GET route `s.addAuth` adds for the provider's callback (none with an inner scheme or a full redirect URL). */
  readonly callbackPath: string | undefined;
  /** Whether the flow needs sessions (the authorization code flow keeps its state there). */
  readonly needsSessions: boolean;
}

/**
 * An OAuth2 scheme (`New-PodeAuthScheme -OAuth2`): the authorization code flow, or the password
 * grant with an `innerScheme`. Needs sessions for the code flow (the `state` is kept there).
 */
export function oauth2(options: OAuth2Options): OAuth2Scheme {
  const factory = 'oauth2()';
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, `${factory}: options must be an object.`);
  }
  rejectUnknownKeys(factory, options, OAUTH2_KEYS);
  const clientId = text(factory, 'clientId', options.clientId, true) as string;
  const clientSecret = text(factory, 'clientSecret', options.clientSecret, false);
  const tokenUrl = url(factory, 'tokenUrl', options.tokenUrl) as string;
  const userUrl =
    options.userUrl === undefined ? undefined : url(factory, 'userUrl', options.userUrl);
  const inner = options.innerScheme;
  if (
    inner !== undefined &&
    (inner === null || (inner.type !== 'basic' && inner.type !== 'form'))
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: innerScheme can only be a basic() or form() scheme, but got: ${inner === null ? 'null' : String((inner as { type?: unknown }).type)}`,
    );
  }
  const authoriseUrl =
    options.authoriseUrl === undefined
      ? undefined
      : url(factory, 'authoriseUrl', options.authoriseUrl);
  if (inner === undefined && authoriseUrl === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: authoriseUrl is required (only the password grant, with an innerScheme, goes without).`,
    );
  }
  const usePkce = options.usePkce === true;
  if (!usePkce && clientSecret === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: clientSecret is required when not using PKCE.`,
      'Pass clientSecret, or usePkce: true for a public client.',
    );
  }
  const method = (options.userUrlMethod ?? 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: userUrlMethod must be 'GET' or 'POST', but got: ${JSON.stringify(options.userUrlMethod)}`,
    );
  }
  // case-insensitive, as Pode's ValidateSet
  const givenMethod = String(options.codeChallengeMethod ?? 'S256').toLowerCase();
  const challengeMethod = givenMethod === 's256' ? 'S256' : givenMethod === 'plain' ? 'plain' : '';
  if (challengeMethod === '') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: codeChallengeMethod must be 'S256' or 'plain', but got: ${JSON.stringify(options.codeChallengeMethod)}`,
    );
  }
  const scopes = scopeList(factory, options.scope);
  let redirectUrl = options.redirectUrl;
  if (
    redirectUrl !== undefined &&
    (typeof redirectUrl !== 'string' || !/^(\/|https?:\/\/)/i.test(redirectUrl))
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: redirectUrl must be a path starting with '/' or an http(s) URL, but got: ${JSON.stringify(redirectUrl)}`,
    );
  }
  const callbackPath =
    inner === undefined && redirectUrl === undefined ? DEFAULT_CALLBACK : undefined;
  redirectUrl ??= DEFAULT_CALLBACK;
  const settings: Flow = {
    clientId,
    clientSecret,
    tokenUrl,
    userUrl,
    userUrlMethod: method,
    scope: scopes.join(' '),
    usePkce,
    challengeMethod,
    redirectUrl,
  };
  return {
    type: 'oauth2',
    challenge: undefined,
    callbackPath,
    needsSessions: inner === undefined,
    read: (event) => {
      const error = event.query.error;
      if (typeof error === 'string' && error.trim() !== '') {
        const description = event.query.error_description;
        return refused(description ? `${error}: ${description}` : error);
      }
      if (inner !== undefined) {
        return Promise.resolve(inner.read(event)).then((reading) =>
          reading.kind === 'credentials'
            ? exchange(event, settings, {
                grant_type: 'password',
                username: reading.credentials.username,
                password: reading.credentials.password,
                scope: settings.scope,
              })
            : reading,
        );
      }
      const code = event.query.code;
      if (typeof code === 'string' && code.trim() !== '') return callback(event, settings, code);
      return redirectToProvider(event, settings, authoriseUrl as string);
    },
  };
}

/** An OAuth2 scheme for Microsoft Entra ID / Azure AD (`New-PodeAuthAzureADScheme`). */
export function azureAD(options: AzureADOptions): OAuth2Scheme {
  rejectUnknownKeys('azureAD()', options, AZURE_KEYS);
  const { tenant = 'common', ...rest } = options;
  if (typeof tenant !== 'string' || tenant.trim() === '') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `azureAD(): tenant must be a tenant id or domain, but got: ${JSON.stringify(tenant)}`,
    );
  }
  const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0`;
  return oauth2({
    ...rest,
    authoriseUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    userUrl: 'https://graph.microsoft.com/oidc/userinfo',
  });
}

/**
 * An OAuth2 scheme from an OpenID Connect discovery document (`ConvertFrom-PodeOIDCDiscovery`):
 * fetches `<url>/.well-known/openid-configuration` at set-up. `scope` keeps only the scopes the
 * provider supports (default: all it supports); PKCE uses S256 when offered, else plain.
 */
export async function oidcDiscovery(
  discoveryUrl: string,
  options: OidcDiscoveryOptions,
): Promise<OAuth2Scheme> {
  const factory = 'oidcDiscovery()';
  rejectUnknownKeys(factory, options, OIDC_KEYS);
  let address = url(factory, 'url', discoveryUrl) as string;
  if (!address.endsWith('/.well-known/openid-configuration')) {
    address = `${address.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  }
  let config: Record<string, unknown>;
  try {
    const response = await fetch(address, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    config = asObject(await response.json());
  } catch (error) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: cannot read the discovery document ${address}: ${(error as Error).message}`,
      'Check the URL, and that this machine reaches the provider.',
    );
  }
  const list = (key: string): string[] | undefined => {
    const value = config[key];
    return Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : undefined;
  };
  if (!(list('response_types_supported') ?? []).some((t) => t.toLowerCase() === 'code')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: the provider does not support the 'code' response_type.`,
    );
  }
  if (
    options.innerScheme !== undefined &&
    !(list('grant_types_supported') ?? []).some((t) => t.toLowerCase() === 'password')
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: the provider does not support the 'password' grant_type an innerScheme needs.`,
    );
  }
  const supported = list('scopes_supported');
  let scope = supported;
  if (options.scope !== undefined && supported !== undefined) {
    const lower = new Set(supported.map((s) => s.toLowerCase()));
    scope = scopeList(factory, options.scope).filter((s) => lower.has(s.toLowerCase()));
  } else if (options.scope !== undefined) {
    scope = scopeList(factory, options.scope);
  }
  const methods = list('code_challenge_methods_supported') ?? [];
  const field = (key: string): string | undefined =>
    typeof config[key] === 'string' ? (config[key] as string) : undefined;
  return oauth2({
    ...options,
    scope,
    authoriseUrl: field('authorization_endpoint'),
    tokenUrl: field('token_endpoint') as string,
    userUrl: field('userinfo_endpoint'),
    codeChallengeMethod: methods.some((m) => m.toLowerCase() === 's256') ? 'S256' : 'plain',
  });
}

interface Flow {
  clientId: string;
  clientSecret: string | undefined;
  tokenUrl: string;
  userUrl: string | undefined;
  userUrlMethod: 'GET' | 'POST';
  scope: string;
  usePkce: boolean;
  challengeMethod: 'S256' | 'plain';
  redirectUrl: string;
}

type Reading = SchemeReading<OAuth2Credentials>;

function sessionData(event: WebEvent): Record<string, unknown> | undefined {
  return event.hasSession ? (event.session.data as unknown as Record<string, unknown>) : undefined;
}

// No code yet: send the browser to the provider, keeping state (and the PKCE verifier).
function redirectToProvider(event: WebEvent, flow: Flow, authoriseUrl: string): Reading {
  const data = sessionData(event);
  if (data === undefined) {
    return {
      kind: 'malformed',
      status: 500,
      message: 'OAuth2 needs sessions: enable the session middleware.',
    };
  }
  const query = new URLSearchParams({
    client_id: flow.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(event, flow.redirectUrl),
    response_mode: 'query',
    scope: flow.scope,
  });
  const state = randomUUID();
  data[OAUTH2_STATE_KEY] = state;
  query.set('state', state);
  if (flow.usePkce) {
    const verifier = randomBytes(32).toString('base64url');
    data[OAUTH2_VERIFIER_KEY] = verifier;
    const challenge =
      flow.challengeMethod === 'S256'
        ? createHash('sha256').update(verifier).digest('base64url')
        : verifier;
    query.set('code_challenge', challenge);
    query.set('code_challenge_method', flow.challengeMethod);
  }
  event.redirect(`${authoriseUrl}${authoriseUrl.includes('?') ? '&' : '?'}${query.toString()}`);
  return { kind: 'redirected' };
}

// Back from the provider with a code: check the state, then exchange the code.
function callback(event: WebEvent, flow: Flow, code: string): Reading | Promise<Reading> {
  const data = sessionData(event);
  const expected = data?.[OAUTH2_STATE_KEY];
  const verifier = data?.[OAUTH2_VERIFIER_KEY];
  if (data !== undefined) {
    delete data[OAUTH2_STATE_KEY];
    delete data[OAUTH2_VERIFIER_KEY];
  }
  if (typeof expected !== 'string' || event.query.state !== expected) {
    return refused('OAuth2 state returned is invalid');
  }
  const body: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(event, flow.redirectUrl),
  };
  if (flow.usePkce) {
    if (typeof verifier !== 'string') return refused('OAuth2 PKCE code verifier is missing');
    body.code_verifier = verifier;
  }
  return exchange(event, flow, body);
}

// POSTs the grant to the token URL, then fetches the user: credentials or a 401.
async function exchange(
  event: WebEvent,
  flow: Flow,
  grant: Record<string, string>,
): Promise<Reading> {
  const body = new URLSearchParams({ client_id: flow.clientId, ...grant });
  if (flow.clientSecret !== undefined) body.set('client_secret', flow.clientSecret);
  let result: Record<string, unknown>;
  try {
    result = await requestJson(flow.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
  } catch (error) {
    event.log.error({ err: error }, 'OAuth2 token request failed');
    return refused(`OAuth2 token request failed: ${(error as Error).message}`);
  }
  const failure = providerError(result);
  if (failure !== undefined) return refused(failure);
  const accessToken = typeof result.access_token === 'string' ? result.access_token : undefined;
  const refreshToken = typeof result.refresh_token === 'string' ? result.refresh_token : undefined;
  let user: Record<string, unknown>;
  if (flow.userUrl !== undefined) {
    try {
      user = await requestJson(flow.userUrl, {
        method: flow.userUrlMethod,
        headers: { authorization: `Bearer ${accessToken ?? ''}`, accept: 'application/json' },
      });
    } catch (error) {
      event.log.error({ err: error }, 'OAuth2 user request failed');
      return refused(`OAuth2 user request failed: ${(error as Error).message}`);
    }
    const userFailure = providerError(user);
    if (userFailure !== undefined) return refused(userFailure);
  } else {
    user = (typeof result.id_token === 'string' ? jwtPayload(result.id_token) : undefined) ?? {
      Provider: 'OAuth2',
    };
  }
  return {
    kind: 'credentials',
    credentials: { user, accessToken, refreshToken, response: result },
  };
}

// A JSON object from a URL; an error answer with a JSON body is returned (it carries `error`).
async function requestJson(address: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(address, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const textBody = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(textBody);
  } catch {
    throw new Error(`HTTP ${response.status} from ${address} is not JSON`);
  }
  const value = asObject(parsed);
  if (!response.ok && typeof value.error !== 'string') {
    throw new Error(`HTTP ${response.status} from ${address}`);
  }
  return value;
}

function providerError(value: Record<string, unknown>): string | undefined {
  const error = value.error;
  if (typeof error !== 'string' || error.trim() === '') return undefined;
  const description = value.error_description;
  return typeof description === 'string' && description !== '' ? `${error}: ${description}` : error;
}

function jwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    return asObject(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('the answer is not a JSON object');
  }
  return value as Record<string, unknown>;
}

// A path redirect URL is made absolute with this request's scheme and host.
function redirectUri(event: WebEvent, redirectUrl: string): string {
  if (!redirectUrl.startsWith('/')) return redirectUrl;
  const host = event.request.headers.host ?? `${event.endpoint.address}:${event.endpoint.port}`;
  return `${event.isSecure ? 'https' : 'http'}://${host}${redirectUrl}`;
}

function refused(message: string): Reading {
  return { kind: 'malformed', status: 401, message };
}

function text(factory: string, key: string, value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: ${key} must be a non-empty string, but got: ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function url(factory: string, key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/i.test(value)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: ${key} must be an http(s) URL, but got: ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function scopeList(factory: string, scope: unknown): string[] {
  if (scope === undefined || scope === null) return [...DEFAULT_SCOPES];
  const list = typeof scope === 'string' ? [scope] : scope;
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || /\s/.test(s) || s === '')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${factory}: scope must be a scope name or an array of them (no spaces), but got: ${JSON.stringify(scope)}`,
    );
  }
  return list.length === 0 ? [...DEFAULT_SCOPES] : [...(list as string[])];
}
