/**
 * Authentication events (Pode's `Register-PodeAuthEvent`): functions run when a user logs in
 * through an authentication (each successful check of credentials) or logs out (a `logout` route
 * with a logged-in session). A function that throws is logged; the request carries on.
 */
import { ErrorCodes, setupError } from '../errors.js';
import type { ResolvedAuthUser } from '../types.js';
import type { WebEvent } from '../web-event.js';

/** What an authentication event function is given. */
export interface AuthTriggeredEvent {
  /** The authentication the user logged in or out through. */
  name: string;
  type: 'login' | 'logout';
  timestamp: Date;
  user: ResolvedAuthUser;
  /** Free for the functions to share values in. */
  metadata: Record<string, unknown>;
}

/** An authentication event function (may be async). */
export type AuthEventHandler = (event: AuthTriggeredEvent) => unknown;

/** @internal The events of a server's authentications. */
export class AuthEvents {
  readonly #handlers = new Map<string, Map<string, AuthEventHandler>>();

  /** Registers `fn` under `eventName` for `type` on each authentication; throws the set-up errors. */
  register(
    names: readonly string[],
    type: unknown,
    eventName: unknown,
    fn: unknown,
    exists: (name: string) => boolean,
  ): void {
    if (type !== 'login' && type !== 'logout') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.registerAuthEvent(): type must be 'login' or 'logout', but got: ${String(type)}`,
      );
    }
    if (typeof eventName !== 'string' || eventName.length === 0) {
      throw setupError(ErrorCodes.BAD_OPTION, 's.registerAuthEvent(): the event needs a name.');
    }
    if (typeof fn !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `s.registerAuthEvent('${eventName}'): the handler must be a function, but got: ${typeof fn}`,
      );
    }
    if (names.length === 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.registerAuthEvent('${eventName}'): name at least one authentication.`,
      );
    }
    for (const name of names) {
      if (typeof name !== 'string' || !exists(name)) {
        throw setupError(
          ErrorCodes.AUTH_UNKNOWN,
          `s.registerAuthEvent('${eventName}'): Authentication method does not exist: ${String(name)}`,
          'Add the authentication before registering its events.',
        );
      }
      if (this.#handlers.get(`${name}\u0000${type}`)?.has(eventName) === true) {
        throw setupError(
          ErrorCodes.AUTH_EXISTS,
          `s.registerAuthEvent(): the ${type} event '${eventName}' is already registered for ${name}.`,
        );
      }
    }
    for (const name of names) {
      const key = `${name}\u0000${type}`;
      const handlers = this.#handlers.get(key) ?? new Map<string, AuthEventHandler>();
      handlers.set(eventName, fn as AuthEventHandler);
      this.#handlers.set(key, handlers);
    }
  }

  /** Runs the `type` events of authentication `name`, in order; errors are logged. */
  async fire(
    name: string,
    type: 'login' | 'logout',
    user: ResolvedAuthUser,
    request: WebEvent,
  ): Promise<void> {
    const handlers = this.#handlers.get(`${name}\u0000${type}`);
    if (handlers === undefined) return;
    const triggered: AuthTriggeredEvent = { name, type, timestamp: new Date(), user, metadata: {} };
    for (const [eventName, fn] of handlers) {
      try {
        await fn(triggered);
      } catch (error) {
        request.log.error({ err: error }, `The ${type} event '${eventName}' of ${name} failed`);
      }
    }
  }

  get size(): number {
    return this.#handlers.size;
  }
}
