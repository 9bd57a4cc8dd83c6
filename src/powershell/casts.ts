/**
 * PowerShell's truthiness and casts: `if ($x)`, `[int]`, `[long]`, `[double]`, `[bool]`,
 * `[datetime]`, `[guid]`, `@(…)` and `.Count`.
 */
import { parseDateTime, toDateValue } from './dates.js';
import { conversionError, PowerShellError } from './errors.js';
import { isNull, isPlainObject, parsePsNumber, toPsString } from './values.js';

/**
 * PowerShell's truthiness: `$null`, '', 0 and an empty array are false; any other string is
 * true ('0' and 'False' too); a one-element array is its element's truthiness (an array element
 * is true when it is not empty); several elements are true; any other object is true.
 */
export function truthy(value: unknown): boolean {
  if (isNull(value)) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return false;
    if (value.length > 1) return true;
    const only: unknown = value[0];
    return Array.isArray(only) ? only.length > 0 : truthy(only);
  }
  return true;
}

/**
 * `[int]$value`: numbers rounded half to even (`[int]2.5` is 2, `[int]3.5` is 4), strings
 * parsed as PowerShell does ('42', ' 42 ', '0x2A', '1e3', '1kb', '' is 0), `$null` is 0,
 * booleans 1 and 0. Throws PowerShell's message when it cannot convert or overflows.
 */
export function toInt(value: unknown): number {
  return toInteger(value, 'System.Int32', -2_147_483_648, 2_147_483_647);
}

/** `[long]$value`: as {@link toInt}, with Int64's range (as far as a double holds it). */
export function toLong(value: unknown): number {
  return toInteger(value, 'System.Int64', -(2 ** 63), 2 ** 63 - 1024);
}

/** `[double]$value`: strings parsed as PowerShell does, `$null` and '' are 0. */
export function toDouble(value: unknown): number {
  if (isNull(value)) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const special = { nan: Number.NaN, infinity: Infinity, '-infinity': -Infinity }[
      value.trim().toLowerCase()
    ];
    if (special !== undefined) return special;
    const parsed = parsePsNumber(value);
    if (parsed === undefined) {
      throw conversionError(
        value,
        'System.Double',
        `The input string '${value}' was not in a correct format.`,
      );
    }
    return parsed;
  }
  if (Array.isArray(value) && value.length === 1) return toDouble(value[0]);
  throw cannotConvert(value, 'System.Double');
}

/** `[bool]$value`: the same as {@link truthy} (`[bool]'False'` is true, as in PowerShell). */
export function toBool(value: unknown): boolean {
  return truthy(value);
}

/**
 * A script block whose result Pode casts to `[bool]` (an access check's `-ScriptBlock`): the same
 * function, its result through {@link truthy} (`@('QA')` is true, an empty array false).
 */
export function boolResult<TArgs extends unknown[]>(
  fn: (...args: TArgs) => unknown,
): (...args: TArgs) => Promise<boolean> {
  return async (...args: TArgs) => truthy(await fn(...args));
}

/** `[datetime]$value`: a Date, a string parsed in the invariant culture, or .NET ticks. */
export function toDate(value: unknown): Date {
  if (typeof value === 'string') return parseDateTime(value);
  return toDateValue(value);
}

const GUID_FORMS = [
  /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i,
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i,
];

/**
 * `[guid]$value`: the 'N', 'D', 'B' and 'P' forms accepted, answered in the 'D' form
 * (lower-case, with hyphens) as PowerShell prints a Guid. Throws for anything else.
 */
export function toGuid(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : undefined;
  for (const form of text === undefined ? [] : GUID_FORMS) {
    const found = form.exec(text!);
    if (found !== null) return found.slice(1).join('-').toLowerCase();
  }
  if (isNull(value)) {
    throw new PowerShellError('NullConversion', 'Cannot convert null to type "System.Guid".');
  }
  throw conversionError(
    toPsString(value),
    'System.Guid',
    'Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).',
  );
}

/** `@(…)`: `$null` is an empty array, an array its items (a copy), anything else `[value]`. */
export function toArray<T>(value: T | readonly T[] | null | undefined): T[] {
  if (isNull(value)) return [];
  if (Array.isArray(value)) return [...(value as readonly T[])];
  return [value as T];
}

/**
 * `.Count` as PowerShell answers it: `$null` is 0, an array its length, an object with a
 * numeric `Count` (a group, a measurement) that number, a hashtable (plain object or Map) its
 * number of keys, a Set its size, and any other single value (a string too) 1.
 */
export function count(value: unknown): number {
  if (isNull(value)) return 0;
  if (Array.isArray(value)) return value.length;
  // an object's own Count wins (Group-Object's groups, Measure-Object's result, @{ Count = 5 })
  const own = (value as { Count?: unknown }).Count;
  if (typeof own === 'number') return own;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (isPlainObject(value)) return Object.keys(value).length;
  return 1;
}

/** Round half to even, as .NET's `Math.Round` and PowerShell's integer casts do. */
export function roundHalfEven(value: number): number {
  if (!Number.isFinite(value)) return value;
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function toInteger(value: unknown, typeName: string, minimum: number, maximum: number): number {
  let number: number;
  if (isNull(value)) return 0;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'bigint') number = Number(value);
  else if (typeof value === 'boolean') return value ? 1 : 0;
  else if (typeof value === 'string') {
    const parsed = parsePsNumber(value);
    if (parsed === undefined) {
      throw conversionError(
        value,
        typeName,
        `The input string '${value}' was not in a correct format.`,
      );
    }
    number = parsed;
  } else if (Array.isArray(value) && value.length === 1) {
    return toInteger(value[0], typeName, minimum, maximum);
  } else {
    throw cannotConvert(value, typeName);
  }
  const rounded = roundHalfEven(number);
  if (!Number.isFinite(rounded) || rounded < minimum || rounded > maximum) {
    const short = typeName.replace('System.', '');
    throw conversionError(
      toPsString(value),
      typeName,
      `Value was either too large or too small for an ${short}.`,
    );
  }
  return rounded === 0 ? 0 : rounded;
}

function cannotConvert(value: unknown, typeName: string): PowerShellError {
  const shown = Array.isArray(value) ? 'System.Object[]' : toPsString(value);
  const from = Array.isArray(value)
    ? 'System.Object[]'
    : value instanceof Date
      ? 'System.DateTime'
      : 'System.Collections.Hashtable';
  return new PowerShellError(
    'ConvertToFinalInvalidCastException',
    `Cannot convert the "${shown}" value of type "${from}" to type "${typeName}".`,
  );
}
