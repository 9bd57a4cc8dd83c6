/**
 * The authentication free functions (Pode's `Get-PodeAuthUser`, `Test-PodeAuthUser`), each a
 * thin read of the current request's `e.auth` and, failing that, the login kept in its session.
 */
import { currentEvent } from '../context.js';
import type { ResolvedAuthUser } from '../types.js';
import type { WebEvent } from '../web-event.js';

/** Options of `getAuthUser` and `testAuthUser`. */
export interface AuthUserOptions {
  /** Look only at `e.auth` (this request's authentication), not at the session's login. */
  ignoreSession?: boolean;
}

/**
 * The authenticated user of the current request (`Get-PodeAuthUser`): `e.auth.user`, else the
 * user of the session's login; null when nobody is logged in.
 */
export function getAuthUser(options: AuthUserOptions = {}): ResolvedAuthUser | null {
  return authUserOf(currentEvent('getAuthUser'), options);
}

/** Whether the current request is authenticated, by `e.auth` or the session's login (`Test-PodeAuthUser`). */
export function testAuthUser(options: AuthUserOptions = {}): boolean {
  return authUserOf(currentEvent('testAuthUser'), options) !== null;
}

function authUserOf(event: WebEvent, options: AuthUserOptions): ResolvedAuthUser | null {
  const auth = event.auth;
  if (auth.isAuthenticated && auth.user !== undefined) return auth.user;
  if (options.ignoreSession === true || !event.hasSession) return null;
  const stored = event.session.authData;
  return stored?.isAuthenticated === true && stored.user !== undefined ? stored.user : null;
}
