/**
 * Ranges, slices and members as PowerShell has them: `$a..$b` (`range`), `$a[1..2]` and
 * `$a[0, -1]` (`itemsAt`), `$h.ContainsKey('K')` on a case-insensitive hashtable
 * (`containsKey`) and `Add-Member` (`addMember`).
 */
import { toInt } from './casts.js';
import { PowerShellError } from './errors.js';
import { isNull } from './values.js';

/** PowerShell refuses a range of more elements than this. */
const MAX_RANGE = 50_000_000;

/**
 * `$from..$to`: every integer from one end to the other, both included, counting down when
 * `to` is smaller. The ends are converted as `[int]` converts them (`1.5..3` is `2..3`).
 */
export function range(from: unknown, to: unknown): number[] {
  const start = toInt(from);
  const end = toInt(to);
  const length = Math.abs(end - start) + 1;
  if (length > MAX_RANGE) {
    throw new PowerShellError(
      'RangeTooBig',
      'The range operator produced a collection that is larger than the allowed limit.',
    );
  }
  const step = start <= end ? 1 : -1;
  return Array.from({ length }, (_, index) => start + index * step);
}

/**
 * `$value[$indexes]` with several indexes (`$a[1..2]`, `$a[0, -1]`): the elements at those
 * positions, in the order given; a negative index counts from the end, one out of range is
 * skipped. A string answers its characters; `$null` answers `$null`.
 */
export function itemsAt(value: string, indexes: readonly unknown[]): string[];
export function itemsAt<T>(value: readonly T[], indexes: readonly unknown[]): T[];
export function itemsAt(value: unknown, indexes: readonly unknown[]): unknown[] | null;
export function itemsAt(value: unknown, indexes: readonly unknown[]): unknown[] | null {
  if (isNull(value)) return null;
  const list: readonly unknown[] =
    typeof value === 'string' ? [...value] : Array.isArray(value) ? value : [value];
  const picked: unknown[] = [];
  for (const raw of indexes) {
    const index = toInt(raw);
    const position = index < 0 ? list.length + index : index;
    if (position >= 0 && position < list.length) picked.push(list[position]);
  }
  return picked;
}

/**
 * `$table.ContainsKey($key)`: PowerShell's hashtables (`@{}`, `[ordered]@{}`) compare string
 * keys ignoring case, so `@{ a = 1 }.ContainsKey('A')` is true. A Map is searched the same way.
 */
export function containsKey(table: unknown, key: unknown): boolean {
  if (isNull(table) || typeof table !== 'object') {
    throw new PowerShellError(
      'MethodNotFound',
      "Method invocation failed because the value does not contain a method named 'ContainsKey'.",
    );
  }
  const keys: unknown[] = table instanceof Map ? [...table.keys()] : Object.keys(table);
  if (typeof key !== 'string')
    return keys.some((candidate) => candidate === key || candidate === String(key));
  const wanted = key.toUpperCase();
  return keys.some(
    (candidate) => typeof candidate === 'string' && candidate.toUpperCase() === wanted,
  );
}

/** Options of {@link addMember}. */
export interface AddMemberOptions {
  /** `-Force`: replace a member of the same name. */
  force?: boolean;
  /** `-PassThru`: answer the object. */
  passThru?: boolean;
  /** `-MemberType`: only `NoteProperty` is supported. */
  memberType?: string;
}

/**
 * `$object | Add-Member -NotePropertyName $name -NotePropertyValue $value` (or `-MemberType
 * NoteProperty -Name … -Value …`): adds the property to the object. As in PowerShell, a member of
 * that name (in any case) is an error unless `force`; `passThru` answers the object.
 */
export function addMember<T extends object>(
  target: T,
  name: string,
  value: unknown,
  options: AddMemberOptions & { passThru: true },
): T;
export function addMember(
  target: unknown,
  name: string,
  value: unknown,
  options?: AddMemberOptions,
): undefined;
export function addMember(
  target: unknown,
  name: string,
  value: unknown,
  options: AddMemberOptions = {},
): unknown {
  if (options.memberType !== undefined && options.memberType.toLowerCase() !== 'noteproperty') {
    throw new PowerShellError(
      'NotSupported',
      `Add-Member -MemberType ${options.memberType} is not supported: only NoteProperty is.`,
    );
  }
  if (isNull(target) || typeof target !== 'object') {
    throw new PowerShellError(
      'NoObjectInGetMember',
      'Cannot add a member to a value that is not an object.',
    );
  }
  const record = target as Record<string, unknown>;
  const lower = name.toLowerCase();
  const existing = Object.keys(record).find((key) => key.toLowerCase() === lower);
  if (existing !== undefined && options.force !== true) {
    throw new PowerShellError(
      'MemberAlreadyExists',
      `Cannot add a member with the name "${name}" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.`,
    );
  }
  if (existing !== undefined) delete record[existing];
  Object.defineProperty(record, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return options.passThru === true ? target : undefined;
}
