import { type SessionStore } from './store.js';
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
export declare const BROWSER_SESSION_SECONDS: number;
/** Validates `options` and fills in the defaults; throws the SPEC's set-up errors. */
export declare function resolveSessionOptions(options: SessionOptions, context: SessionContext): SessionSettings;
//# sourceMappingURL=options.d.ts.map