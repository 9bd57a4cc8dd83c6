/**
 * How a session id travels: read from the `pode.sid` cookie (or request header in header mode),
 * verified against the secrets (strict-aware), and written back as a cookie or response header.
 */
import { serializeCookie } from '../cookies.js';
import { ErrorCodes, setupError } from '../errors.js';
import { hmac, safeEqual, signValue, strictKey, type Unsigned, unsignValue } from '../signing.js';
import type { WebEvent } from '../web-event.js';
import { ownString } from './clone.js';
import { httpDate } from './dates.js';
import type { SessionSettings } from './options.js';

/** How many ids' signatures (under the first secret) a generation remembers: a returning id costs no HMAC. */
const REMEMBERED_SIGNATURES = 10_000;

/** Reads and writes the signed session id of one server's sessions. */
export class IdTransport {
  readonly #settings: SessionSettings;
  /** The cookie attributes that never change (`; Path=/; HttpOnly; SameSite=Lax`), built once. */
  readonly #cookieAttributes: string;
  /**
   * id → its signature under the first secret (not in strict mode, whose key changes per client).
   * Only signatures we computed are kept, so a forged value never enters; a hit is still compared
   * in constant time.
   */
  #signatures = new Map<string, string>();
  /** The previous generation of remembered signatures (see #remember). */
  #previousSignatures = new Map<string, string>();
  /** `; Max-Age=…; Expires=…` and the constant attributes, for the Max-Age and Expires second it was made for. */
  #lifetime = { maxAge: -1, until: -1, text: '' };
  /** The Cache-Control value of a response that carries the id. */
  readonly #noSharedCaching: string;

  constructor(settings: SessionSettings) {
    this.#settings = settings;
    this.#cookieAttributes = constantCookieAttributes(settings);
    this.#noSharedCaching = `no-cache="${settings.useHeaders ? settings.name : 'Set-Cookie'}"`;
  }

  /** The signed id the request carries (cookie, or header in header mode), if any. */
  read(event: WebEvent): string | undefined {
    if (this.#settings.useHeaders) {
      const value = event.request.headers[this.#settings.headerName];
      return typeof value === 'string' ? value : undefined;
    }
    return event.cookies[this.#settings.name];
  }

  /** Verifies a signed id against the secrets (strict-aware): the id and the secret's index, or null. */
  verify(event: WebEvent, signed: string): Unsigned | null {
    if (this.#settings.strict) return detached(unsignValue(signed, this.verifyKeys(event)));
    const dot = signed.lastIndexOf('.');
    if (dot > 2 && signed.startsWith('s:')) {
      const value = signed.slice(2, dot);
      const known = this.#signatures.get(value) ?? this.#previousSignatures.get(value);
      if (known !== undefined && safeEqual(signed.slice(dot + 1), known)) {
        return { value: ownString(value), secretIndex: 0 };
      }
    }
    const unsigned = detached(unsignValue(signed, this.#settings.secrets));
    if (unsigned !== null && unsigned.secretIndex === 0) {
      this.#remember(unsigned.value, ownString(signed.slice(dot + 1)));
    }
    return unsigned;
  }

  /** Signs an id with the first secret (strict-aware) for the response. */
  sign(event: WebEvent | undefined, id: string): string {
    const secret = this.#settings.secrets[0];
    if (this.#settings.strict && event !== undefined) return signValue(id, event.strictKey(secret));
    // Not remembered here: most new ids never come back (bots, one-off visits), and those that
    // do are remembered when their first return is verified.
    const signature =
      this.#signatures.get(id) ?? this.#previousSignatures.get(id) ?? hmac(secret, id);
    return `s:${id}.${signature}`;
  }

  // Two generations: when the current one is full it becomes the previous one (the one before is
  // dropped whole). Evicting one by one from the head of a Map costs a walk over the holes that
  // deletions leave there, thousands per call.
  #remember(id: string, signature: string): void {
    if (this.#signatures.size >= REMEMBERED_SIGNATURES) {
      this.#previousSignatures = this.#signatures;
      this.#signatures = new Map();
    }
    this.#signatures.set(id, signature);
  }

  /** The keys a signed id may verify under: the secrets, or their strict keys for this client. */
  verifyKeys(event: WebEvent): readonly string[] {
    const secrets = this.#settings.secrets;
    if (!this.#settings.strict) return secrets;
    const userAgent = event.request.headers['user-agent'];
    const ip = event.remoteAddress;
    return secrets.map((secret) => strictKey(secret, userAgent, ip));
  }

  /** Sends the signed id: a cookie living until `expires` (with a duration), or a header. */
  write(event: WebEvent, signed: string, expires: number): void {
    const settings = this.#settings;
    if (settings.useHeaders) {
      event.response.setHeader(settings.name, signed);
      exposeHeader(event, settings.name);
      this.#noCaching(event);
      return;
    }
    let cookie = `${settings.name}=${signed}${settings.duration > 0 ? this.#lifetimeAttributes(expires) : this.#cookieAttributes}`;
    if (settings.secure === true || (settings.secure === 'auto' && event.isSecure)) {
      cookie += '; Secure';
    }
    event.setRawCookie(settings.name, cookie);
    this.#noCaching(event);
  }

  // `; Max-Age=…; Expires=…` then the constant attributes; the same text for every response of
  // one second with the same Max-Age (the usual case: a new or extended session).
  #lifetimeAttributes(expires: number): string {
    const now = Date.now();
    // Rounded up: the cookie never dies before the session it carries.
    const maxAge = Math.max(0, Math.ceil((expires - now) / 1000));
    const until = Math.floor(now / 1000) + maxAge; // the second Expires names
    const cached = this.#lifetime;
    if (cached.maxAge !== maxAge || cached.until !== until) {
      cached.maxAge = maxAge;
      cached.until = until;
      cached.text = `; Max-Age=${maxAge}; Expires=${httpDate(until * 1000)}${this.#cookieAttributes}`;
    }
    return cached.text;
  }

  // A response that hands out a session id must not be stored by a shared cache (OWASP): unless
  // the route chose its own Cache-Control, tell caches not to reuse the id's header.
  #noCaching(event: WebEvent): void {
    if (!event.response.hasHeader('Cache-Control')) {
      event.response.setHeader('Cache-Control', this.#noSharedCaching);
    }
  }

  /** After remove(): an expiring cookie (cookie mode); header mode has nothing to clear. */
  clear(event: WebEvent): void {
    const settings = this.#settings;
    if (settings.useHeaders) {
      event.response.removeHeader(settings.name);
      return;
    }
    event.setRawCookie(
      settings.name,
      serializeCookie(settings.name, '', {
        maxAge: 0,
        expires: new Date(0),
        httpOnly: settings.httpOnly,
        secure: settings.secure === 'auto' ? event.isSecure : settings.secure,
        sameSite: settings.sameSite,
        path: settings.path,
        domain: settings.domain,
      }),
    );
  }

  /** After a failed save: the response must not carry a session id. */
  withdraw(event: WebEvent): void {
    if (this.#settings.useHeaders) event.response.removeHeader(this.#settings.name);
    else event.dropCookie(this.#settings.name);
  }
}

function detached(unsigned: Unsigned | null): Unsigned | null {
  if (unsigned !== null) unsigned.value = ownString(unsigned.value);
  return unsigned;
}

// The attributes of the session cookie that are the same on every response, serialised (and so
// validated) once by the cookie package; Max-Age, Expires and Secure are added per response.
function constantCookieAttributes(settings: SessionSettings): string {
  try {
    const line = serializeCookie(settings.name, 'x', {
      httpOnly: settings.httpOnly,
      sameSite: settings.sameSite,
      path: settings.path,
      domain: settings.domain,
    });
    return line.slice(`${settings.name}=x`.length);
  } catch (error) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `The session cookie options cannot be used: ${(error as Error).message}`,
      'Check the path and domain options: plain cookie attribute values without ; or spaces.',
    );
  }
}

// Adds `name` to Access-Control-Expose-Headers, keeping the names the route listed there.
function exposeHeader(event: WebEvent, name: string): void {
  const current = event.response.getHeader('Access-Control-Expose-Headers');
  const listed = current === undefined ? '' : String(current);
  const names = listed.split(',').map((part) => part.trim().toLowerCase());
  if (names.includes(name.toLowerCase())) return;
  event.response.setHeader(
    'Access-Control-Expose-Headers',
    listed.trim() === '' ? name : `${listed}, ${name}`,
  );
}
