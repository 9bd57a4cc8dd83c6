/**
 * The access free functions (Pode's `Test-PodeAccess`, `Test-PodeAccessUser`,
 * `Test-PodeAccessRoute`, `Test-PodeAccessExists`): each a thin call onto the current request's
 * WebEvent method of the same name (`e.testAccess(…)` and so on), which holds the check.
 */
import { currentEvent } from '../context.js';
import { findTcpEvent } from '../tcp/functions.js';
import type { TestAccessOptions } from './registry.js';

export { bindAccessRegistry } from './bind.js';

/**
 * Whether `source` values meet `destination` values under access method `name`
 * (`Test-PodeAccess`): an empty destination allows; an empty source asks the scheme's
 * `scriptBlock` with the current user. Resolves to true or false.
 */
export async function testAccess(name: string, options: TestAccessOptions = {}): Promise<boolean> {
  // In a TCP verb (Tcp-ServerAuth's Test-PodeAccess -ArgumentList), the verb's event holds the check.
  const verb = findTcpEvent();
  if (verb !== undefined) return verb.testAccess(name, options);
  return currentEvent('testAccess').testAccess(name, options);
}

/** Whether the current user's values meet `values` under access method `name` (`Test-PodeAccessUser`). */
export async function testAccessUser(name: string, values: unknown): Promise<boolean> {
  return currentEvent('testAccessUser').testAccessUser(name, values);
}

/** Whether the current user passes access method `name` with the current route's values (`Test-PodeAccessRoute`). */
export async function testAccessRoute(name: string): Promise<boolean> {
  return currentEvent('testAccessRoute').testAccessRoute(name);
}

/** Whether an access method of this name exists (`Test-PodeAccessExists`). */
export function testAccessExists(name: string): boolean {
  return currentEvent('testAccessExists').testAccessExists(name);
}
