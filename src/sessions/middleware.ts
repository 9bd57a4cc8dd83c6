import { ErrorCodes, PodeError, SessionDataError, SessionStoreError } from '../errors.js';
import { hashId } from '../logging.js';
import type { Middleware } from '../pipeline.js';
import type { StoredSessionData } from '../types.js';
import { kSession, type WebEvent } from '../web-event.js';
import { checkStorable, cloneData, ownString } from './clone.js';
import { isoDate } from './dates.js';
import { kPeek, kUpdate, kWrite, MemoryStore } from './memory-store.js';
import {
  BROWSER_SESSION_SECONDS,
  defaultSessionId,
  resolveSessionOptions,
  type SessionContext,
  type SessionOptions,
  type SessionSettings,
} from './options.js';
import { RecordState, Session, type SessionChange, type SessionPersistence } from './session.js';
import {
  chain,
  guardStoreCall,
  guardTimeout,
  isPromise,
  isUsableRecord,
  type SessionRecord,
} from './store.js';
import { IdTransport } from './transport.js';

export type { SessionOptions } from './options.js';

/** The name of the inbuilt session middleware (a user middleware of this name replaces it). */
export const SESSIONS = '__pode_mw_sessions__';

/** The request header that names the browser tab with `scope: 'tab'`. */
export const TAB_HEADER = 'x-pode-session-tab-id';

const ID_PATTERN = /^[A-Za-z0-9_.~-]{1,256}$/;

/** A record loaded for a request, with its times as numbers. */
interface Loaded {
  data: StoredSessionData;
  expiresAt: number;
  createdAt: number;
  /** The record's own `created` string, when it is not simply createdAt's ISO form. */
  createdIso: string | undefined;
}
const EMPTY_SOURCE: StoredSessionData = Object.freeze({}) as StoredSessionData;
const NO_CHANGE: SessionChange = Object.freeze({ set: {}, unset: [] }) as SessionChange;

/** What the server keeps of the session set-up. */
export interface SessionSetup {
  middleware: Middleware;
  settings: SessionSettings;
  /** Closes the store (its `close()`, when it has one: the memory store stops its timer; RedisStore never quits the client). */
  close(): Promise<void>;
}

/** Validates the options and builds the middleware; throws the SPEC's set-up errors. */
export function createSessionSetup(options: SessionOptions, context: SessionContext): SessionSetup {
  const settings = resolveSessionOptions(options, context);
  const manager = new SessionManager(settings);
  return {
    middleware: (event) => manager.load(event),
    settings,
    close: async () => {
      await settings.store.close?.();
    },
  };
}

class SessionManager implements SessionPersistence {
  readonly duration: number;
  readonly #settings: SessionSettings;
  readonly #finish: (event: WebEvent) => void | Promise<void>;
  readonly #transport: IdTransport;
  /** The store when it is the memory store: read and written directly, without guard or record. */
  readonly #memory: MemoryStore | undefined;
  /** Ids come from the default generator: always valid, so only copied into a flat string. */
  readonly #trustedIds: boolean;
  /** The guard's timer around a store call; none when the store bounds its calls as tightly. */
  readonly #guardTimeoutMs: number | undefined;

  constructor(settings: SessionSettings) {
    this.#settings = settings;
    this.#transport = new IdTransport(settings);
    this.duration = settings.duration;
    this.#memory = settings.store instanceof MemoryStore ? settings.store : undefined;
    this.#trustedIds = settings.generator === defaultSessionId;
    this.#guardTimeoutMs = guardTimeout(settings.store, settings.storeTimeoutMs);
    this.#finish = (event) => this.#finishRequest(event);
  }

  /** The middleware: attach the request's session (loaded or new). */
  load(event: WebEvent): void | Promise<void> {
    const signed = this.#transport.read(event);
    const unsigned = signed === undefined ? null : this.#transport.verify(event, signed);
    if (unsigned === null || !ID_PATTERN.test(unsigned.value)) return this.#startNew(event);
    const id = unsigned.value;
    const resign = unsigned.secretIndex > 0;
    // Signed with the first secret under this request's key: the same id re-signs to this very value.
    const reusable = resign ? undefined : signed;
    return chain(this.#read(id), (loaded) => this.#resume(event, id, loaded, resign, reusable));
  }

  #resume(
    event: WebEvent,
    id: string,
    loaded: Loaded | null,
    resign: boolean,
    signed?: string,
  ): void | Promise<void> {
    const now = Date.now();
    if (loaded === null || this.#isExpired(loaded, now)) {
      if (loaded !== null) this.#forget(id);
      return this.#startNew(event);
    }
    const browser = new RecordState(id, false, loaded.createdAt, loaded.expiresAt, loaded.data);
    if (loaded.createdIso !== undefined) browser.createdIso = loaded.createdIso;
    const tabId = this.#tabId(event);
    if (tabId === undefined) {
      this.#attach(event, new Session(this, id, this.#settings.name, browser), resign, signed);
      return;
    }
    const tabKey = tabKeyOf(id, tabId);
    return chain(this.#read(tabKey), (tab) => {
      const state =
        tab !== null && !this.#isExpired(tab, now)
          ? new RecordState(tabKey, false, browser.created, browser.expires, tab.data, 'auth')
          : new RecordState(tabKey, true, browser.created, browser.expires, EMPTY_SOURCE, 'auth');
      const session = new Session(this, id, this.#settings.name, browser, { id: tabId, state });
      this.#attach(event, session, resign, signed);
    });
  }

  #startNew(event: WebEvent): void | Promise<void> {
    return chain(this.#settings.generator(), (generated) => {
      const id = this.#acceptId(generated);
      const now = Date.now();
      const browser = new RecordState(id, true, now, this.#expiryFor(now, now), EMPTY_SOURCE);
      const tabId = this.#tabId(event);
      const tab =
        tabId === undefined
          ? undefined
          : {
              id: tabId,
              state: new RecordState(
                tabKeyOf(id, tabId),
                true,
                now,
                browser.expires,
                EMPTY_SOURCE,
                'auth',
              ),
            };
      const session = new Session(this, id, this.#settings.name, browser, tab);
      session.sendId = true;
      this.#attach(event, session, false);
    });
  }

  #attach(event: WebEvent, session: Session, resign: boolean, signed?: string): void {
    if (resign) session.sendId = true;
    session.verifiedSignedId = signed;
    // Sliding expiry: the request already sees the expiry its response will carry.
    if (this.#settings.extend && !session.isNew) this.#moveExpiry(session);
    session.event = event;
    event[kSession] = session;
    event.onEnd(this.#finish);
  }

  // The onEnd callback: extend, save if needed, then send the id (only once the save succeeded).
  #finishRequest(event: WebEvent): void | Promise<void> {
    const session = event[kSession];
    if (session === undefined || session.removed) return;
    if (session.storeFailed) {
      this.#transport.withdraw(event);
      return;
    }
    const extending = this.#settings.extend;
    if (extending) {
      this.#moveExpiry(session);
      session.sendId = true;
    }
    let saved: void | Promise<void>;
    try {
      saved = this.#failing(session, () =>
        this.#saveAll(session, false, extending || session.expiryMoved, true),
      );
    } catch (error) {
      throw saveError(error);
    }
    if (isPromise(saved)) {
      return saved.then(
        () => this.#sendIdIfDue(event, session),
        (error: unknown) => {
          throw saveError(error);
        },
      );
    }
    this.#sendIdIfDue(event, session);
  }

  /** Saves now: new sessions only with data (or `force`); stored ones when changed, extended or forced. */
  save(session: Session, force: boolean): void | Promise<void> {
    if (session.removed) return;
    return this.#failing(session, () =>
      this.#saveAll(session, force, force || session.expiryMoved),
    );
  }

  remove(session: Session): void | Promise<void> {
    if (session.removed) return;
    session.removed = true;
    const event = session.event;
    const clear = () => {
      if (event !== undefined) this.#transport.clear(event);
    };
    if (session.browser.isNew) return clear();
    // The expiring cookie goes out only once the records are gone: a failed delete sends none.
    return this.#failing(session, () => chain(this.#deleteAll(session), clear));
  }

  /**
   * A login: the session starts afresh under a new id (sent at once). Only the `keep` keys of its
   * data carry over; every stored record of the old id (the browser one and each tab's) is deleted.
   */
  renew(session: Session, keep: readonly string[]): void | Promise<void> {
    if (session.removed) return;
    return this.#failing(session, () =>
      chain(this.#settings.generator(), (generated) => {
        const newId = this.#acceptId(generated);
        const deleting = session.browser.isNew ? undefined : this.#deleteAll(session);
        return chain(deleting, () => {
          const now = Date.now();
          const expires = this.#expiryFor(now, now);
          restart(session.browser, newId, now, expires, keep);
          if (session.scoped !== session.browser && session.tabId !== undefined) {
            restart(session.scoped, tabKeyOf(newId, session.tabId), now, expires, keep);
          }
          session.id = newId;
          session.gone = false;
          session.sendId = true;
          const event = session.event;
          if (event !== undefined) this.#transport.write(event, this.signedId(session), expires);
        });
      }),
    );
  }

  // Deletes a stored session's browser record, then every tab record of it.
  #deleteAll(session: Session): void | Promise<void> {
    const parent = session.browser.key;
    return chain(this.#tabKeys(session), (tabKeys) =>
      chain(this.#delete(parent), () => allOf(tabKeys.map((key) => this.#delete(key)))),
    );
  }

  // The keys of a stored session's tab records: all of them when the store can list them, else
  // the requesting tab's (the others are never read again: their keys name the old id).
  #tabKeys(session: Session): string[] | Promise<string[]> {
    if (!this.#settings.tabScope) return [];
    const own =
      session.scoped !== session.browser && !session.scoped.isNew ? session.scoped.key : undefined;
    return chain(this.#children(session.browser.key), (listed) => {
      const keys = listed === null ? [] : [...listed];
      if (own !== undefined && !keys.includes(own)) keys.push(own);
      return keys;
    });
  }

  // A store's list of a session's tab records; null when it has none to give.
  #children(parent: string): readonly string[] | null | Promise<readonly string[] | null> {
    const store = this.#settings.store;
    if (store.children === undefined) return null;
    return chain(
      this.#guard('children', parent, () => store.children!(parent)),
      (listed) => (Array.isArray(listed) ? (listed as readonly string[]) : null),
    );
  }

  // Moves the tab records other than the requesting tab's to a regenerated id (that one moves
  // with the request): each is written under the new id, then deleted under the old.
  #moveTabs(oldParent: string, newParent: string, skip: string): void | Promise<void> {
    if (!this.#settings.tabScope) return;
    const prefix = `${oldParent}:tab:`;
    return chain(this.#children(oldParent), (listed) => {
      if (listed === null) return;
      const moves = listed
        .filter((key) => key !== skip && key.startsWith(prefix))
        .map((key) =>
          chain(this.#get(key), (record) => {
            if (!isUsableRecord(record)) return this.#delete(key);
            const newKey = tabKeyOf(newParent, key.slice(prefix.length));
            const metadata = { ...record.metadata, parent: newParent };
            const moved: SessionRecord = { version: 1, metadata, data: record.data };
            return chain(this.#set(newKey, moved, new Date(metadata.expires)), () =>
              this.#delete(key),
            );
          }),
        );
      return allOf(moves);
    });
  }

  // After a new tab record is stored: past `maxTabs` records, the ones saved longest ago go.
  #capTabs(parent: string, current: string): void | Promise<void> {
    return chain(this.#children(parent), (listed) => {
      if (listed === null) return;
      const excess = listed.length - this.#settings.maxTabs;
      if (excess <= 0) return;
      const dropped = listed.filter((key) => key !== current).slice(0, excess);
      return allOf(dropped.map((key) => this.#delete(key)));
    });
  }

  regenerate(session: Session): void | Promise<void> {
    if (session.removed) return;
    return this.#failing(session, () =>
      chain(this.#settings.generator(), (generated) => {
        const newId = this.#acceptId(generated);
        session.syncSharedData();
        const oldBrowserKey = session.browser.key;
        const oldScopedKey = session.scoped.key;
        const wasStored = !session.browser.isNew;
        const tabWasStored = session.scoped !== session.browser && !session.scoped.isNew;
        session.id = newId;
        session.browser.key = newId;
        if (session.tabId !== undefined) session.scoped.key = tabKeyOf(newId, session.tabId);
        session.sendId = true;
        const event = session.event;
        const sendNow = () => {
          if (event !== undefined)
            this.#transport.write(event, this.signedId(session), session.browser.expires);
        };
        if (!wasStored) return sendNow();
        // Move the data to the new id (the old record goes), then carry on as a stored session;
        // the new id is sent once it is stored.
        const writes: (void | Promise<void>)[] = [this.#writeFull(session.browser)];
        if (tabWasStored) writes.push(this.#writeFull(session.scoped, newId));
        return chain(allOf(writes), () =>
          chain(this.#moveTabs(oldBrowserKey, newId, oldScopedKey), () =>
            chain(this.#delete(oldBrowserKey), () =>
              chain(tabWasStored ? this.#delete(oldScopedKey) : undefined, sendNow),
            ),
          ),
        );
      }),
    );
  }

  // Runs a session operation; when it fails the session stops saving and sending its id on this request.
  #failing(session: Session, operation: () => void | Promise<void>): void | Promise<void> {
    const fail = (error: unknown): never => {
      session.storeFailed = true;
      const event = session.event;
      if (event !== undefined) this.#transport.withdraw(event);
      throw error;
    };
    let result: void | Promise<void>;
    try {
      result = operation();
    } catch (error) {
      return fail(error);
    }
    return isPromise(result) ? result.then(undefined, fail) : result;
  }

  resetExpiry(session: Session): void {
    this.#moveExpiry(session);
    session.expiryMoved = true;
    session.sendId = true;
  }

  // `final`: the end-of-request save, after which the data is not compared again (no rebase copy).
  #saveAll(
    session: Session,
    force: boolean,
    refresh: boolean,
    final = false,
  ): void | Promise<void> {
    const browser = session.browser;
    const scoped = session.scoped;
    session.syncSharedData();
    if (scoped === browser) {
      return chain(this.#saveRecord(browser, force, refresh, final), (kept) => {
        if (!kept) session.gone = true;
      });
    }
    // A tab record needs its browser record: store the browser one too when the tab one is first
    // stored; and with duration 0 a tab change keeps the browser record alive as well.
    const parentNeeded = browser.isNew && scoped.isNew && !scoped.isEmpty;
    const tabActive =
      this.duration === 0 &&
      !browser.isNew &&
      (scoped.isNew ? !scoped.isEmpty : scoped.changes() !== null);
    return chain(
      this.#saveRecord(browser, force || parentNeeded, refresh || tabActive, final),
      (kept) => {
        if (!kept) {
          session.gone = true;
          return;
        }
        const firstWrite = scoped.isNew && (force || !scoped.isEmpty);
        return chain(this.#saveRecord(scoped, force, refresh, final, browser.key), (tabKept) => {
          // The tab record went: start it again next time.
          if (!tabKept) scoped.isNew = true;
          else if (firstWrite) return this.#capTabs(browser.key, scoped.key);
        });
      },
    );
  }

  // Returns false when a stored record is gone from the store (it is then left gone).
  #saveRecord(
    state: RecordState,
    force: boolean,
    refresh: boolean,
    final: boolean,
    parent?: string,
  ): boolean | Promise<boolean> {
    if (state.isNew) {
      if (!force && state.isEmpty) return true;
      return chain(this.#writeFull(state, parent, final), () => true);
    }
    const change = state.changes();
    if (change === null && !force && !refresh) return true;
    if (this.duration === 0) state.expires = this.#expiryFor(state.created, Date.now());
    if (this.#memory !== undefined) {
      let kept: boolean;
      try {
        kept =
          this.#memory[kUpdate](state.key, change ?? NO_CHANGE, state.expires, parent) !== null;
      } catch (error) {
        throw memoryFailure('update', state.key, error);
      }
      if (kept && !final) state.rebase();
      return kept;
    }
    if (change !== null) checkChange(change);
    const store = this.#settings.store;
    const metadata = metadataOf(state, parent);
    const expiry = new Date(state.expires);
    const applied =
      store.update !== undefined
        ? this.#guard('update', state.key, () =>
            store.update!(state.key, change ?? NO_CHANGE, metadata, expiry),
          )
        : chain(this.#get(state.key), (current) => {
            if (!isUsableRecord(current)) return false;
            const data = applyChange(current.data, change ?? NO_CHANGE);
            return chain(this.#set(state.key, { version: 1, metadata, data }, expiry), () => true);
          });
    return chain(applied, (kept) => {
      if (kept && !final) state.rebase();
      return kept;
    });
  }

  #writeFull(state: RecordState, parent?: string, final = false): void | Promise<void> {
    if (this.#memory !== undefined) {
      try {
        this.#memory[kWrite](state.key, state.storable(), state.expires, state.created, parent);
      } catch (error) {
        throw memoryFailure('set', state.key, error);
      }
      state.isNew = false;
      if (!final) state.rebase();
      return;
    }
    const data = state.storable();
    checkStorable(data);
    const record: SessionRecord = { version: 1, metadata: metadataOf(state, parent), data };
    return chain(this.#set(state.key, record, new Date(state.expires)), () => {
      state.isNew = false;
      if (!final) state.rebase();
    });
  }

  #sendIdIfDue(event: WebEvent, session: Session): void {
    if (session.sendId && !session.gone && !session.removed)
      this.#transport.write(event, this.signedId(session), session.browser.expires);
  }

  signedId(session: Session): string {
    const verified = session.verifiedSignedId;
    if (
      verified !== undefined &&
      verified.length === session.id.length + 47 &&
      verified.startsWith(session.id, 2)
    ) {
      return verified; // `s:<id>.<44 characters>` for the id it was verified for
    }
    return this.#transport.sign(session.event, session.id);
  }

  // A generated id as a string of its own; only a custom generator's output needs checking.
  #acceptId(generated: unknown): string {
    return this.#trustedIds ? ownString(generated as string) : checkId(generated);
  }

  #moveExpiry(session: Session): void {
    const expires = this.#expiryFor(session.browser.created, Date.now());
    session.browser.expires = expires;
    session.scoped.expires = expires;
  }

  #expiryFor(created: number, now: number): number {
    const settings = this.#settings;
    const seconds = settings.duration > 0 ? settings.duration : BROWSER_SESSION_SECONDS;
    const expires = now + seconds * 1000;
    return settings.absoluteDuration === undefined
      ? expires
      : Math.min(expires, created + settings.absoluteDuration * 1000);
  }

  #isExpired(loaded: Loaded, now: number): boolean {
    if (!(loaded.expiresAt > now)) return true;
    const absolute = this.#settings.absoluteDuration;
    return absolute !== undefined && loaded.createdAt + absolute * 1000 <= now;
  }

  #tabId(event: WebEvent): string | undefined {
    if (!this.#settings.tabScope) return undefined;
    const value = event.request.headers[TAB_HEADER];
    return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
  }

  // Best effort: a stale record found on load is deleted, and a failure there is not the request's.
  #forget(id: string): void {
    try {
      const result = this.#settings.store.delete(id);
      if (isPromise(result)) result.catch(() => {});
    } catch {
      // the sweep or the store's TTL will get it
    }
  }

  // Loads a record for a request: usable, with its times as numbers, or null. The memory store
  // hands out its frozen entry without copying (the session copies the data on first use).
  #read(id: string): Loaded | null | Promise<Loaded | null> {
    if (this.#memory !== undefined) return this.#memory[kPeek](id);
    return chain(this.#get(id), (value) => {
      if (value === null || value === undefined) return null;
      const expiresAt = isUsableRecord(value) ? Date.parse(value.metadata.expires) : Number.NaN;
      if (Number.isNaN(expiresAt)) {
        this.#forget(id); // a record this version cannot read: start afresh
        return null;
      }
      const record = value as SessionRecord;
      const createdAt = Date.parse(record.metadata.created);
      return {
        data: record.data,
        expiresAt,
        createdAt: Number.isNaN(createdAt) ? Date.now() : createdAt,
        createdIso: record.metadata.created,
      };
    });
  }

  #get(id: string) {
    return this.#guard('get', id, () => this.#settings.store.get(id));
  }

  #set(id: string, record: SessionRecord, expiry: Date): void | Promise<void> {
    return chain(
      this.#guard('set', id, () => this.#settings.store.set(id, record, expiry)),
      () => undefined,
    );
  }

  #delete(id: string): void | Promise<void> {
    return chain(
      this.#guard('delete', id, () => this.#settings.store.delete(id)),
      () => undefined,
    );
  }

  #guard<T>(operation: string, id: string, call: () => T | Promise<T>): T | Promise<T> {
    // The memory store is synchronous and cannot fail or hang: no guard needed around it.
    if (this.#memory !== undefined) return call();
    return guardStoreCall(operation, id, call, this.#guardTimeoutMs);
  }
}

// What a memory store write threw: a refused value stays a SessionDataError (500); anything else
// is the store failing, as with any other store (503).
function memoryFailure(operation: string, id: string, error: unknown): unknown {
  return error instanceof SessionDataError
    ? error
    : new SessionStoreError(operation, error, hashId(id));
}

// Refuses a change holding what JSON cannot keep before any store sees it (the memory store
// checks as it copies): every store then fails such a save alike, and stores nothing of it.
function checkChange(change: SessionChange): void {
  for (const key of Object.keys(change.set)) checkStorable(change.set[key], key);
}

// The end-of-request save failed: a store failure stays one (503); anything else, such as data a
// getter of which throws, becomes a SessionDataError (500), so that the response says it failed.
function saveError(error: unknown): unknown {
  if (error instanceof SessionStoreError || error instanceof SessionDataError) return error;
  return new SessionDataError('The session data could not be saved.', error);
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new PodeError(
      ErrorCodes.SESSION_ID,
      'The session generator returned an invalid id: it must be 1 to 256 characters of [A-Za-z0-9_.~-].',
    );
  }
  return ownString(id);
}

function tabKeyOf(id: string, tabId: string): string {
  // ':' cannot appear in an id or a tab id, so a tab key never equals a session id. A string of
  // its own: the memory store keeps it as a key.
  return ownString(`${id}:tab:${tabId}`);
}

function metadataOf(state: RecordState, parent: string | undefined): SessionRecord['metadata'] {
  const metadata: SessionRecord['metadata'] = {
    created: state.createdIso,
    expires: isoDate(state.expires),
  };
  if (parent !== undefined) metadata.parent = parent;
  return metadata;
}

function applyChange(data: StoredSessionData, change: SessionChange): StoredSessionData {
  const merged: StoredSessionData = { ...data };
  for (const key of change.unset) delete merged[key];
  Object.assign(merged, change.set);
  return merged;
}

// A login's fresh start of one record: a new key, creation time and expiry, and only the kept keys.
function restart(
  state: RecordState,
  key: string,
  now: number,
  expires: number,
  keep: readonly string[],
): void {
  const current = state.current;
  const kept: StoredSessionData = {};
  for (const name of keep) {
    if (name !== state.omitKey && Object.hasOwn(current, name)) kept[name] = current[name];
  }
  state.restart(key, now, expires, cloneData(kept));
}

function allOf(values: (void | Promise<void>)[]): void | Promise<void> {
  const pending = values.filter(isPromise);
  if (pending.length > 0) return Promise.all(pending).then(() => undefined);
}
