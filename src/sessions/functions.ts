/**
 * The session free functions (Pode's `Get-PodeSessionId`, `Save-PodeSession`, … and `$session:`),
 * each a thin call onto the current request's `e.session`.
 */
import { currentEvent, findEvent } from '../context.js';
import { NoRequestError, NoSessionError } from '../errors.js';
import type { ResolvedSessionData, StoredSessionData } from '../types.js';
import { kSession } from '../web-event.js';

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
export function getSessionId(options: SessionIdOptions = {}): string | null {
  const event = currentEvent('getSessionId');
  if (!event.hasSession) return null;
  const session = event.session;
  const authenticated = session.authData?.isAuthenticated === true || event.auth.isAuthenticated;
  if (!authenticated && options.force !== true) return null;
  return options.signed === true ? session.signedId() : session.id;
}

/** Saves the current session now (`Save-PodeSession`); without `force` only when its data changed. */
export function saveSession(options?: { force?: boolean }): Promise<void> {
  return currentEvent('saveSession').session.save(options);
}

/** Removes the current session: its record and the client's cookie (`Remove-PodeSession`). */
export function removeSession(): Promise<void> {
  const event = currentEvent('removeSession');
  return event.hasSession ? event.session.remove() : Promise.resolve();
}

/** Restarts the current session's duration from now (`Reset-PodeSessionExpiry`). */
export function resetSessionExpiry(): Promise<void> {
  return currentEvent('resetSessionExpiry').session.resetExpiry();
}

/** When the current session expires (`Get-PodeSessionExpiry`). */
export function getSessionExpiry(): Date {
  return currentEvent('getSessionExpiry').session.expiry;
}

/** The session duration in seconds (`Get-PodeSessionDuration`). */
export function getSessionDuration(): number {
  return currentEvent('getSessionDuration').session.duration;
}

function currentData(): StoredSessionData | undefined {
  const session = findEvent()?.[kSession];
  return session === undefined || session.removed ? undefined : session.storedData;
}

function writableData(): StoredSessionData {
  const event = findEvent();
  if (event === undefined) throw new NoRequestError('sessionScope');
  const session = event[kSession];
  if (session === undefined || session.removed) {
    throw new NoSessionError('sessionScope was written, but this request has no session.');
  }
  return session.storedData;
}

/**
 * Pode's `$session:` scope: the current request's session data, from any function the request
 * calls (after awaits too). Reads give undefined without a session; writes then throw.
 */
export const sessionScope: ResolvedSessionData = new Proxy(
  Object.create(null) as StoredSessionData,
  {
    get: (_target, key) => (typeof key === 'string' ? currentData()?.[key] : undefined),
    set: (_target, key, value) => {
      if (typeof key !== 'string') return false;
      writableData()[key] = value;
      return true;
    },
    deleteProperty: (_target, key) => {
      if (typeof key !== 'string') return false;
      delete writableData()[key];
      return true;
    },
    has: (_target, key) => {
      const data = currentData();
      return typeof key === 'string' && data !== undefined && Object.hasOwn(data, key);
    },
    ownKeys: () => Object.keys(currentData() ?? {}),
    getOwnPropertyDescriptor: (_target, key) => {
      const data = currentData();
      if (typeof key !== 'string' || data === undefined || !Object.hasOwn(data, key))
        return undefined;
      return { value: data[key], writable: true, enumerable: true, configurable: true };
    },
  },
);
