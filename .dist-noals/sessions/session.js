import { cloneData } from './clone.js';
import { isoDate } from './dates.js';
/** @internal One stored record's state during a request: where it came from and the working copy. */
export class RecordState {
    key;
    isNew;
    created;
    expires;
    /** A key this record never stores (a tab record's `auth`: the login lives in the browser record). */
    omitKey;
    #source;
    #working;
    #createdIso;
    constructor(key, isNew, created, expires, source, omitKey) {
        this.key = key;
        this.isNew = isNew;
        this.created = created;
        this.expires = expires;
        this.#source = source;
        this.omitKey = omitKey;
    }
    /** `created` as the ISO-8601 string records carry (kept from the record it was read from). */
    get createdIso() {
        this.#createdIso ??= isoDate(this.created);
        return this.#createdIso;
    }
    set createdIso(value) {
        this.#createdIso = value;
    }
    /** The working copy, made from the source on first use. */
    get data() {
        this.#working ??= cloneData(this.#source);
        return this.#working;
    }
    set data(value) {
        this.#working = value;
    }
    /** The data as it stands, without making a copy for it. */
    get current() {
        return this.#working ?? this.#source;
    }
    /** Whether the data holds nothing (to store). */
    get isEmpty() {
        for (const key in this.current)
            if (key !== this.omitKey)
                return false;
        return true;
    }
    /** The data as it is to be stored: the current data without the omitted key. */
    storable() {
        const current = this.current;
        const omit = this.omitKey;
        if (omit === undefined || !Object.hasOwn(current, omit))
            return current;
        const { [omit]: _omitted, ...rest } = current;
        return rest;
    }
    /** The top-level changes since the source, or null when nothing changed. */
    changes() {
        const working = this.#working;
        if (working === undefined)
            return null;
        const source = this.#source;
        const omit = this.omitKey;
        let change = null;
        for (const key of Object.keys(working)) {
            if (key === omit)
                continue;
            const value = working[key];
            if (value === undefined) {
                if (Object.hasOwn(source, key))
                    (change ??= { set: {}, unset: [] }).unset.push(key);
            }
            else if (!Object.hasOwn(source, key) || !jsonEqual(source[key], value)) {
                (change ??= { set: {}, unset: [] }).set[key] = value;
            }
        }
        for (const key of Object.keys(source)) {
            if (key !== omit && !Object.hasOwn(working, key))
                (change ??= { set: {}, unset: [] }).unset.push(key);
        }
        return change;
    }
    /** After a save: what was saved becomes the new source. */
    rebase() {
        if (this.#working !== undefined)
            this.#source = cloneData(this.#working);
    }
}
/** A request's session (`e.session`). */
export class Session {
    /** The session id (never log it: use a hash). */
    id;
    /** The cookie or header name. */
    name;
    /** The tab id with `scope: 'tab'`, else undefined. */
    tabId;
    /** @internal True once removed: the session is gone for the rest of the request. */
    removed = false;
    /** @internal Send the cookie/header on this response. */
    sendId = false;
    /** @internal The request this session belongs to. */
    event;
    /** @internal The signed value this session's id arrived in, when it was signed with the first secret. */
    verifiedSignedId;
    /** @internal The expiry was reset in this request: save at the end even without changes. */
    expiryMoved = false;
    /** @internal The record vanished from the store while this request ran: do not resurrect it. */
    gone = false;
    /** @internal Per-record states: the browser record, and the tab record with tab scope. */
    browser;
    /** @internal */
    scoped;
    /** @internal A store call of this session failed: nothing more is saved or sent on this request. */
    storeFailed = false;
    #persistence;
    // With tab scope: whether the tab's working data holds the browser record's login yet.
    #authLinked = false;
    /** @internal */
    constructor(persistence, id, name, browser, tab) {
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
    get data() {
        const scoped = this.scoped;
        if (scoped === this.browser)
            return scoped.data;
        const data = scoped.data;
        if (!this.#authLinked) {
            this.#authLinked = true;
            const auth = this.browser.current.auth;
            if (auth === undefined)
                delete data.auth;
            else
                data.auth = this.browser.data.auth; // the same object: nested changes are shared
        }
        return data;
    }
    set data(value) {
        this.scoped.data = value;
        if (this.scoped !== this.browser)
            this.#authLinked = true;
    }
    /** When the session expires. */
    get expiry() {
        return new Date(this.browser.expires);
    }
    /** Whether this session is new on this request (not loaded from the store). */
    get isNew() {
        return this.browser.isNew;
    }
    /** Saves the session now; without `force`, only when the data changed. */
    save(options) {
        return Promise.resolve(this.#persistence.save(this, options?.force === true));
    }
    /** Deletes the session from the store and tells the client to drop its cookie. */
    remove() {
        return Promise.resolve(this.#persistence.remove(this));
    }
    /** Moves the data to a new id (sent at once) and deletes the old record. */
    regenerate() {
        return Promise.resolve(this.#persistence.regenerate(this));
    }
    /** Restarts the duration from now and re-sends the cookie/header. */
    resetExpiry() {
        this.#persistence.resetExpiry(this);
        return Promise.resolve();
    }
    /** @internal The id in its signed form `s:<id>.<signature>` (strict-aware). */
    signedId() {
        return this.#persistence.signedId(this);
    }
    /** The session duration in seconds (0 for a browser-session cookie). */
    get duration() {
        return this.#persistence.duration;
    }
    /** @internal The login shared by every tab of the browser session. */
    get authData() {
        this.syncSharedData();
        return this.browser.current.auth;
    }
    set authData(value) {
        if (value === undefined)
            delete this.browser.data.auth;
        else
            this.browser.data.auth = value;
        if (this.scoped !== this.browser && this.#authLinked) {
            const data = this.scoped.data;
            if (value === undefined)
                delete data.auth;
            else
                data.auth = value;
        }
    }
    /**
     * @internal With tab scope: carries a login set (or deleted) through the tab's `data.auth`
     * over to the browser record, which keeps it for every tab.
     */
    syncSharedData() {
        if (this.scoped === this.browser || !this.#authLinked)
            return;
        const auth = this.scoped.current.auth;
        const browser = this.browser;
        if (auth === browser.current.auth)
            return;
        if (auth !== undefined)
            browser.data.auth = auth;
        else if (Object.hasOwn(browser.current, 'auth'))
            delete browser.data.auth;
    }
}
/** Deep equality of JSON-like values (objects, arrays, primitives). */
export function jsonEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length)
            return false;
        for (let i = 0; i < a.length; i++)
            if (!jsonEqual(a[i], b[i]))
                return false;
        return true;
    }
    if (Array.isArray(b))
        return false;
    if (a instanceof Date || b instanceof Date) {
        return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
    }
    const left = a;
    const right = b;
    const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
    const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
    if (leftKeys.length !== rightKeys.length)
        return false;
    for (const key of leftKeys)
        if (!jsonEqual(left[key], right[key]))
            return false;
    return true;
}
//# sourceMappingURL=session.js.map