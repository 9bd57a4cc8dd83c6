/**
 * `e.session`: one session's id, data and lifetime, and the calls that save, remove, regenerate
 * and extend it. The data is copied from the stored record only when first read, so a request
 * that never touches it costs no copy and no comparison; at the end of the request the copy is
 * compared key by key with the record it came from.
 */
import type { SessionData } from '../types.js';
import type { WebEvent } from '../web-event.js';
/** The session-wide operations a Session delegates to (the middleware implements them). */
export interface SessionPersistence {
    readonly duration: number;
    save(session: Session, force: boolean): void | Promise<void>;
    remove(session: Session): void | Promise<void>;
    regenerate(session: Session): void | Promise<void>;
    resetExpiry(session: Session): void;
    signedId(session: Session): string;
}
/** Top-level changes of a session's data since it was loaded (or last saved). */
export interface SessionChange {
    set: Record<string, unknown>;
    unset: string[];
}
/** @internal One stored record's state during a request: where it came from and the working copy. */
export declare class RecordState {
    #private;
    key: string;
    isNew: boolean;
    readonly created: number;
    expires: number;
    /** A key this record never stores (a tab record's `auth`: the login lives in the browser record). */
    readonly omitKey: string | undefined;
    constructor(key: string, isNew: boolean, created: number, expires: number, source: SessionData, omitKey?: string);
    /** `created` as the ISO-8601 string records carry (kept from the record it was read from). */
    get createdIso(): string;
    set createdIso(value: string);
    /** The working copy, made from the source on first use. */
    get data(): SessionData;
    set data(value: SessionData);
    /** The data as it stands, without making a copy for it. */
    get current(): SessionData;
    /** Whether the data holds nothing (to store). */
    get isEmpty(): boolean;
    /** The data as it is to be stored: the current data without the omitted key. */
    storable(): SessionData;
    /** The top-level changes since the source, or null when nothing changed. */
    changes(): SessionChange | null;
    /** After a save: what was saved becomes the new source. */
    rebase(): void;
}
/** A request's session (`e.session`). */
export declare class Session {
    #private;
    /** The session id (never log it: use a hash). */
    id: string;
    /** The cookie or header name. */
    readonly name: string;
    /** The tab id with `scope: 'tab'`, else undefined. */
    readonly tabId: string | undefined;
    /** @internal True once removed: the session is gone for the rest of the request. */
    removed: boolean;
    /** @internal Send the cookie/header on this response. */
    sendId: boolean;
    /** @internal The request this session belongs to. */
    event: WebEvent | undefined;
    /** @internal The signed value this session's id arrived in, when it was signed with the first secret. */
    verifiedSignedId: string | undefined;
    /** @internal The expiry was reset in this request: save at the end even without changes. */
    expiryMoved: boolean;
    /** @internal The record vanished from the store while this request ran: do not resurrect it. */
    gone: boolean;
    /** @internal Per-record states: the browser record, and the tab record with tab scope. */
    readonly browser: RecordState;
    /** @internal */
    readonly scoped: RecordState;
    /** @internal A store call of this session failed: nothing more is saved or sent on this request. */
    storeFailed: boolean;
    /** @internal */
    constructor(persistence: SessionPersistence, id: string, name: string, browser: RecordState, tab?: {
        id: string;
        state: RecordState;
    });
    /**
     * The session data: a plain JSON-serialisable object, saved at the end of the request if it
     * changed. With tab scope it is the tab's data, and its `auth` (the login) is the browser's.
     */
    get data(): SessionData;
    set data(value: SessionData);
    /** When the session expires. */
    get expiry(): Date;
    /** Whether this session is new on this request (not loaded from the store). */
    get isNew(): boolean;
    /** Saves the session now; without `force`, only when the data changed. */
    save(options?: {
        force?: boolean;
    }): Promise<void>;
    /** Deletes the session from the store and tells the client to drop its cookie. */
    remove(): Promise<void>;
    /** Moves the data to a new id (sent at once) and deletes the old record. */
    regenerate(): Promise<void>;
    /** Restarts the duration from now and re-sends the cookie/header. */
    resetExpiry(): Promise<void>;
    /** @internal The id in its signed form `s:<id>.<signature>` (strict-aware). */
    signedId(): string;
    /** The session duration in seconds (0 for a browser-session cookie). */
    get duration(): number;
    /** @internal The login shared by every tab of the browser session. */
    get authData(): SessionData['auth'];
    set authData(value: SessionData['auth']);
    /**
     * @internal With tab scope: carries a login set (or deleted) through the tab's `data.auth`
     * over to the browser record, which keeps it for every tab.
     */
    syncSharedData(): void;
}
/** Deep equality of JSON-like values (objects, arrays, primitives). */
export declare function jsonEqual(a: unknown, b: unknown): boolean;
//# sourceMappingURL=session.d.ts.map