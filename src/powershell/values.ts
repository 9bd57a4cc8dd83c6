/**
 * What a value is in PowerShell's terms, and how PowerShell turns it into a string: the
 * building blocks every other file of the runtime uses.
 */
import { formatDate } from './dates.js';

/** A PowerShell hashtable or custom object as the ported code holds it: a plain object. */
export type PsObject = Record<string, unknown>;

/** True for a plain object (`{}`, `Object.create(null)`), PowerShell's hashtable. */
export function isPlainObject(value: unknown): value is PsObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Sets an own, enumerable property, even one named `__proto__` (which plain assignment would
 * take as the object's prototype): keys from JSON or a request are data, never a prototype.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** True for `null` and `undefined`, both PowerShell's `$null`. */
export function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** True for a valid Date. */
export function isDate(value: unknown): value is Date {
  return value instanceof Date;
}

/**
 * How PowerShell turns a value into a string (`"$x"`, `[string]$x`): `$null` → '', booleans →
 * 'True'/'False', numbers as .NET prints them ('1E+15', '0.1'), arrays joined with spaces,
 * dates as 'MM/dd/yyyy HH:mm:ss', hashtables as 'System.Collections.Hashtable'.
 */
export function toPsString(value: unknown): string {
  if (Array.isArray(value)) return value.map(elementString).join(' ');
  return elementString(value);
}

function elementString(value: unknown): string {
  if (isNull(value)) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatDouble(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'function':
      return value.toString();
    case 'symbol':
      return value.description ?? '';
  }
  if (Array.isArray(value)) return 'System.Object[]';
  if (value instanceof Date) return formatDate(value, 'MM/dd/yyyy HH:mm:ss');
  if (value instanceof Map) return 'System.Collections.Hashtable';
  if (value instanceof Error) return value.message;
  if (isPlainObject(value)) return 'System.Collections.Hashtable';
  return String(value);
}

/**
 * A number as .NET's `ToString()` prints it. Safe integers print all their digits (PowerShell's
 * [int] and [long]); other values as a double: the shortest round-trip digits, in exponent form
 * ('1.5E+20', '1E-05') from 1e15 up and below 1e-4; 'NaN', 'Infinity', '-Infinity'.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= 15 || exponent < -4) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}E${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

const MULTIPLIERS: Record<string, number> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};

/**
 * A string read as a number the way PowerShell converts one: surrounding white space ignored,
 * '' is 0, decimal with an optional exponent, hexadecimal `0x1F`, binary `0b101`, the
 * multipliers `kb` … `pb`. Returns undefined when it is not a number.
 */
export function parsePsNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  const match =
    /^([+-]?)(0x[0-9a-f]+|0b[01]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(kb|mb|gb|tb|pb)?$/i.exec(
      trimmed,
    );
  if (match === null) return undefined;
  const [, sign, digits, multiplier] = match;
  const lower = digits.toLowerCase();
  let magnitude: number;
  if (lower.startsWith('0x')) magnitude = Number.parseInt(lower.slice(2), 16);
  else if (lower.startsWith('0b')) magnitude = Number.parseInt(lower.slice(2), 2);
  else magnitude = Number(lower);
  if (multiplier !== undefined) magnitude *= MULTIPLIERS[multiplier.toLowerCase()];
  return sign === '-' ? -magnitude : magnitude;
}

/** The .NET type name PowerShell reports for a value in its error messages. */
export function dotnetTypeName(value: unknown): string {
  if (isNull(value)) return 'null';
  if (Array.isArray(value)) return 'System.Object[]';
  switch (typeof value) {
    case 'string':
      return 'System.String';
    case 'number':
      return Number.isInteger(value) ? 'System.Int32' : 'System.Double';
    case 'boolean':
      return 'System.Boolean';
    case 'bigint':
      return 'System.Numerics.BigInteger';
    case 'function':
      return 'System.Management.Automation.ScriptBlock';
  }
  if (value instanceof Date) return 'System.DateTime';
  if (isPlainObject(value) || value instanceof Map) return 'System.Collections.Hashtable';
  return 'System.Object';
}
