/**
 * Access schemes (Pode's `New-PodeAccessScheme`): where the authorisation values of an
 * authenticated user come from. A scheme of type role, group, scope or user reads the user's
 * `Roles`, `Groups`, `Scopes` or `Username` (or another dotted `path`, or what `scriptBlock`
 * returns); a `custom` scheme pairs with the route's `customAccess` values and an `s.addAccess`
 * validator of your own.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { ResolvedAuthUser } from '../types.js';
import type { WebEvent } from '../web-event.js';

/** The kinds of access scheme: the four inbuilt kinds of route values, or `custom`. */
export type AccessType = 'role' | 'group' | 'scope' | 'user' | 'custom';

/** Reads a user's access values from wherever they live (a database, a directory). May be async. */
export type AccessValueReader = (
  user: ResolvedAuthUser | undefined,
  event: WebEvent | undefined,
) => unknown;

/** Options of `newAccessScheme`. */
export interface AccessSchemeOptions {
  /** `'role'`, `'group'`, `'scope'`, `'user'`, or `'custom'`. */
  type: AccessType;
  /**
   * A dotted property path on the user (`'Metadata.Groups'`). Default `Roles`, `Groups`, `Scopes`
   * or `Username` by type; property names match case-insensitively, as in PowerShell.
   */
  path?: string;
  /** Returns the user's values instead of a path (`-ScriptBlock`). A custom scheme needs this or `path`. */
  scriptBlock?: AccessValueReader;
}

/** An access scheme, made by {@link newAccessScheme}. */
export interface AccessScheme {
  readonly type: AccessType;
  /** The dotted path read from the user, when no `scriptBlock` is given. */
  readonly path: string | undefined;
  readonly scriptBlock: AccessValueReader | undefined;
}

const SCHEME_KEYS = optionKeys<AccessSchemeOptions>({ type: true, path: true, scriptBlock: true });
const TYPES: ReadonlySet<string> = new Set(['role', 'group', 'scope', 'user', 'custom']);
const DEFAULT_PATHS: Record<Exclude<AccessType, 'custom'>, string> = {
  role: 'Roles',
  group: 'Groups',
  scope: 'Scopes',
  user: 'Username',
};

/**
 * Makes an access scheme (`New-PodeAccessScheme`): `{ type: 'role' }` reads `user.Roles`;
 * `{ type: 'group', path: 'Metadata.Groups' }` another property; `{ type: 'scope', scriptBlock }`
 * the values the function returns; `{ type: 'custom', path | scriptBlock }` for custom access.
 */
export function newAccessScheme(options: AccessSchemeOptions): AccessScheme {
  if (options === null || typeof options !== 'object') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'newAccessScheme() needs { type }.',
      "Call newAccessScheme({ type: 'role' }).",
    );
  }
  rejectUnknownKeys('newAccessScheme()', options, SCHEME_KEYS);
  const type = typeof options.type === 'string' ? options.type.toLowerCase() : options.type;
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newAccessScheme(): type must be 'role', 'group', 'scope', 'user' or 'custom', but got: ${JSON.stringify(options.type)}`,
    );
  }
  const { path, scriptBlock } = options;
  if (path !== undefined && (typeof path !== 'string' || path.trim().length === 0)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `newAccessScheme(): path must be a non-empty dotted property path, but got: ${JSON.stringify(path)}`,
    );
  }
  if (scriptBlock !== undefined && typeof scriptBlock !== 'function') {
    throw setupError(
      ErrorCodes.BAD_HANDLER,
      `newAccessScheme(): scriptBlock must be a function (user, e) => values, but got: ${typeof scriptBlock}`,
    );
  }
  if (type === 'custom' && path === undefined && scriptBlock === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'newAccessScheme(): a custom access scheme needs a path or a scriptBlock.',
      "Pass { type: 'custom', path: 'CustomProp' } or { type: 'custom', scriptBlock: (user) => … }.",
    );
  }
  const accessType = type as AccessType;
  return Object.freeze({
    type: accessType,
    path:
      scriptBlock !== undefined
        ? undefined
        : (path ?? DEFAULT_PATHS[accessType as Exclude<AccessType, 'custom'>]),
    scriptBlock,
  });
}

/** @internal Whether `value` was made by {@link newAccessScheme}. */
export function isAccessScheme(value: unknown): value is AccessScheme {
  return (
    value !== null &&
    typeof value === 'object' &&
    TYPES.has((value as AccessScheme).type) &&
    ((value as AccessScheme).path !== undefined ||
      typeof (value as AccessScheme).scriptBlock === 'function')
  );
}

/** @internal The property at a dotted path of `value`, matching names case-insensitively. */
export function readPath(value: unknown, path: string): unknown {
  return readAtoms(value, path.split('.'));
}

/** @internal readPath with the path already split at its dots (split once at start-up). */
export function readAtoms(value: unknown, atoms: readonly string[]): unknown {
  let current = value;
  for (const atom of atoms) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    const record = current as Record<string, unknown>;
    if (atom in record) {
      current = record[atom];
      continue;
    }
    const lower = atom.toLowerCase();
    const key = Object.keys(record).find((name) => name.toLowerCase() === lower);
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

/** @internal A value, an array or nothing as an array (PowerShell's `@(…)`). */
export function asList(value: unknown): readonly unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  return [value];
}
