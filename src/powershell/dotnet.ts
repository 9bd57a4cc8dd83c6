/**
 * The .NET static methods ported code calls where JavaScript's differ: `[Math]::Round`
 * (banker's rounding), the other `[Math]` methods with PowerShell's argument conversion,
 * `[DateTime]::Parse` and `[guid]::NewGuid()`.
 */
import { randomUUID } from 'node:crypto';
import { roundHalfEven, toDouble } from './casts.js';
import { parseDateTime } from './dates.js';
import { PowerShellError } from './errors.js';
import { toPsString } from './values.js';

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, index) => 10 ** index);

/**
 * `[Math]::Round($value, $digits)`: rounds half to even (`[Math]::Round(2.5)` is 2) at 0 to 15
 * decimals, computed as .NET Core computes it: scaled by 10^digits, rounded, scaled back (so
 * `[Math]::Round(2.675, 2)` is 2.68, as 2.675 * 100 is exactly 267.5 in doubles).
 */
export function mathRound(value: unknown, digits = 0): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new PowerShellError(
      'ArgumentOutOfRangeException',
      'Rounding digits must be between 0 and 15, inclusive.',
    );
  }
  const number = toDouble(value);
  if (!Number.isFinite(number)) return number;
  if (digits === 0) return roundHalfEven(number);
  const power = POWERS_OF_TEN[digits];
  if (Math.abs(number) >= 1e16) return number;
  return roundHalfEven(number * power) / power;
}

/** `[Math]::Floor`. */
export function mathFloor(value: unknown): number {
  return Math.floor(toDouble(value));
}

/** `[Math]::Ceiling`. */
export function mathCeiling(value: unknown): number {
  return Math.ceil(toDouble(value));
}

/** `[Math]::Truncate`: the integral part, towards zero. */
export function mathTruncate(value: unknown): number {
  return Math.trunc(toDouble(value));
}

/** `[Math]::Abs`. */
export function mathAbs(value: unknown): number {
  return Math.abs(toDouble(value));
}

/** `[Math]::Max`: the larger of the two (NaN when either is NaN). */
export function mathMax(left: unknown, right: unknown): number {
  return Math.max(toDouble(left), toDouble(right));
}

/** `[Math]::Min`: the smaller of the two (NaN when either is NaN). */
export function mathMin(left: unknown, right: unknown): number {
  return Math.min(toDouble(left), toDouble(right));
}

/** `[Math]::Pow`. */
export function mathPow(base: unknown, exponent: unknown): number {
  return toDouble(base) ** toDouble(exponent);
}

/** `[Math]::Sqrt`: NaN for a negative number, as .NET answers. */
export function mathSqrt(value: unknown): number {
  return Math.sqrt(toDouble(value));
}

/** `[DateTime]::Parse($text)`: as `[datetime]` reads a string (invariant culture). */
export function dateTimeParse(value: unknown): Date {
  return parseDateTime(toPsString(value));
}

/** `[guid]::NewGuid()` and `New-Guid`: a random version-4 GUID in PowerShell's 'D' form. */
export function newGuid(): string {
  return randomUUID();
}
