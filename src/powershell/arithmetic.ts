/**
 * PowerShell's arithmetic where JavaScript's differs: `+` on strings, arrays and hashtables,
 * `*` repeating strings and arrays, `/` and `%` refusing to divide by zero. The left operand's
 * type decides, and the right operand is converted to it.
 */
import { roundHalfEven, toDouble } from './casts.js';
import { PowerShellError } from './errors.js';
import { isNull, isPlainObject, type PsObject, setOwn, toPsString } from './values.js';

/**
 * `$left + $right`: a string left concatenates the right as a string; an array left gives a
 * new array with the right appended (its items, if it is an array); a hashtable left with a
 * hashtable right gives a merged copy (a key in both throws, as in PowerShell); `$null` left
 * gives the right; otherwise numbers add (the right converted: `1 + '2'` is 3).
 */
export function add(left: string, right: unknown): string;
export function add(left: readonly unknown[], right: unknown): unknown[];
export function add(left: number | boolean, right: unknown): number;
export function add(left: unknown, right: unknown): unknown;
export function add(left: unknown, right: unknown): unknown {
  if (isNull(left)) return right;
  if (typeof left === 'string') return left + toPsString(right);
  if (Array.isArray(left)) return Array.isArray(right) ? [...left, ...right] : [...left, right];
  if (isPlainObject(left)) return mergeHashtables(left, right);
  if (left instanceof Date) {
    throw new PowerShellError(
      'MethodNotFound',
      `Method invocation failed because [System.DateTime] does not contain a method named 'op_Addition'.`,
    );
  }
  return numeric(left) + (isNull(right) ? 0 : numeric(right));
}

/**
 * `$left * $right`: a string or array left is repeated `right` times (rounded half to even,
 * as `[int]`); numbers multiply.
 */
export function multiply(left: string, right: unknown): string;
export function multiply(left: readonly unknown[], right: unknown): unknown[];
export function multiply(left: unknown, right: unknown): unknown;
export function multiply(left: unknown, right: unknown): unknown {
  if (typeof left === 'string' || Array.isArray(left)) {
    const times = roundHalfEven(toDouble(right));
    if (times < 0) {
      throw new PowerShellError(
        'ArgumentOutOfRange',
        'The value of the argument must not be negative.',
      );
    }
    if (typeof left === 'string') return left.repeat(times);
    return Array.from({ length: times }, () => left).flat();
  }
  if (isNull(left)) return null;
  return numeric(left) * numeric(right);
}

/** `$left / $right`: always a true division (`5 / 2` is 2.5); dividing by zero throws. */
export function divide(left: unknown, right: unknown): number {
  const divisor = numeric(right);
  if (divisor === 0) throw divideByZero();
  return numeric(left) / divisor;
}

/** `$left % $right`: the remainder with the sign of the left; dividing by zero throws. */
export function mod(left: unknown, right: unknown): number {
  const divisor = numeric(right);
  if (divisor === 0) throw divideByZero();
  const result = numeric(left) % divisor;
  return result === 0 ? 0 : result;
}

function mergeHashtables(left: PsObject, right: unknown): PsObject {
  if (!isPlainObject(right)) {
    throw new PowerShellError(
      'AddHashTableToNonHashTable',
      'A hash table can only be added to another hash table.',
    );
  }
  const merged: PsObject = { ...left };
  const keys = new Map(Object.keys(left).map((key) => [key.toLowerCase(), key]));
  for (const [key, value] of Object.entries(right)) {
    const existing = keys.get(key.toLowerCase());
    if (existing !== undefined) {
      throw new PowerShellError(
        'ArgumentException',
        `Item has already been added. Key in dictionary: '${existing}'  Key being added: '${key}'`,
      );
    }
    setOwn(merged, key, value);
  }
  return merged;
}

function numeric(value: unknown): number {
  if (isNull(value)) return 0;
  return toDouble(value);
}

function divideByZero(): PowerShellError {
  return new PowerShellError('RuntimeException', 'Attempted to divide by zero.');
}
