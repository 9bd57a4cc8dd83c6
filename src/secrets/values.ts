/**
 * What a secret value may be, and the property selection of a mounted secret: pure helpers of the
 * secrets capability.
 */
import { ErrorCodes, PodeError } from '../errors.js';

/** A secret's value: a string, an object of values (Pode's hashtable secret), or bytes. */
export type SecretValue = string | Buffer | { [key: string]: unknown };

/** A secret misuse at run time (an unknown vault or mount, a vault script failing…): a 500, logged. */
export class SecretError extends PodeError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super(ErrorCodes.SECRET, message, hint);
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * A value made fit for a vault, as Pode's `Protect-PodeSecretValueType`: numbers, booleans and
 * dates become strings, null and undefined the empty string; strings, plain objects and bytes stay.
 */
export function protectSecretValue(value: unknown): SecretValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (value instanceof Map) return Object.fromEntries(value) as { [key: string]: unknown };
  if (typeof value === 'object' && !Array.isArray(value))
    return value as { [key: string]: unknown };
  throw new SecretError(
    `A secret's value must be a string, an object of values, or bytes, but got: ${Array.isArray(value) ? 'an array' : typeof value}`,
    'Store a list as a string (JSON) or as an object of named values.',
  );
}

/** Pode's `-ExpandProperty`: the one member's value (names compared case-insensitively). */
export function expandProperty(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') return null;
  return memberOf(value as Record<string, unknown>, name);
}

/** Pode's `-Property`: an object of only these members. */
export function selectProperties(
  value: unknown,
  names: readonly string[],
): Record<string, unknown> {
  const source =
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((name) => [name, memberOf(source, name)]));
}

function memberOf(value: Record<string, unknown>, name: string): unknown {
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? null : value[key];
}
