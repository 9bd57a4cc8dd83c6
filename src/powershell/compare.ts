/**
 * PowerShell's comparison operators: `-eq -ne -gt -ge -lt -le`, `-contains -notcontains -in
 * -notin`. Strings compare case-insensitively unless `caseSensitive` (the `-c…` forms); the
 * right operand is converted to the left operand's type; an array on the left filters.
 */
import { toDateValue } from './dates.js';
import { PowerShellError } from './errors.js';
import { isNull, parsePsNumber, toPsString } from './values.js';

/** A scalar left operand: a comparison on it answers a boolean. */
export type Scalar = string | number | boolean | bigint | Date | null | undefined;

const insensitive = new Intl.Collator('en-US', { sensitivity: 'accent' });
const sensitive = new Intl.Collator('en-US', { sensitivity: 'variant', caseFirst: 'lower' });

/** `-eq` (`-ceq` with `caseSensitive`). An array on the left answers its matching elements. */
export function eq(left: readonly unknown[], right: unknown, caseSensitive?: boolean): unknown[];
export function eq(left: Scalar, right: unknown, caseSensitive?: boolean): boolean;
export function eq(left: unknown, right: unknown, caseSensitive?: boolean): boolean | unknown[];
export function eq(left: unknown, right: unknown, caseSensitive = false): boolean | unknown[] {
  if (Array.isArray(left)) return left.filter((item) => equals(item, right, caseSensitive));
  return equals(left, right, caseSensitive);
}

/** `-ne` (`-cne`). An array on the left answers its elements that differ. */
export function ne(left: readonly unknown[], right: unknown, caseSensitive?: boolean): unknown[];
export function ne(left: Scalar, right: unknown, caseSensitive?: boolean): boolean;
export function ne(left: unknown, right: unknown, caseSensitive?: boolean): boolean | unknown[];
export function ne(left: unknown, right: unknown, caseSensitive = false): boolean | unknown[] {
  if (Array.isArray(left)) return left.filter((item) => !equals(item, right, caseSensitive));
  return !equals(left, right, caseSensitive);
}

/** `-gt` (`-cgt`). Throws PowerShell's message when the two cannot be compared. */
export function gt(left: readonly unknown[], right: unknown, caseSensitive?: boolean): unknown[];
export function gt(left: Scalar, right: unknown, caseSensitive?: boolean): boolean;
export function gt(left: unknown, right: unknown, caseSensitive?: boolean): boolean | unknown[];
export function gt(left: unknown, right: unknown, caseSensitive = false): boolean | unknown[] {
  return ordered(left, right, caseSensitive, (order) => order > 0);
}

/** `-ge` (`-cge`). */
export function ge(left: readonly unknown[], right: unknown, caseSensitive?: boolean): unknown[];
export function ge(left: Scalar, right: unknown, caseSensitive?: boolean): boolean;
export function ge(left: unknown, right: unknown, caseSensitive?: boolean): boolean | unknown[];
export function ge(left: unknown, right: unknown, caseSensitive = false): boolean | unknown[] {
  return ordered(left, right, caseSensitive, (order) => order >= 0);
}

/** `-lt` (`-clt`). */
export function lt(left: readonly unknown[], right: unknown, caseSensitive?: boolean): unknown[];
export function lt(left: Scalar, right: unknown, caseSensitive?: boolean): boolean;
export function lt(left: unknown, right: unknown, caseSensitive?: boolean): boolean | unknown[];
export function lt(left: unknown, right: unknown, caseSensitive = false): boolean | unknown[] {
  return ordered(left, right, caseSensitive, (order) => order < 0);
}

/** `-le` (`-cle`). */
export function le(left: readonly unknown[], right: unknown, caseSensitive?: boolean): unknown[];
export function le(left: Scalar, right: unknown, caseSensitive?: boolean): boolean;
export function le(left: unknown, right: unknown, caseSensitive?: boolean): boolean | unknown[];
export function le(left: unknown, right: unknown, caseSensitive = false): boolean | unknown[] {
  return ordered(left, right, caseSensitive, (order) => order <= 0);
}

/** `-contains` (`-ccontains`): whether any element of the collection `-eq` the value. */
export function contains(collection: unknown, value: unknown, caseSensitive = false): boolean {
  const items = Array.isArray(collection) ? collection : [collection];
  return items.some((item) => equals(item, value, caseSensitive));
}

/** `-notcontains`. */
export function notContains(collection: unknown, value: unknown, caseSensitive = false): boolean {
  return !contains(collection, value, caseSensitive);
}

/** `-in` (`-cin`): `contains` with the operands the other way round. */
export function isIn(value: unknown, collection: unknown, caseSensitive = false): boolean {
  return contains(collection, value, caseSensitive);
}

/** `-notin`. */
export function notIn(value: unknown, collection: unknown, caseSensitive = false): boolean {
  return !contains(collection, value, caseSensitive);
}

/**
 * Orders two values as PowerShell's `Sort-Object` and `-lt` do: negative, zero or positive.
 * `$null` sorts first (as 0 beside numbers); the right value is converted to the left's type.
 */
export function compareValues(left: unknown, right: unknown, caseSensitive = false): number {
  if (isNull(left) || isNull(right)) {
    if (isNull(left) && isNull(right)) return 0;
    if (typeof right === 'number') return Math.sign(0 - right) || 0;
    if (typeof left === 'number') return Math.sign(left) || 0;
    return isNull(left) ? -1 : 1;
  }
  if (typeof left === 'string') return collate(left, toPsString(right), caseSensitive);
  if (typeof left === 'number' || typeof left === 'bigint') {
    const converted = toNumber(right);
    if (converted === undefined) throw cannotCompare(left, right, 'System.Int32');
    return Math.sign(Number(left) - converted) || 0;
  }
  if (typeof left === 'boolean') return Number(left) - Number(booleanOf(right));
  if (left instanceof Date) {
    return Math.sign(left.getTime() - toDateValue(right).getTime()) || 0;
  }
  throw new PowerShellError(
    'NotIcomparable',
    `Cannot compare "${toPsString(left)}" because it is not IComparable.`,
  );
}

function ordered(
  left: unknown,
  right: unknown,
  caseSensitive: boolean,
  test: (order: number) => boolean,
): boolean | unknown[] {
  if (Array.isArray(left)) {
    return left.filter((item) => test(compareValues(item, right, caseSensitive)));
  }
  return test(compareValues(left, right, caseSensitive));
}

/** `$left -eq $right` for a scalar left: never throws (a failed conversion is just unequal). */
function equals(left: unknown, right: unknown, caseSensitive: boolean): boolean {
  if (isNull(left)) return isNull(right);
  if (isNull(right)) return false;
  if (typeof left === 'string') {
    return collate(left, toPsString(right), caseSensitive) === 0;
  }
  if (typeof left === 'number' || typeof left === 'bigint') {
    const converted = toNumber(right);
    return converted !== undefined && Number(left) === converted;
  }
  if (typeof left === 'boolean') return left === booleanOf(right);
  if (left instanceof Date) {
    try {
      return left.getTime() === toDateValue(right).getTime();
    } catch {
      return false;
    }
  }
  return Object.is(left, right);
}

function collate(left: string, right: string, caseSensitive: boolean): number {
  if (left === right) return 0;
  const order = (caseSensitive ? sensitive : insensitive).compare(left, right);
  if (order !== 0 || !caseSensitive) return order;
  return left < right ? -1 : 1;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parsePsNumber(value);
  if (Array.isArray(value) && value.length === 1) return toNumber(value[0]);
  return undefined;
}

/** `[bool]$value` for the right operand of a comparison with a boolean. */
function booleanOf(value: unknown): boolean {
  if (isNull(value)) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function cannotCompare(left: unknown, right: unknown, typeName: string): PowerShellError {
  return new PowerShellError(
    'ComparisonFailure',
    `Could not compare "${toPsString(left)}" to "${toPsString(right)}". Error: "Cannot convert value "${toPsString(right)}" to type "${typeName}". Error: "The input string '${toPsString(right)}' was not in a correct format.""`,
  );
}
