/**
 * JSON Web Tokens (Pode's `-AsJWT`, `ConvertTo-PodeJwt`, `ConvertFrom-PodeJwt`, `Test-PodeJwt`)
 * on the `jose` library, loaded on first use: a server without JWT never loads it. Signatures are
 * always made and checked by jose; `alg: none` is refused unless `allowNone` is given.
 */
import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { ErrorCodes, JwtError, setupError } from '../errors.js';

/** The claims of a JWT (`exp`, `nbf`, `iss`, `aud`, … and your own). */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: unknown;
}

/** The header of a JWT (`alg`, `typ`, `kid`, …). */
export interface JwtHeader {
  alg: string;
  typ?: string;
  kid?: string;
  [parameter: string]: unknown;
}

/** The credentials of `bearer({ asJwt: true })` and `apiKey({ asJwt: true })`: the verified token. */
export interface JwtCredentials {
  /** The token as sent. */
  token: string;
  /** Its verified claims: what Pode hands its validator. */
  payload: JwtPayload;
  header: JwtHeader;
}

/** How a JWT scheme verifies tokens (the `-AsJWT` options of `bearer()` and `apiKey()`). */
export interface JwtVerifyOptions {
  /** The shared secret of HS256/384/512 tokens (`-Secret`). */
  secret?: string | Uint8Array;
  /** The public key (PEM SPKI) or X.509 certificate (PEM) of RS/PS/ES/EdDSA tokens. */
  publicKey?: string | KeyObject;
  /** The algorithms accepted. Default: HS256/384/512 with `secret`, those of the key type with `publicKey`. */
  algorithms?: readonly string[];
  /** Accept unsigned tokens (`alg: none`). Never by default. */
  allowNone?: boolean;
  /** The `iss` the tokens must carry (one of, for an array). */
  issuer?: string | readonly string[];
  /** The `aud` the tokens must carry (one of, for an array). */
  audience?: string | readonly string[];
  /** Seconds of clock difference tolerated for `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
}

/** The keys of {@link JwtVerifyOptions}, for the option-key checks of the schemes. */
export const JWT_VERIFY_KEYS: Record<keyof JwtVerifyOptions, true> = {
  secret: true,
  publicKey: true,
  algorithms: true,
  allowNone: true,
  issuer: true,
  audience: true,
  clockTolerance: true,
};

/** Options of `convertToJwt`. */
export interface ConvertToJwtOptions {
  /** The secret of an HS algorithm. */
  secret?: string | Uint8Array;
  /** The private key (PEM PKCS#8, or a KeyObject) of an RS/PS/ES/EdDSA algorithm. */
  privateKey?: string | KeyObject;
}

/** Options of `convertFromJwt`. */
export interface ConvertFromJwtOptions
  extends Omit<JwtVerifyOptions, 'issuer' | 'audience' | 'clockTolerance'> {
  /** Return the payload without checking the signature (`-IgnoreSignature`). */
  ignoreSignature?: boolean;
}

/** Options of `testJwt`. */
export interface TestJwtOptions {
  issuer?: string | readonly string[];
  audience?: string | readonly string[];
  /** Seconds of clock difference tolerated. Default 0. */
  clockTolerance?: number;
}

type Jose = typeof import('jose');
let jose: Promise<Jose> | undefined;

/** jose, imported once, on first use. */
function loadJose(): Promise<Jose> {
  jose ??= import('jose');
  return jose;
}

/** @internal A compiled verifier: the token's header and claims, or a JwtError saying why not. */
export type JwtVerifier = (token: string) => Promise<JwtCredentials>;

/** @internal Checks the JWT options of a scheme at set-up and returns its verifier. */
export function compileJwtVerifier(where: string, options: JwtVerifyOptions): JwtVerifier {
  const key = verificationKey(where, options);
  const algorithms = allowedAlgorithms(where, options, key);
  const claims = {
    issuer: checkNames(where, 'issuer', options.issuer),
    audience: checkNames(where, 'audience', options.audience),
    clockTolerance: checkTolerance(where, options.clockTolerance),
  };
  return async (token) => {
    const { jwtVerify, UnsecuredJWT, decodeProtectedHeader } = await loadJose();
    const header = readHeader(decodeProtectedHeader, token);
    try {
      if (header.alg === 'none') {
        if (!algorithms.includes('none'))
          throw new JwtError('Unsigned JWTs (alg none) are not accepted.');
        const { payload } = UnsecuredJWT.decode(token, claims);
        return { token, payload: payload as JwtPayload, header };
      }
      if (key === undefined) throw new JwtError(`The JWT algorithm ${header.alg} is not accepted.`);
      const signed = algorithms.filter((alg) => alg !== 'none');
      const { payload } = await jwtVerify(token, key, { ...claims, algorithms: signed });
      return { token, payload: payload as JwtPayload, header };
    } catch (error) {
      throw asJwtError(error);
    }
  };
}

/**
 * Makes a JWT (`ConvertTo-PodeJwt`): `header.alg` says how it is signed (`HS256` with `secret`,
 * `RS256`/`ES256`/… with `privateKey`, `none` unsigned). Resolves to the compact token.
 */
export async function convertToJwt(
  header: Partial<JwtHeader>,
  payload: JwtPayload,
  options: ConvertToJwtOptions = {},
): Promise<string> {
  const alg = typeof header?.alg === 'string' ? normaliseAlg(header.alg) : '';
  if (alg === '') {
    throw new JwtError('No algorithm supplied in JWT Header.');
  }
  const { SignJWT, UnsecuredJWT } = await loadJose();
  if (alg === 'none') {
    if (options.secret !== undefined || options.privateKey !== undefined) {
      throw new JwtError(
        'Expected no JWT signature to be supplied: alg is none but a key was given.',
      );
    }
    return new UnsecuredJWT(payload).encode();
  }
  let key: KeyObject;
  if (alg.startsWith('HS')) {
    if (options.secret === undefined)
      throw new JwtError(`A secret is required to sign a ${alg} JWT.`);
    key = createSecretKey(secretBytes(options.secret));
  } else {
    if (options.privateKey === undefined) {
      throw new JwtError(`A private key is required to sign a ${alg} JWT.`);
    }
    key =
      typeof options.privateKey === 'string'
        ? createPrivateKey(options.privateKey)
        : options.privateKey;
  }
  try {
    return await new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(key);
  } catch (error) {
    throw asJwtError(error);
  }
}

/**
 * Reads a JWT's payload (`ConvertFrom-PodeJwt`), verifying its signature with `secret` or
 * `publicKey` (claims such as `exp` are `testJwt`'s job, as in Pode). `ignoreSignature` only
 * decodes. Rejects with a {@link JwtError} for a malformed, unsigned or tampered token.
 */
export async function convertFromJwt(
  token: string,
  options: ConvertFromJwtOptions = {},
): Promise<JwtPayload> {
  const { compactVerify, decodeJwt, decodeProtectedHeader } = await loadJose();
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    throw new JwtError('Invalid JWT supplied.');
  }
  const header = readHeader(decodeProtectedHeader, token);
  if (options.ignoreSignature === true) return decodePayload(decodeJwt, token);
  if (header.alg === 'none') {
    if (options.allowNone !== true)
      throw new JwtError('Unsigned JWTs (alg none) are not accepted.');
    if (token.split('.')[2] !== '') throw new JwtError('Expected no JWT signature to be supplied.');
    return decodePayload(decodeJwt, token);
  }
  const where = 'convertFromJwt()';
  const key = verificationKey(where, { ...options, allowNone: false }, true);
  if (key === undefined)
    throw new JwtError(`A secret or public key is required to verify a ${header.alg} JWT.`);
  const algorithms = allowedAlgorithms(where, { ...options, allowNone: false }, key);
  try {
    const { payload } = await compactVerify(token, key, { algorithms });
    return JSON.parse(new TextDecoder().decode(payload)) as JwtPayload;
  } catch (error) {
    throw asJwtError(error);
  }
}

/**
 * Checks a JWT's claims (`Test-PodeJwt`): throws a {@link JwtError} when `exp` has passed, `nbf`
 * is still to come, or `iss`/`aud` are not the ones given.
 */
export function testJwt(payload: JwtPayload, options: TestJwtOptions = {}): void {
  if (payload === null || typeof payload !== 'object')
    throw new JwtError('Invalid JWT payload supplied.');
  const now = Math.floor(Date.now() / 1000);
  const tolerance = options.clockTolerance ?? 0;
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') throw new JwtError('The JWT exp claim is not a number.');
    if (now - tolerance >= payload.exp) throw new JwtError('The JWT has expired.');
  }
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw new JwtError('The JWT nbf claim is not a number.');
    if (now + tolerance < payload.nbf) throw new JwtError('The JWT is not yet valid for use.');
  }
  if (options.issuer !== undefined) {
    const issuers = typeof options.issuer === 'string' ? [options.issuer] : options.issuer;
    if (typeof payload.iss !== 'string' || !issuers.includes(payload.iss)) {
      throw new JwtError('The JWT issuer (iss) is not accepted.');
    }
  }
  if (options.audience !== undefined) {
    const wanted = typeof options.audience === 'string' ? [options.audience] : options.audience;
    const audience = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
    if (!Array.isArray(audience) || !audience.some((aud) => wanted.includes(aud))) {
      throw new JwtError('The JWT audience (aud) is not accepted.');
    }
  }
}

const HMAC = ['HS256', 'HS384', 'HS512'];
const BY_KEY_TYPE: Record<string, readonly string[]> = {
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'rsa-pss': ['PS256', 'PS384', 'PS512'],
  ec: ['ES256', 'ES384', 'ES512'],
  ed25519: ['EdDSA', 'Ed25519'],
  ed448: ['EdDSA'],
};

function verificationKey(
  where: string,
  options: JwtVerifyOptions,
  atRequest = false,
): KeyObject | undefined {
  const fail = (message: string, hint?: string): never => {
    throw atRequest ? new JwtError(message) : setupError(ErrorCodes.BAD_OPTION, message, hint);
  };
  const { secret, publicKey } = options;
  if (secret !== undefined && publicKey !== undefined) {
    fail(`${where}: give a secret or a publicKey, not both.`);
  }
  if (secret !== undefined) {
    if (!(typeof secret === 'string' || secret instanceof Uint8Array) || secret.length === 0) {
      fail(`${where}: secret must be a non-empty string or Uint8Array.`);
    }
    return createSecretKey(secretBytes(secret));
  }
  if (publicKey !== undefined) {
    try {
      // A PEM public key or X.509 certificate (node reads both), or a KeyObject.
      const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
      if (key.type !== 'public')
        fail(`${where}: publicKey must be a public key, not a ${key.type} key.`);
      return key;
    } catch (error) {
      if (error instanceof JwtError || (error as { code?: string }).code === ErrorCodes.BAD_OPTION)
        throw error;
      return fail(
        `${where}: publicKey is not a PEM public key or certificate: ${(error as Error).message}`,
        'Pass the PEM text (-----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE-----).',
      );
    }
  }
  if (options.allowNone !== true && !atRequest) {
    fail(
      `${where}: a JWT scheme needs a secret (HS256/384/512) or a publicKey (RS/PS/ES/EdDSA).`,
      "Pass { asJwt: true, secret: '…' }, or allowNone: true to accept unsigned tokens on purpose.",
    );
  }
  return undefined;
}

function allowedAlgorithms(
  where: string,
  options: JwtVerifyOptions,
  key: KeyObject | undefined,
): string[] {
  const natural =
    key === undefined
      ? []
      : key.type === 'secret'
        ? HMAC
        : (BY_KEY_TYPE[key.asymmetricKeyType ?? ''] ?? []);
  let algorithms: string[];
  if (options.algorithms === undefined) {
    algorithms = [...natural];
  } else {
    if (
      !Array.isArray(options.algorithms) ||
      options.algorithms.some((alg) => typeof alg !== 'string')
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: algorithms must be an array of names such as 'HS256'.`,
      );
    }
    algorithms = options.algorithms.map(normaliseAlg);
    const wrong = algorithms.find((alg) => alg !== 'none' && !natural.includes(alg));
    if (wrong !== undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: algorithm ${wrong} does not fit the key given (${key === undefined ? 'none' : (key.asymmetricKeyType ?? 'secret')}).`,
        `With this key: ${natural.join(', ') || 'none'}.`,
      );
    }
    if (algorithms.includes('none') && options.allowNone !== true) {
      throw setupError(ErrorCodes.BAD_OPTION, `${where}: algorithm none needs allowNone: true.`);
    }
  }
  if (options.allowNone === true && !algorithms.includes('none')) algorithms.push('none');
  return algorithms;
}

function readHeader(decode: Jose['decodeProtectedHeader'], token: string): JwtHeader {
  let header: Record<string, unknown>;
  try {
    header = decode(token) as Record<string, unknown>;
  } catch {
    throw new JwtError('Invalid JWT supplied.');
  }
  if (typeof header.alg !== 'string' || header.alg.length === 0) {
    throw new JwtError('Invalid JWT header algorithm supplied.');
  }
  return header as JwtHeader;
}

function decodePayload(decode: Jose['decodeJwt'], token: string): JwtPayload {
  try {
    return decode(token) as JwtPayload;
  } catch {
    throw new JwtError('Invalid JWT supplied.');
  }
}

// jose's errors as JwtErrors with Pode's messages; anything else is passed on.
function asJwtError(error: unknown): Error {
  if (error instanceof JwtError) return error;
  const code = (error as { code?: string })?.code;
  const claim = (error as { claim?: string })?.claim;
  const messages: Record<string, string> = {
    ERR_JWT_EXPIRED: 'The JWT has expired.',
    ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'Invalid JWT signature supplied.',
    ERR_JOSE_ALG_NOT_ALLOWED: 'The JWT algorithm is not accepted.',
    ERR_JWS_INVALID: 'Invalid JWT supplied.',
    ERR_JWT_INVALID: 'Invalid JWT supplied.',
  };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const byClaim: Record<string, string> = {
      nbf: 'The JWT is not yet valid for use.',
      iss: 'The JWT issuer (iss) is not accepted.',
      aud: 'The JWT audience (aud) is not accepted.',
    };
    return new JwtError(
      byClaim[claim ?? ''] ?? `The JWT ${claim ?? ''} claim is not valid.`,
      error,
    );
  }
  if (code !== undefined && messages[code] !== undefined)
    return new JwtError(messages[code], error);
  if (error instanceof TypeError)
    return new JwtError('The JWT key does not fit its algorithm.', error);
  if (typeof code === 'string' && code.startsWith('ERR_J'))
    return new JwtError('Invalid JWT supplied.', error);
  return error as Error;
}

function normaliseAlg(alg: string): string {
  if (alg.toLowerCase() === 'none') return 'none';
  if (alg.toLowerCase() === 'eddsa') return 'EdDSA';
  if (alg.toLowerCase() === 'ed25519') return 'Ed25519';
  return alg.toUpperCase();
}

function secretBytes(secret: string | Uint8Array): Uint8Array {
  return typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
}

function checkNames(where: string, key: string, value: unknown): string | string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length > 0) return value;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return [...value];
  }
  throw setupError(
    ErrorCodes.BAD_OPTION,
    `${where}: ${key} must be a string or an array of strings.`,
  );
}

function checkTolerance(where: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: clockTolerance must be a number of seconds (0 or more).`,
    );
  }
  return value;
}
