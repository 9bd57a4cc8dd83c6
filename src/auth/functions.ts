/**
 * The authentication free functions (Pode's `Get-PodeAuthUser`, `Test-PodeAuthUser`), each a
 * thin call onto the current request's WebEvent method of the same name (`e.getAuthUser()`).
 */
import { currentEvent } from '../context.js';
import type { ResolvedAuthUser } from '../types.js';

/** Options of `getAuthUser` and `testAuthUser`. */
export interface AuthUserOptions {
  /** Look only at `e.auth` (this request's authentication), not at the session's login. */
  ignoreSession?: boolean;
}

/**
 * The authenticated user of the current request (`Get-PodeAuthUser`): `e.auth.user`, else the
 * user of the session's login; null when nobody is logged in. A thin call onto `e.getAuthUser`.
 */
export function getAuthUser(options: AuthUserOptions = {}): ResolvedAuthUser | null {
  return currentEvent('getAuthUser').getAuthUser(options);
}

/** Whether the current request is authenticated, by `e.auth` or the session's login (`Test-PodeAuthUser`). */
export function testAuthUser(options: AuthUserOptions = {}): boolean {
  return currentEvent('testAuthUser').testAuthUser(options);
}

/**
 * Whether the current request authenticates with authentication `name` (`Test-PodeAuth`): a
 * logged-in session passes unless `ignoreSession`. A thin call onto `e.testAuth`.
 */
export async function testAuth(name: string, options: AuthUserOptions = {}): Promise<boolean> {
  return currentEvent('testAuth').testAuth(name, options);
}

/** Whether an authentication of this name exists (`Test-PodeAuthExists`). */
export function testAuthExists(name: string): boolean {
  return currentEvent('testAuthExists').testAuthExists(name);
}
