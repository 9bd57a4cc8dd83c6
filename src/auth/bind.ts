/**
 * Where a request finds its server's authentications: each route is bound to the server's
 * registry once at start-up (when the server has any), so `e.testAuth` (Pode's `Test-PodeAuth`)
 * needs nothing per request but a WeakMap read.
 */
import type { RouteInfo } from '../types.js';
import type { WebEvent } from '../web-event.js';

/** @internal What a request may ask of the server's authentications. */
export interface AuthLookup {
  /** Whether `name` authenticates the request (no response is written, `e.auth` is untouched). */
  test(name: string, event: WebEvent): Promise<boolean>;
  /** Whether an authentication of this name exists. */
  has(name: string): boolean;
}

const registries = new WeakMap<RouteInfo, AuthLookup>();

/** @internal Lets a request on `route` find the server's authentications. */
export function bindAuthRegistry(route: RouteInfo, registry: AuthLookup): void {
  registries.set(route, registry);
}

/** @internal The authentications of the server serving `route`, or undefined when it has none. */
export function findAuthRegistry(route: RouteInfo | undefined): AuthLookup | undefined {
  return route === undefined ? undefined : registries.get(route);
}
