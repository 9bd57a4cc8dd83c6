/**
 * Locks (`Lock-PodeObject`, `New-PodeLockable`, `Use-PodeMutex`, `Use-PodeSemaphore`). A
 * lockable (the global one, or one from `newLockable`) and a named mutex are exclusive across
 * every process of the server (through its state store: the primary under `threads: N`, Redis
 * when configured, with an expiry so a dead holder cannot block for ever). Any other object is
 * locked within this process. A semaphore is within this process. Locks are re-entrant: a
 * function already holding a lock (awaits included) runs at once when it asks again, as with
 * Pode's monitors.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Mutex, Semaphore } from 'async-mutex';
import { BackgroundError, ErrorCodes } from '../errors.js';
import { currentBackground } from './runtime.js';

const LOCKABLE = Symbol('pode-ts.lockable');

/** A named lockable (`New-PodeLockable`): lock it with `lockObject(lockable, fn)`. */
export interface Lockable {
  readonly name: string;
  readonly [LOCKABLE]: true;
}

const lockables = new Map<string, Lockable>();
const held = new AsyncLocalStorage<ReadonlySet<unknown>>();
const objectLocks = new WeakMap<object, Mutex>();
const semaphores = new Map<string, { count: number; semaphore: Semaphore }>();
const semaphoreCounts = new Map<string, number>();

/** The lockable every request, timer and schedule shares (Pode's `$WebEvent.Lockable`). */
export const globalLockable: Lockable = newLockable('global');

/** Creates (or returns) the lockable of this name (`New-PodeLockable` / `Get-PodeLockable`). */
export function newLockable(name: string): Lockable {
  if (typeof name !== 'string' || name === '') {
    throw new BackgroundError(ErrorCodes.LOCK, 'newLockable() needs a name (a non-empty string).');
  }
  let lockable = lockables.get(name);
  if (lockable === undefined) {
    lockable = Object.freeze({ name, [LOCKABLE]: true as const });
    lockables.set(name, lockable);
  }
  return lockable;
}

/**
 * Runs `fn` holding a lock and resolves to its result (`Lock-PodeObject`): with no object, the
 * global lockable; a lockable, exclusive across the server's processes; any other object,
 * within this process.
 */
export function lockObject<T>(fn: () => T | Promise<T>): Promise<T>;
export function lockObject<T>(target: object, fn: () => T | Promise<T>): Promise<T>;
export function lockObject<T>(
  targetOrFn: object | (() => T | Promise<T>),
  maybeFn?: () => T | Promise<T>,
): Promise<T> {
  const [target, fn] =
    maybeFn === undefined && typeof targetOrFn === 'function'
      ? [globalLockable, targetOrFn as () => T | Promise<T>]
      : [targetOrFn, maybeFn];
  if (typeof fn !== 'function') {
    return Promise.reject(
      new BackgroundError(ErrorCodes.LOCK, 'lockObject() needs a function to run under the lock.'),
    );
  }
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
    return Promise.reject(
      new BackgroundError(
        ErrorCodes.LOCK,
        `lockObject() can lock an object or a lockable, not ${String(target)}.`,
      ),
    );
  }
  if (isLockable(target)) return sharedLock(`lockable:${target.name}`, fn);
  return reentrant(
    target,
    async () => {
      let mutex = objectLocks.get(target);
      if (mutex === undefined) {
        const { Mutex } = await import('async-mutex');
        mutex = objectLocks.get(target) ?? new Mutex();
        objectLocks.set(target, mutex);
      }
      return mutex.runExclusive(() => inside(target, fn));
    },
    fn,
  );
}

/** Runs `fn` holding the named mutex, exclusive across the server's processes (`Use-PodeMutex`). */
export function useMutex<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  if (typeof name !== 'string' || name === '' || typeof fn !== 'function') {
    return Promise.reject(
      new BackgroundError(
        ErrorCodes.LOCK,
        'useMutex() needs a name and a function: useMutex(name, fn).',
      ),
    );
  }
  return sharedLock(`mutex:${name}`, fn);
}

/** Declares a semaphore of `count` places (`New-PodeSemaphore`), for `useSemaphore(name, fn)`. */
export function newSemaphore(name: string, count = 1): void {
  checkSemaphore(name, count);
  const known = semaphoreCounts.get(name);
  if (known !== undefined && known !== count) throw countMismatch(name, known, count);
  semaphoreCounts.set(name, count);
}

/**
 * Runs `fn` once one of the named semaphore's places is free (`Use-PodeSemaphore`): at most
 * `count` holders at once (1 by default, or the count given to `newSemaphore`), within this
 * process.
 */
export function useSemaphore<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
export function useSemaphore<T>(name: string, count: number, fn: () => T | Promise<T>): Promise<T>;
export async function useSemaphore<T>(
  name: string,
  countOrFn: number | (() => T | Promise<T>),
  maybeFn?: () => T | Promise<T>,
): Promise<T> {
  const [count, fn] =
    typeof countOrFn === 'function'
      ? [semaphoreCounts.get(name) ?? 1, countOrFn]
      : [countOrFn, maybeFn];
  if (typeof fn !== 'function') {
    throw new BackgroundError(
      ErrorCodes.LOCK,
      'useSemaphore() needs a name and a function: useSemaphore(name, fn) or useSemaphore(name, 2, fn).',
    );
  }
  checkSemaphore(name, count);
  let known = semaphores.get(name);
  if (known === undefined) {
    const { Semaphore } = await import('async-mutex');
    known = semaphores.get(name) ?? { count, semaphore: new Semaphore(count) };
    semaphores.set(name, known);
    semaphoreCounts.set(name, count);
  }
  if (known.count !== count) throw countMismatch(name, known.count, count);
  return known.semaphore.runExclusive(fn);
}

function checkSemaphore(name: unknown, count: unknown): void {
  if (typeof name !== 'string' || name === '') {
    throw new BackgroundError(ErrorCodes.LOCK, 'A semaphore needs a name (a non-empty string).');
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new BackgroundError(
      ErrorCodes.LOCK,
      `Semaphore '${name}': the count must be a whole number of 1 or more, but got: ${String(count)}.`,
    );
  }
}

function countMismatch(name: string, first: number, now: number): BackgroundError {
  return new BackgroundError(
    ErrorCodes.LOCK,
    `Semaphore '${name}' has a count of ${first}, not ${now}.`,
    'Use one count per semaphore name.',
  );
}

function sharedLock<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
  return reentrant(
    key,
    () =>
      currentBackground()
        .store()
        .lock(key, () => inside(key, fn)),
    fn,
  );
}

function reentrant<T>(
  key: unknown,
  acquire: () => Promise<T>,
  fn: () => T | Promise<T>,
): Promise<T> {
  if (held.getStore()?.has(key) === true) return Promise.resolve().then(fn);
  return acquire();
}

function inside<T>(key: unknown, fn: () => T | Promise<T>): Promise<T> {
  const outer = held.getStore();
  const now = new Set(outer);
  now.add(key);
  return held.run(now, async () => fn());
}

function isLockable(value: object): value is Lockable {
  return (value as Partial<Lockable>)[LOCKABLE] === true;
}
