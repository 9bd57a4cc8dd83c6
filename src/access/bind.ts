/**
 * Where a request finds its server's access methods: each route with access methods in reach is
 * bound to the server's registry once at start-up, so the WebEvent's access checks (and the free
 * functions over them) need nothing per request but a WeakMap read.
 */
import { ErrorCodes, PodeError } from '../errors.js';
import type { RouteInfo } from '../types.js';
import type { AccessRegistry } from './registry.js';

const registries = new WeakMap<RouteInfo, AccessRegistry>();

/** @internal Lets a request on `route` find the server's access methods. */
export function bindAccessRegistry(route: RouteInfo, registry: AccessRegistry): void {
  registries.set(route, registry);
}

/** @internal The access methods of the server serving `route`, or undefined when it has none. */
export function findAccessRegistry(route: RouteInfo | undefined): AccessRegistry | undefined {
  return route === undefined ? undefined : registries.get(route);
}

/** @internal The access methods of the server serving `route`; throws `PODE_ERR_ACCESS_UNKNOWN` when it has none. */
export function accessRegistryOf(route: RouteInfo | undefined, where: string): AccessRegistry {
  const registry = findAccessRegistry(route);
  if (registry === undefined) {
    throw new PodeError(
      ErrorCodes.ACCESS_UNKNOWN,
      `${where}(): this server has no access methods.`,
      "Add one with s.addAccess('Rbac', newAccessScheme({ type: 'role' })) in the set-up.",
    );
  }
  return registry;
}
