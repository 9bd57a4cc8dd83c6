import type { SessionData } from '../types.js';
/** Options of `getSessionId`. */
export interface SessionIdOptions {
    /** Return the id even when the session is not authenticated. */
    force?: boolean;
    /** Return the signed `s:<id>.<sig>` form (strict-aware). */
    signed?: boolean;
}
/**
 * The current session's id when the session is authenticated (or has just been), else null
 * (`Get-PodeSessionId`). `force` returns it regardless; `signed` returns the signed form.
 */
export declare function getSessionId(options?: SessionIdOptions): string | null;
/** Saves the current session now (`Save-PodeSession`); without `force` only when its data changed. */
export declare function saveSession(options?: {
    force?: boolean;
}): Promise<void>;
/** Removes the current session: its record and the client's cookie (`Remove-PodeSession`). */
export declare function removeSession(): Promise<void>;
/** Restarts the current session's duration from now (`Reset-PodeSessionExpiry`). */
export declare function resetSessionExpiry(): Promise<void>;
/** When the current session expires (`Get-PodeSessionExpiry`). */
export declare function getSessionExpiry(): Date;
/** The session duration in seconds (`Get-PodeSessionDuration`). */
export declare function getSessionDuration(): number;
/**
 * Pode's `$session:` scope: the current request's session data, from any function the request
 * calls (after awaits too). Reads give undefined without a session; writes then throw.
 */
export declare const sessionScope: SessionData;
//# sourceMappingURL=functions.d.ts.map