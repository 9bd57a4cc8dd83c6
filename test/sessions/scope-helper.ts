/**
 * A "helper module" for the sessionScope tests: functions that use the current request's
 * session without being passed the WebEvent, across awaits and timers.
 */
import { sessionScope } from '../../src/index.js';

/** Adds one to `sessionScope.hits` after a few awaits and a timer; returns the new count. */
export async function countHit(): Promise<number> {
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const hits = ((sessionScope.hits as number | undefined) ?? 0) + 1;
  await new Promise((resolve) => setImmediate(resolve));
  sessionScope.hits = hits;
  return hits;
}

/** What the scope shows: a key's value, whether it is `in` the scope, and its keys. */
export function inspect(key: string): { value: unknown; has: boolean; keys: string[] } {
  return { value: sessionScope[key], has: key in sessionScope, keys: Object.keys(sessionScope) };
}

/** Deletes a key through the scope. */
export function forget(key: string): void {
  delete sessionScope[key];
}
