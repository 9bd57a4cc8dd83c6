import { SessionDataError } from '../errors.js';

/**
 * Copying session data. Session data is plain JSON (objects, arrays, strings, numbers, booleans,
 * null), and a hand-written walk copies such small values many times faster than
 * `structuredClone`, which serialises through V8's value serializer. cloneData makes a request's
 * working copy (anything not JSON, such as a Date, falls back to `structuredClone`);
 * storableCopy and checkStorable refuse, at the save, what JSON cannot keep, so that what is
 * stored is JSON in every store and nests at most MAX_DATA_DEPTH levels: the recursive copies and
 * comparisons of stored data never get near the stack's limit.
 */

/** A deep copy of `value`. */
export function cloneData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneData(value[i]);
    return copy as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = cloneData((value as Record<string, unknown>)[key]);
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = item;
    }
  }
  return copy as T;
}

/**
 * How deep session data may nest (objects and arrays inside one another). Deeper data is refused
 * when it is saved: JSON.stringify (RedisStore) overflows the stack at a few thousand levels, and
 * so would any recursive copy or comparison.
 */
export const MAX_DATA_DEPTH = 1000;

/**
 * A deep-frozen copy of `value` as JSON keeps it (what the memory store stores, so that it gives
 * back what RedisStore would): a `toJSON()` result instead of its object (a Date becomes its ISO
 * string), no keys for undefined values, null for undefined array items. Throws a
 * SessionDataError naming the place of anything JSON cannot keep as it is (see {@link walk}).
 * `key` is the top-level key `value` goes under (checked too); none when `value` is the whole data.
 */
export function storableCopy<T>(value: T, key?: string): T {
  try {
    if (key !== undefined && !isWellFormed(key)) throw new Unstorable(LONE_SURROGATE_KEY);
    return walk(value, key ?? '', 0, true) as T;
  } catch (error) {
    throw dataError(error, value, key);
  }
}

/** Throws the SessionDataError storableCopy would throw for `value`; copies nothing. */
export function checkStorable(value: unknown, key?: string): void {
  try {
    if (key !== undefined && !isWellFormed(key)) throw new Unstorable(LONE_SURROGATE_KEY);
    walk(value, key ?? '', 0, false);
  } catch (error) {
    throw dataError(error, value, key);
  }
}

const URI_SAFE = /^[A-Za-z0-9_.~-]*$/;

/**
 * A copy of `text` in a string of its own. V8 keeps a slice of a string as a view on the whole
 * (an id sliced from the Cookie header would keep the whole header alive while the session is
 * stored) and keeps strings built by `+=` as chains of pieces (a 21-character nanoid held as a
 * Map key costs some 350 bytes that way, 80 as a flat string).
 */
export function ownString(text: string): string {
  // encodeURIComponent returns the same characters for an id-safe string, in a new flat string.
  return URI_SAFE.test(text)
    ? encodeURIComponent(text)
    : (JSON.parse(JSON.stringify(text)) as string);
}

/** Something JSON cannot keep, found at `path` (innermost key first while it is being thrown). */
class Unstorable {
  readonly reason: string;
  readonly path: (string | number)[] = [];
  constructor(reason: string) {
    this.reason = reason;
  }
}

const LONE_SURROGATE_KEY = 'is a key with a lone UTF-16 surrogate, which UTF-8 cannot hold';
const TOO_DEEP = `nests deeper than ${MAX_DATA_DEPTH} levels`;

// Refuses what JSON would throw on (BigInt, a cycle, too deep), drop silently or change (a
// function, a symbol, NaN and Infinity, a Map or Set, a lone surrogate, which no UTF-8 store can
// keep), and with `copy` returns the frozen copy JSON.parse(JSON.stringify(value)) would give.
// Recursive: the depth is bounded by MAX_DATA_DEPTH, far below the stack's limit.
function walk(value: unknown, key: string, depth: number, copy: boolean): unknown {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) {
        throw new Unstorable('is a string with a lone UTF-16 surrogate, which UTF-8 cannot hold');
      }
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Unstorable(`is ${value}, which JSON stores as null`);
      return value;
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      throw new Unstorable('is a BigInt, which JSON cannot hold (store it as a string)');
    case 'function':
      throw new Unstorable('is a function, which JSON cannot hold');
    case 'symbol':
      throw new Unstorable('is a symbol, which JSON cannot hold');
  }
  if (value === null) return null;
  if (depth >= MAX_DATA_DEPTH) throw new Unstorable(TOO_DEEP);
  if (Array.isArray(value)) {
    const length = value.length;
    const out: unknown[] | undefined = copy ? new Array(length) : undefined;
    for (let i = 0; i < length; i++) {
      let item: unknown;
      try {
        item = walk(value[i], String(i), depth + 1, copy);
      } catch (error) {
        throw within(error, i);
      }
      if (out !== undefined) out[i] = item === undefined ? null : item;
    }
    return out === undefined ? undefined : Object.freeze(out);
  }
  const object = value as Record<string, unknown>;
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    if (typeof object.toJSON === 'function') return walk(object.toJSON(key), key, depth + 1, copy);
    const opaque = opaqueKind(object);
    if (opaque !== undefined) throw new Unstorable(`is a ${opaque}, which JSON stores as {}`);
  }
  const out: Record<string, unknown> | undefined = copy ? {} : undefined;
  for (const name of Object.keys(object)) {
    if (!isWellFormed(name)) {
      throw within(new Unstorable(LONE_SURROGATE_KEY), name);
    }
    let item: unknown;
    try {
      item = walk(object[name], name, depth + 1, copy);
    } catch (error) {
      throw within(error, name);
    }
    if (out === undefined || item === undefined) continue;
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
    if (name === '__proto__') {
      Object.defineProperty(out, name, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[name] = item;
    }
  }
  return out === undefined ? undefined : Object.freeze(out);
}

function within(error: unknown, key: string | number): unknown {
  if (error instanceof Unstorable) error.path.push(key);
  return error;
}

// Built-in objects whose contents JSON does not see (it writes {} for them).
function opaqueKind(value: object): string | undefined {
  if (value instanceof Map) return 'Map';
  if (value instanceof Set) return 'Set';
  if (value instanceof WeakMap) return 'WeakMap';
  if (value instanceof WeakSet) return 'WeakSet';
  if (value instanceof Promise) return 'Promise';
  if (value instanceof RegExp) return 'RegExp';
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return 'binary buffer';
  return undefined;
}

function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed (Node 20+; ES2024, newer than the lib this compiles against).
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

// The SessionDataError for what walk() threw under the top-level `key` (anything else, such as
// a throwing toJSON or getter, is kept as the cause). The path is only spelled out here.
function dataError(error: unknown, value: unknown, key: string | undefined): SessionDataError {
  const top: (string | number)[] = key === undefined ? [] : [key];
  if (!(error instanceof Unstorable)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new SessionDataError(
      `Session data cannot be stored: reading ${describePath(top)} failed: ${reason}`,
      error,
    );
  }
  let path = top.concat(error.path.reverse());
  let reason = error.reason;
  if (reason === TOO_DEEP) {
    const cycle = cyclePath(value, [], new Set());
    if (cycle !== null) {
      path = top.concat(cycle);
      reason = 'holds an object inside itself (a cycle), which JSON cannot hold';
    }
  }
  return new SessionDataError(`Session data cannot be stored: ${describePath(path)} ${reason}.`);
}

// The path to the first object found inside itself, or null (the depth is bounded by the caller:
// this runs only on data that nests past MAX_DATA_DEPTH, and stops there).
function cyclePath(
  value: unknown,
  path: (string | number)[],
  ancestors: Set<object>,
): (string | number)[] | null {
  if (value === null || typeof value !== 'object' || path.length > MAX_DATA_DEPTH) return null;
  if (ancestors.has(value)) return path;
  ancestors.add(value);
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    path.push(Array.isArray(value) ? Number(key) : key);
    const found = cyclePath(object[key], path, ancestors);
    if (found !== null) return found;
    path.pop();
  }
  ancestors.delete(value);
  return null;
}

function describePath(path: readonly (string | number)[]): string {
  const shown = path.length > 8 ? path.slice(0, 8) : path;
  let text = 'data';
  for (const key of shown) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]{0,39}$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
  }
  return path.length > shown.length ? `${text}… (${path.length} levels down)` : text;
}
