/**
 * HTTP Digest authentication (Pode's `New-PodeAuthScheme -Digest`): RFC 7616 with MD5 and
 * `qop="auth"`, as Pode does it. The validator is given `{ username, params }` (the parsed
 * `Authorization` fields) and returns `{ user, password }`: the scheme then checks the client's
 * response hash against that password, so the password never crosses the wire.
 *
 * Nonces are stateless but not arbitrary: each is a timestamp and random bytes signed with a
 * per-server key, so the server accepts only nonces it issued, for `nonceLifetime` seconds (a
 * stale one gets a fresh challenge with `stale=true`). Pode accepts any nonce.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { AuthScheme, PostValidationFailure, SchemeReading } from './schemes.js';

/** The credentials of `digest()`. */
export interface DigestCredentials {
  /** The `username` field of the header. */
  username: string;
  /** Every field of the `Authorization: Digest …` header (`realm`, `nonce`, `uri`, `response`, …). */
  params: Record<string, string>;
}

/** Options of `digest()`. */
export interface DigestOptions {
  /** The realm of the challenge (part of the hashed secret). Default `'User'`. */
  realm?: string;
  /** The scheme word of the `Authorization` header. Default `'Digest'`. */
  headerTag?: string;
  /** How long an issued nonce is accepted, in seconds. Default 300. */
  nonceLifetime?: number;
}

const DIGEST_KEYS = optionKeys<DigestOptions>({
  realm: true,
  headerTag: true,
  nonceLifetime: true,
});

/**
 * HTTP Digest (`Authorization: Digest username="…", realm="…", nonce="…", uri="…", qop=auth,
 * nc=…, cnonce="…", response="…"`). Credentials: `{ username, params }`; the validator returns
 * `{ user, password }` and the scheme checks the hash. No header, a stale or foreign nonce, an
 * unknown user or a wrong hash → 401 with a fresh challenge; a header that cannot be parsed or
 * whose `uri` is not this request's → 400.
 */
export function digest(options: DigestOptions = {}): AuthScheme<DigestCredentials> {
  rejectUnknownKeys('digest()', options, DIGEST_KEYS);
  const tag = options.headerTag ?? 'Digest';
  if (typeof tag !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(tag)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `digest(): headerTag must be a single word, but got: ${JSON.stringify(tag)}`,
    );
  }
  const realm = options.realm ?? 'User';
  if (typeof realm !== 'string' || realm.length === 0 || /["\\\r\n]/.test(realm)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `digest(): realm must be a non-empty string without quotes or backslashes, but got: ${JSON.stringify(realm)}`,
    );
  }
  const lifetime = options.nonceLifetime ?? 300;
  if (typeof lifetime !== 'number' || !Number.isFinite(lifetime) || lifetime <= 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `digest(): nonceLifetime must be a positive number of seconds, but got: ${String(lifetime)}`,
    );
  }
  const key = randomBytes(32);
  const sign = (body: string): string =>
    createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
  const newNonce = (): string => {
    const body = `${Date.now().toString(36)}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${sign(body)}`;
  };
  /** 'ok', 'stale' (ours but too old) or 'bad' (not ours). */
  const nonceState = (nonce: string): 'ok' | 'stale' | 'bad' => {
    const parts = nonce.split('.');
    if (parts.length !== 3) return 'bad';
    const body = `${parts[0]}.${parts[1]}`;
    if (!sameText(sign(body), parts[2])) return 'bad';
    const issued = Number.parseInt(parts[0], 36);
    if (!Number.isFinite(issued)) return 'bad';
    return Date.now() - issued > lifetime * 1000 ? 'stale' : 'ok';
  };
  const challengeOf = (stale = false): string =>
    `${tag} realm="${realm}", qop="auth", algorithm="MD5", nonce="${newNonce()}"${stale ? ', stale=true' : ''}`;
  const refuse = (message: string, stale = false): PostValidationFailure => ({
    status: 401,
    message,
    headers: { 'WWW-Authenticate': challengeOf(stale) },
  });

  return {
    type: 'digest',
    // a fresh nonce for every 401 (read once per answer)
    get challenge() {
      return challengeOf();
    },
    read: (event): SchemeReading<DigestCredentials> => {
      const header = event.request.headers.authorization?.trim();
      if (header === undefined || header.length === 0) {
        return { kind: 'missing', status: 401, message: 'No Authorization header found.' };
      }
      const space = header.search(/\s/);
      const word = space === -1 ? header : header.slice(0, space);
      if (word.toLowerCase() !== tag.toLowerCase()) {
        return {
          kind: 'malformed',
          status: 401,
          message: `The Authorization header is not ${tag}.`,
        };
      }
      const params = parseDigestHeader(space === -1 ? '' : header.slice(space + 1));
      if (params === undefined || Object.keys(params).length === 0) {
        return { kind: 'malformed', status: 400, message: 'Invalid Authorization header.' };
      }
      if (params.username === undefined || params.username.trim() === '') {
        return {
          kind: 'malformed',
          status: 401,
          message: 'Authorization header is missing username.',
        };
      }
      const target = event.request.url ?? '';
      if (params.uri !== target && params.uri?.toLowerCase() !== event.path.toLowerCase()) {
        return {
          kind: 'malformed',
          status: 400,
          message: 'The digest uri is not the request target.',
        };
      }
      return { kind: 'credentials', credentials: { username: params.username, params } };
    },
    postValidate: (result, credentials, event) => {
      const password = (result as { password?: unknown }).password;
      if (typeof password !== 'string' || password.length === 0) {
        return refuse('User not found');
      }
      const { params } = credentials as DigestCredentials;
      const state = nonceState(params.nonce ?? '');
      if (state !== 'ok')
        return refuse('The nonce is stale or was not issued here', state === 'stale');
      if (params.algorithm !== undefined && params.algorithm.toUpperCase() !== 'MD5') {
        return refuse(`Unsupported digest algorithm: ${params.algorithm}`);
      }
      const ha1 = md5(`${params.username}:${params.realm ?? ''}:${password}`);
      const ha2 = md5(`${event.method.toUpperCase()}:${params.uri}`);
      const expected =
        params.qop === undefined
          ? md5(`${ha1}:${params.nonce}:${ha2}`)
          : md5(
              `${ha1}:${params.nonce}:${params.nc ?? ''}:${params.cnonce ?? ''}:${params.qop}:${ha2}`,
            );
      if (params.qop !== undefined && params.qop !== 'auth') {
        return refuse(`Unsupported qop: ${params.qop}`);
      }
      if (params.realm !== realm) return refuse('The realm does not match');
      if (!sameText(expected, (params.response ?? '').toLowerCase())) {
        return refuse('Hashes failed to match');
      }
      return undefined;
    },
  };
}

/**
 * @internal The fields of a Digest header: `name=value` or `name="value"` pairs separated by
 * commas (commas inside quotes kept). Undefined when it cannot be read.
 */
export function parseDigestHeader(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = Object.create(null);
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(,|$)/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    const value = match[2] === undefined ? match[3] : match[2].replace(/\\(.)/g, '$1');
    fields[match[1].toLowerCase()] = value;
    index = pattern.lastIndex;
    if (match[4] === '') break;
  }
  return fields;
}

function md5(value: string): string {
  return createHash('md5').update(value, 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
