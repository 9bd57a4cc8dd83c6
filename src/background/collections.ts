/**
 * Pode 2.12's concurrent collections for shared state (`New-PodeStateDictionary`,
 * `New-PodeStateList`…). .NET needs them because runspaces change one object from several
 * threads at once; a pode-ts process runs its JavaScript on one thread, so a plain object or
 * array is already safe to change between awaits, and, unlike a class, survives the JSON copy
 * state makes under `threads: N` and Redis. These functions make those plain values, and
 * `tryAdd` is the `.TryAdd()` both kinds have.
 */
import { BackgroundError, ErrorCodes } from '../errors.js';

/** A new dictionary for shared state (Pode's `New-PodeStateDictionary`): a plain object, `data` copied in. */
export function newStateDictionary<T = unknown>(data: Record<string, T> = {}): Record<string, T> {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new BackgroundError(
      ErrorCodes.STATE,
      'newStateDictionary() takes an object of initial entries.',
    );
  return { ...data };
}

/** The same as {@link newStateDictionary}: plain objects keep their keys in insertion order. */
export const newStateOrderedDictionary = newStateDictionary;

/** A new list for shared state (Pode's `New-PodeStateList`): a plain array, `data` copied in. */
export function newStateList<T = unknown>(data: readonly T[] = []): T[] {
  if (!Array.isArray(data))
    throw new BackgroundError(ErrorCodes.STATE, 'newStateList() takes an array of initial items.');
  return [...data];
}

/** The same as {@link newStateList} (Pode's `New-PodeStateBag`, an unordered list). */
export const newStateBag = newStateList;

/**
 * `.TryAdd()` of Pode's state collections. On a list (array): `tryAdd(list, item, unique?)`
 * appends the item, unless `unique` and it is there already. On a dictionary (object):
 * `tryAdd(dictionary, key, value)` sets the key unless it exists. True when something was added.
 */
export function tryAdd(collection: unknown, first: unknown, second?: unknown): boolean {
  if (Array.isArray(collection)) {
    if (second === true && collection.includes(first)) return false;
    collection.push(first);
    return true;
  }
  if (collection !== null && typeof collection === 'object' && !(collection instanceof Map)) {
    const key = String(first);
    if (Object.hasOwn(collection, key)) return false;
    (collection as Record<string, unknown>)[key] = second;
    return true;
  }
  if (collection instanceof Map) {
    if (collection.has(first)) return false;
    collection.set(first, second);
    return true;
  }
  throw new BackgroundError(
    ErrorCodes.STATE,
    `tryAdd() needs a list (array) or a dictionary (object), but got: ${collection === null ? 'null' : typeof collection}.`,
  );
}
