/**
 * The pipeline cmdlets ported code uses on collections: `Where-Object`, `ForEach-Object`,
 * `Select-Object`, `Sort-Object`, `Group-Object`, `Measure-Object`. Each takes `$null` as no
 * items and a single value as one item, as the pipeline does.
 */
import { toArray, toDouble, truthy } from './casts.js';
import { compareValues, eq, type Scalar } from './compare.js';
import { isNull, isPlainObject, type PsObject, setOwn, toPsString } from './values.js';

/** A property to select or sort by: a name, or a calculated property as `@{ Name; Expression }`. */
export type PropertySpec = string | { name: string; expression: (item: unknown) => unknown };

/** `Where-Object { … }`: the items for which `test` is truthy (PowerShell's truthiness). */
export function whereObject<T>(
  items: T | readonly T[] | null | undefined,
  test: (item: T, index: number) => unknown,
): T[] {
  return toArray(items).filter((item, index) => truthy(test(item, index)));
}

/**
 * `ForEach-Object { … }`: what `body` returns for each item, collected as the pipeline collects
 * output: an array returned is unrolled, `undefined` (no output) is dropped, `null` is kept.
 */
export function forEachObject<T>(
  items: T | readonly T[] | null | undefined,
  body: (item: T, index: number) => unknown,
): unknown[] {
  const out: unknown[] = [];
  toArray(items).forEach((item, index) => {
    const result = body(item, index);
    if (result === undefined) return;
    if (Array.isArray(result)) out.push(...result);
    else out.push(result);
  });
  return out;
}

/** Options of {@link selectObject}: `Select-Object`'s parameters. */
export interface SelectObjectOptions {
  first?: number;
  last?: number;
  skip?: number;
  /** New objects with only these properties (missing ones are `$null`). */
  property?: PropertySpec | PropertySpec[];
  /** The values of one property instead of the items (arrays unrolled). */
  expandProperty?: string;
  /** Drop repeated items (case-sensitive, as `-Unique` is). */
  unique?: boolean;
}

/**
 * `Select-Object`: `-Property` and `-ExpandProperty` first, then `-Unique`, then `-Skip`, and
 * `-First`/`-Last` of what remains.
 */
export function selectObject(items: unknown, options: SelectObjectOptions = {}): unknown[] {
  let list = toArray(items);
  if (options.property !== undefined) {
    const specs = Array.isArray(options.property) ? options.property : [options.property];
    list = list.map((item) => {
      const selected: PsObject = {};
      for (const spec of specs) {
        if (typeof spec === 'string')
          setOwn(selected, propertyName(item, spec), propertyOf(item, spec));
        else setOwn(selected, spec.name, spec.expression(item));
      }
      return selected;
    });
  }
  if (options.expandProperty !== undefined) {
    const name = options.expandProperty;
    list = list.flatMap((item) => {
      const value = propertyOf(item, name);
      return Array.isArray(value) ? value : [value];
    });
  }
  if (options.unique === true) list = uniqueItems(list, true);
  if (options.skip !== undefined) list = list.slice(Math.max(0, options.skip));
  if (options.first !== undefined || options.last !== undefined) {
    const head = options.first === undefined ? [] : list.slice(0, Math.max(0, options.first));
    const tail = options.last === undefined || options.last <= 0 ? [] : list.slice(-options.last);
    list =
      options.first !== undefined && options.last !== undefined
        ? [...head, ...tail]
        : options.first !== undefined
          ? head
          : tail;
  }
  return list;
}

/** Options of {@link sortObject}: `Sort-Object`'s parameters. */
export interface SortObjectOptions {
  /** Sort by these properties in turn (a name or a calculated property); default the items. */
  property?: PropertySpec | PropertySpec[];
  descending?: boolean;
  /** Keep one of each equal item (case-insensitive unless `caseSensitive`). */
  unique?: boolean;
  caseSensitive?: boolean;
}

/**
 * `Sort-Object`: a stable sort with PowerShell's comparison (strings case-insensitive unless
 * `caseSensitive`, numbers numerically, `$null` first). Items that cannot be compared keep
 * their order relative to each other by their string forms.
 */
export function sortObject<T>(
  items: T | readonly T[] | null | undefined,
  options: SortObjectOptions = {},
): T[] {
  const specs =
    options.property === undefined
      ? []
      : Array.isArray(options.property)
        ? options.property
        : [options.property];
  const caseSensitive = options.caseSensitive === true;
  const keyed = toArray(items).map((item) => ({
    item,
    keys: specs.length === 0 ? [item as unknown] : specs.map((spec) => keyOf(item, spec)),
  }));
  const direction = options.descending === true ? -1 : 1;
  keyed.sort((a, b) => {
    for (let index = 0; index < a.keys.length; index++) {
      const order = safeCompare(a.keys[index], b.keys[index], caseSensitive);
      if (order !== 0) return order * direction;
    }
    return 0;
  });
  let sorted = keyed;
  if (options.unique === true) {
    sorted = keyed.filter(
      (entry, index) =>
        index === 0 ||
        entry.keys.some(
          (key, at) => safeCompare(key, keyed[index - 1].keys[at], caseSensitive) !== 0,
        ),
    );
  }
  return sorted.map((entry) => entry.item);
}

/** One group of {@link groupObject}. */
export interface GroupInfo<T = unknown> {
  /** The group's value as a string (several properties joined with ', '). */
  Name: string;
  Count: number;
  Group: T[];
}

/**
 * `Group-Object`: items grouped by a property (or several, or a calculated one), equal values
 * case-insensitive, and the groups sorted by their values, as PowerShell 7 answers them.
 */
export function groupObject<T>(
  items: T | readonly T[] | null | undefined,
  property: PropertySpec | PropertySpec[],
): GroupInfo<T>[] {
  const specs = Array.isArray(property) ? property : [property];
  const groups = new Map<string, { keys: unknown[]; info: GroupInfo<T> }>();
  for (const item of toArray(items)) {
    const keys = specs.map((spec) => keyOf(item, spec));
    const name = keys.map((key) => toPsString(key)).join(', ');
    const id = name.toLowerCase();
    const group = groups.get(id);
    if (group === undefined)
      groups.set(id, { keys, info: { Name: name, Count: 1, Group: [item] } });
    else {
      group.info.Count++;
      group.info.Group.push(item);
    }
  }
  const ordered = [...groups.values()].sort((a, b) => {
    for (let index = 0; index < a.keys.length; index++) {
      const order = safeCompare(a.keys[index], b.keys[index], false);
      if (order !== 0) return order;
    }
    return 0;
  });
  return ordered.map((group) => group.info);
}

/** Options of {@link measureObject}: `Measure-Object`'s switches. */
export interface MeasureObjectOptions {
  property?: string;
  sum?: boolean;
  average?: boolean;
  maximum?: boolean;
  minimum?: boolean;
}

/** What {@link measureObject} answers; each statistic only when asked for. */
export interface MeasureInfo {
  Count: number;
  Sum?: number;
  Average?: number;
  Maximum?: number;
  Minimum?: number;
}

/**
 * `Measure-Object`: the count of items (with `property`, of items that have it), and the sum,
 * average, maximum and minimum of the values (converted to numbers) when asked for.
 */
export function measureObject(items: unknown, options: MeasureObjectOptions = {}): MeasureInfo {
  const list = toArray(items);
  const values =
    options.property === undefined
      ? list.filter((item) => !isNull(item))
      : list.map((item) => propertyOf(item, options.property!)).filter((value) => !isNull(value));
  const numbers =
    options.sum || options.average || options.maximum || options.minimum
      ? values.map(toDouble)
      : [];
  const result: MeasureInfo = { Count: values.length };
  const sum = numbers.reduce((total, value) => total + value, 0);
  if (options.sum === true) result.Sum = sum;
  if (options.average === true)
    result.Average = numbers.length === 0 ? undefined : sum / numbers.length;
  if (options.maximum === true)
    result.Maximum = numbers.length === 0 ? undefined : Math.max(...numbers);
  if (options.minimum === true)
    result.Minimum = numbers.length === 0 ? undefined : Math.min(...numbers);
  return result;
}

/** A property of an item, found case-insensitively as PowerShell finds properties. */
export function propertyOf(item: unknown, name: string): unknown {
  if (isNull(item)) return null;
  if (item instanceof Map) {
    for (const [key, value] of item)
      if (String(key).toLowerCase() === name.toLowerCase()) return value;
    return null;
  }
  if (typeof item !== 'object' && typeof item !== 'string') return null;
  const record = item as Record<string, unknown>;
  if (name in Object(record) && !(name in Object.prototype)) return record[name] ?? null;
  const lower = name.toLowerCase();
  const key = Object.keys(Object(record)).find((candidate) => candidate.toLowerCase() === lower);
  if (key !== undefined) return record[key] ?? null;
  if (typeof item === 'string' && lower === 'length') return item.length;
  if (Array.isArray(item) && (lower === 'count' || lower === 'length')) return item.length;
  return null;
}

function propertyName(item: unknown, name: string): string {
  if (!isPlainObject(item)) return name;
  const lower = name.toLowerCase();
  return Object.keys(item).find((key) => key.toLowerCase() === lower) ?? name;
}

function keyOf(item: unknown, spec: PropertySpec): unknown {
  return typeof spec === 'string' ? propertyOf(item, spec) : spec.expression(item);
}

function safeCompare(left: unknown, right: unknown, caseSensitive: boolean): number {
  try {
    return compareValues(left, right, caseSensitive);
  } catch {
    return compareValues(toPsString(left), toPsString(right), caseSensitive);
  }
}

function uniqueItems(list: unknown[], caseSensitive: boolean): unknown[] {
  const kept: unknown[] = [];
  for (const item of list) {
    const seen = kept.some((other) =>
      isScalar(item) && isScalar(other) ? eq(other, item, caseSensitive) : other === item,
    );
    if (!seen) kept.push(item);
  }
  return kept;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value !== 'object' || value === null || value instanceof Date;
}
