import type { Middleware } from '../pipeline.js';
import { type SessionContext, type SessionOptions, type SessionSettings } from './options.js';
export type { SessionOptions } from './options.js';
/** The name of the inbuilt session middleware (a user middleware of this name replaces it). */
export declare const SESSIONS = "__pode_mw_sessions__";
/** The request header that names the browser tab with `scope: 'tab'`. */
export declare const TAB_HEADER = "x-pode-session-tab-id";
/** What the server keeps of the session set-up. */
export interface SessionSetup {
    middleware: Middleware;
    settings: SessionSettings;
    /** Closes the store (its `close()`, when it has one: the memory store stops its timer; RedisStore never quits the client). */
    close(): Promise<void>;
}
/** Validates the options and builds the middleware; throws the SPEC's set-up errors. */
export declare function createSessionSetup(options: SessionOptions, context: SessionContext): SessionSetup;
//# sourceMappingURL=middleware.d.ts.map