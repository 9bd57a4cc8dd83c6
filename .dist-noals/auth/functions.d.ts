import type { AuthUser } from '../types.js';
/** Options of `getAuthUser` and `testAuthUser`. */
export interface AuthUserOptions {
    /** Look only at `e.auth` (this request's authentication), not at the session's login. */
    ignoreSession?: boolean;
}
/**
 * The authenticated user of the current request (`Get-PodeAuthUser`): `e.auth.user`, else the
 * user of the session's login; null when nobody is logged in.
 */
export declare function getAuthUser(options?: AuthUserOptions): AuthUser | null;
/** Whether the current request is authenticated, by `e.auth` or the session's login (`Test-PodeAuthUser`). */
export declare function testAuthUser(options?: AuthUserOptions): boolean;
//# sourceMappingURL=functions.d.ts.map