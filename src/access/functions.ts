/**
 * The access free functions (Pode's `Test-PodeAccess`, `Test-PodeAccessUser`,
 * `Test-PodeAccessRoute`, `Test-PodeAccessExists`), each finding the server's access methods
 * through the current request's route.
 */
import { currentEvent } from '../context.js';
import { ErrorCodes, PodeError } from '../errors.js';
import type { RouteInfo } from '../types.js';
import type { WebEvent } from '../web-event.js';
import type { AccessRegistry, TestAccessOptions } from './registry.js';

const registries = new WeakMap<RouteInfo, AccessRegistry>();

/** @internal Lets the free functions find the server's access methods from a route. */
export function bindAccessRegistry(route: RouteInfo, registry: AccessRegistry): void {
  registries.set(route, registry);
}

/**
 * Whether `source` values meet `destination` values under access method `name`
 * (`Test-PodeAccess`): an empty destination allows; an empty source asks the scheme's
 * `scriptBlock` with the current user. Resolves to true or false.
 */
export async function testAccess(name: string, options: TestAccessOptions = {}): Promise<boolean> {
  const event = currentEvent('testAccess');
  return registryOf(event, 'testAccess').test(name, options, event);
}

/** Whether the current user's values meet `values` under access method `name` (`Test-PodeAccessUser`). */
export async function testAccessUser(name: string, values: unknown): Promise<boolean> {
  const event = currentEvent('testAccessUser');
  return registryOf(event, 'testAccessUser').testUser(name, values, event);
}

/** Whether the current user passes access method `name` with the current route's values (`Test-PodeAccessRoute`). */
export async function testAccessRoute(name: string): Promise<boolean> {
  const event = currentEvent('testAccessRoute');
  return registryOf(event, 'testAccessRoute').testRoute(name, event);
}

/** Whether an access method of this name exists (`Test-PodeAccessExists`). */
export function testAccessExists(name: string): boolean {
  const event = currentEvent('testAccessExists');
  const route = event.route;
  const registry = route === undefined ? undefined : registries.get(route);
  return registry?.has(name) === true;
}

function registryOf(event: WebEvent, where: string): AccessRegistry {
  const route = event.route;
  const registry = route === undefined ? undefined : registries.get(route);
  if (registry === undefined) {
    throw new PodeError(
      ErrorCodes.ACCESS_UNKNOWN,
      `${where}(): this server has no access methods.`,
      "Add one with s.addAccess('Rbac', newAccessScheme({ type: 'role' })) in the set-up.",
    );
  }
  return registry;
}
