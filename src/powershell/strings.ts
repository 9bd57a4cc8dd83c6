/**
 * `-join` and `[string]::IsNullOrEmpty`/`IsNullOrWhiteSpace`, with PowerShell's conversion of
 * values to strings.
 */
import { isNull, toPsString } from './values.js';

/** `-join`: the items as strings, `separator` between them; a single value is itself as a string. */
export function join(values: unknown, separator: unknown = ''): string {
  const items = Array.isArray(values) ? values : isNull(values) ? [] : [values];
  return items
    .map((item) => (Array.isArray(item) ? 'System.Object[]' : toPsString(item)))
    .join(toPsString(separator));
}

/** `[string]::IsNullOrEmpty($v)`: `$null` or a value whose string is ''. */
export function isNullOrEmpty(value: unknown): boolean {
  return isNull(value) || toPsString(value) === '';
}

/** `[string]::IsNullOrWhiteSpace($v)`: `$null`, or a value whose string is only white space. */
export function isNullOrWhiteSpace(value: unknown): boolean {
  return isNull(value) || toPsString(value).trim() === '';
}
