/**
 * `e.session`: one session's id, data and lifetime, and the calls that save, remove, regenerate
 * and extend it. The data is copied from the stored record only when first read, so a request
 * that never touches it costs no copy and no comparison; at the end of the request the copy is
 * compared key by key with the record it came from.
 */
import type { ResolvedSessionData, StoredSessionData } from '../types.js';
import type { WebEvent } from '../web-event.js';
import { cloneData } from './clone.js';
import { isoDate } from './dates.js';

/** The session-wide operations a Session delegates to (the middleware implements them). */
export interface SessionPersistence {
  readonly duration: number;
  save(session: Session, force: boolean): void | Promise<void>;
  remove(session: Session): void | Promise<void>;
  regenerate(session: Session): void | Promise<void>;
  renew(session: Session, keep: readonly string[]): void | Promise<void>;
  resetExpiry(session: Session): void;
  signedId(session: Session): string;
}

/** Top-level changes of a session's data since it was loaded (or last saved). */
export interface SessionChange {
  set: Record<string, unknown>;
  unset: string[];
}

/** @internal One stored record's state during a request: where it came from and the working copy. */
export class RecordState {
  key: string;
  isNew: boolean;
  created: number;
  expires: number;
  /** A key this record never stores (a tab record's `auth`: the login lives in the browser record). */
  readonly omitKey: string | undefined;
  #source: StoredSessionData;
  #working: StoredSessionData | undefined;
  #createdIso: string | undefined;

  constructor(
    key: string,
    isNew: boolean,
    created: number,
    expires: number,
    source: StoredSessionData,
    omitKey?: string,
  ) {
    this.key = key;
    this.isNew = isNew;
    this.created = created;
    this.expires = expires;
    this.#source = source;
    this.omitKey = omitKey;
  }

  /** `created` as the ISO-8601 string records carry (kept from the record it was read from). */
  get createdIso(): string {
    this.#createdIso ??= isoDate(this.created);
    return this.#createdIso;
  }

  set createdIso(value: string) {
    this.#createdIso = value;
  }

  /** The working copy, made from the source on first use. */
  get data(): StoredSessionData {
    this.#working ??= cloneData(this.#source);
    return this.#working;
  }

  set data(value: StoredSessionData) {
    this.#working = value;
  }

  /** The data as it stands, without making a copy for it. */
  get current(): StoredSessionData {
    return this.#working ?? this.#source;
  }

  /** Whether the data holds nothing (to store). */
  get isEmpty(): boolean {
    for (const key in this.current) if (key !== this.omitKey) return false;
    return true;
  }

  /** The data as it is to be stored: the current data without the omitted key. */
  storable(): StoredSessionData {
    const current = this.current;
    const omit = this.omitKey;
    if (omit === undefined || !Object.hasOwn(current, omit)) return current;
    const { [omit]: _omitted, ...rest } = current;
    return rest as StoredSessionData;
  }

  /** The top-level changes since the source, or null when nothing changed. */
  changes(): SessionChange | null {
    const working = this.#working;
    if (working === undefined) return null;
    const source = this.#source;
    const omit = this.omitKey;
    let change: SessionChange | null = null;
    for (const key of Object.keys(working)) {
      if (key === omit) continue;
      const value = working[key];
      if (value === undefined) {
        if (Object.hasOwn(source, key)) (change ??= { set: {}, unset: [] }).unset.push(key);
      } else if (!Object.hasOwn(source, key) || !jsonEqual(source[key], value)) {
        (change ??= { set: {}, unset: [] }).set[key] = value;
      }
    }
    for (const key of Object.keys(source)) {
      if (key !== omit && !Object.hasOwn(working, key))
        (change ??= { set: {}, unset: [] }).unset.push(key);
    }
    return change;
  }

  /** A login's fresh start: a new key, creation time and expiry, and `data` as all the data. */
  restart(key: string, created: number, expires: number, data: StoredSessionData): void {
    this.key = key;
    this.isNew = true;
    this.created = created;
    this.#createdIso = undefined;
    this.expires = expires;
    this.#source = EMPTY;
    this.#working = data;
  }

  /** After a save: what was saved becomes the new source. */
  rebase(): void {
    if (this.#working !== undefined) this.#source = cloneData(this.#working);
  }
}

/** A request's session (`e.session`). */
export class Session {
  /** The session id (never log it: use a hash). */
  id: string;
  /** The cookie or header name. */
  readonly name: string;
  /** The tab id with `scope: 'tab'`, else undefined. */
  readonly tabId: string | undefined;
  /** @internal True once removed: the session is gone for the rest of the request. */
  removed = false;
  /** @internal Send the cookie/header on this response. */
  sendId = false;
  /** @internal The request this session belongs to. */
  event: WebEvent | undefined;
  /** @internal The signed value this session's id arrived in, when it was signed with the first secret. */
  verifiedSignedId: string | undefined;
  /** @internal The expiry was reset in this request: save at the end even without changes. */
  expiryMoved = false;
  /** @internal The record vanished from the store while this request ran: do not resurrect it. */
  gone = false;
  /** @internal Per-record states: the browser record, and the tab record with tab scope. */
  readonly browser: RecordState;
  /** @internal */
  readonly scoped: RecordState;
  /** @internal A store call of this session failed: nothing more is saved or sent on this request. */
  storeFailed = false;
  readonly #persistence: SessionPersistence;
  // With tab scope: whether the tab's working data holds the browser record's login yet.
  #authLinked = false;

  /** @internal */
  constructor(
    persistence: SessionPersistence,
    id: string,
    name: string,
    browser: RecordState,
    tab?: { id: string; state: RecordState },
  ) {
    this.#persistence = persistence;
    this.id = id;
    this.name = name;
    this.browser = browser;
    this.tabId = tab?.id;
    this.scoped = tab?.state ?? browser;
  }

  /**
   * The session data: a plain JSON-serialisable object, saved at the end of the request if it
   * changed. With tab scope it is the tab's data, and its `auth` (the login) is the browser's.
   */
  get data(): ResolvedSessionData {
    return this.storedData as ResolvedSessionData;
  }

  set data(value: ResolvedSessionData) {
    this.storedData = value as StoredSessionData;
  }

  /** @internal The session data as the framework handles it (any key). */
  get storedData(): StoredSessionData {
    const scoped = this.scoped;
    if (scoped === this.browser) return scoped.data;
    const data = scoped.data;
    if (!this.#authLinked) {
      this.#authLinked = true;
      const auth = this.browser.current.auth;
      if (auth === undefined) delete data.auth;
      else data.auth = this.browser.data.auth; // the same object: nested changes are shared
    }
    return data;
  }

  set storedData(value: StoredSessionData) {
    this.scoped.data = value;
    if (this.scoped !== this.browser) this.#authLinked = true;
  }

  /** When the session expires. */
  get expiry(): Date {
    return new Date(this.browser.expires);
  }

  /** Whether this session is new on this request (not loaded from the store). */
  get isNew(): boolean {
    return this.browser.isNew;
  }

  /** Saves the session now; without `force`, only when the data changed. */
  save(options?: { force?: boolean }): Promise<void> {
    return Promise.resolve(this.#persistence.save(this, options?.force === true));
  }

  /** Deletes the session from the store and tells the client to drop its cookie. */
  remove(): Promise<void> {
    return Promise.resolve(this.#persistence.remove(this));
  }

  /** Moves the data to a new id (sent at once) and deletes the old record. */
  regenerate(): Promise<void> {
    return Promise.resolve(this.#persistence.regenerate(this));
  }

  /**
   * @internal A login: a new id (sent at once), a new lifetime, and only the `keep` keys of the
   * data carried over; every stored record of the old id is deleted.
   */
  renew(keep: readonly string[]): Promise<void> {
    this.#authLinked = false;
    return Promise.resolve(this.#persistence.renew(this, keep));
  }

  /** Restarts the duration from now and re-sends the cookie/header. */
  resetExpiry(): Promise<void> {
    this.#persistence.resetExpiry(this);
    return Promise.resolve();
  }

  /** @internal The id in its signed form `s:<id>.<signature>` (strict-aware). */
  signedId(): string {
    return this.#persistence.signedId(this);
  }

  /** The session duration in seconds (0 for a browser-session cookie). */
  get duration(): number {
    return this.#persistence.duration;
  }

  /** @internal The login shared by every tab of the browser session. */
  get authData(): StoredSessionData['auth'] {
    this.syncSharedData();
    return this.browser.current.auth;
  }

  set authData(value: StoredSessionData['auth']) {
    if (value === undefined) delete this.browser.data.auth;
    else this.browser.data.auth = value;
    if (this.scoped !== this.browser && this.#authLinked) {
      const data = this.scoped.data;
      if (value === undefined) delete data.auth;
      else data.auth = value;
    }
  }

  /**
   * @internal With tab scope: carries a login set (or deleted) through the tab's `data.auth`
   * over to the browser record, which keeps it for every tab.
   */
  syncSharedData(): void {
    if (this.scoped === this.browser || !this.#authLinked) return;
    const auth = this.scoped.current.auth;
    const browser = this.browser;
    if (auth === browser.current.auth) return;
    if (auth !== undefined) browser.data.auth = auth;
    else if (Object.hasOwn(browser.current, 'auth')) delete browser.data.auth;
  }
}

const EMPTY: StoredSessionData = Object.freeze({}) as StoredSessionData;

/** Deep equality of JSON-like values (objects, arrays, primitives). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  for (const key of leftKeys) if (!jsonEqual(left[key], right[key])) return false;
  return true;
}
