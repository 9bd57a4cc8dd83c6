/**
 * PowerShell's regular-expression operators: `-match`/`-notmatch` (with `$Matches`),
 * `-replace` (with .NET's `$1`, `${name}`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`) and `-split`
 * (with its max-substrings count). Case-insensitive unless `caseSensitive`.
 */
import { PowerShellError } from './errors.js';
import { isNull, toPsString } from './values.js';

/** The `$Matches` table: '0' for the whole match, '1', '2', … and named groups that matched. */
export type MatchTable = Record<string, string>;

const cache = new Map<string, RegExp>();

/**
 * `-match` (`-cmatch`): the `$Matches` table of the first match, or null. An array on the
 * left answers its matching elements instead (and, as in PowerShell, no table).
 */
export function match(
  value: readonly unknown[],
  pattern: string,
  caseSensitive?: boolean,
): unknown[];
export function match(
  value: string | number | boolean | null | undefined,
  pattern: string,
  caseSensitive?: boolean,
): MatchTable | null;
export function match(
  value: unknown,
  pattern: string,
  caseSensitive?: boolean,
): MatchTable | unknown[] | null;
export function match(
  value: unknown,
  pattern: string,
  caseSensitive = false,
): MatchTable | unknown[] | null {
  const regex = dotnetRegExp(pattern, caseSensitive);
  if (Array.isArray(value)) return value.filter((item) => regex.test(toPsString(item)));
  const found = regex.exec(toPsString(value));
  if (found === null) return null;
  const table: MatchTable = {};
  found.forEach((group, index) => {
    if (group !== undefined) table[String(index)] = group;
  });
  for (const [name, group] of Object.entries(found.groups ?? {})) {
    if (group !== undefined) table[name] = group;
  }
  return table;
}

/**
 * `-match` on one value, as the converter writes it where the left side is not an array: the
 * `$Matches` table of the first match, or null. (An array is matched as its string form: use
 * {@link match} to filter one.)
 */
export function matchOne(
  value: unknown,
  pattern: string,
  caseSensitive = false,
): MatchTable | null {
  return match(
    Array.isArray(value) ? toPsString(value) : (value as string),
    pattern,
    caseSensitive,
  );
}

/** `-notmatch` (`-cnotmatch`): true when it does not match. An array answers the others. */
export function notMatch(
  value: readonly unknown[],
  pattern: string,
  caseSensitive?: boolean,
): unknown[];
export function notMatch(
  value: string | number | boolean | null | undefined,
  pattern: string,
  caseSensitive?: boolean,
): boolean;
export function notMatch(
  value: unknown,
  pattern: string,
  caseSensitive?: boolean,
): boolean | unknown[];
export function notMatch(
  value: unknown,
  pattern: string,
  caseSensitive = false,
): boolean | unknown[] {
  const regex = dotnetRegExp(pattern, caseSensitive);
  if (Array.isArray(value)) return value.filter((item) => !regex.test(toPsString(item)));
  return !regex.test(toPsString(value));
}

/**
 * `-replace` (`-creplace`): every match replaced, with .NET's substitutions in `replacement`
 * (`$1`, `${name}`, `$$`, `$&`/`$0`, `` $` ``, `$'`, `$+`, `$_`), or what a function returns
 * for each match (PowerShell 7's script-block replacement). An array answers each element
 * replaced.
 */
export function replace(
  value: readonly unknown[],
  pattern: string,
  replacement?: unknown,
  caseSensitive?: boolean,
): string[];
export function replace(
  value: unknown,
  pattern: string,
  replacement?: unknown,
  caseSensitive?: boolean,
): string;
export function replace(
  value: unknown,
  pattern: string,
  replacement: unknown = '',
  caseSensitive = false,
): string | string[] {
  const regex = dotnetRegExp(pattern, caseSensitive, 'g');
  const substitution = typeof replacement === 'function' ? '' : toPsString(replacement);
  const one = (item: unknown) =>
    toPsString(item).replace(regex, (...args: unknown[]) =>
      typeof replacement === 'function'
        ? toPsString((replacement as ReplaceCallback)(matchInfo(args)))
        : substitute(substitution, args),
    );
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** The match a script-block replacement receives (`$_` in `-replace 'x', { $_.Value }`). */
export interface ReplaceMatch {
  Value: string;
  Index: number;
  /** The groups: 0 is the whole match; a group that did not take part is ''. */
  Groups: string[];
}

/** A script-block replacement for {@link replace} (PowerShell 7). */
export type ReplaceCallback = (match: ReplaceMatch) => unknown;

function matchInfo(args: unknown[]): ReplaceMatch {
  const hasGroups = typeof args[args.length - 1] === 'object';
  const numbered = args.slice(0, args.length - (hasGroups ? 3 : 2)) as (string | undefined)[];
  const index = args[args.length - (hasGroups ? 3 : 2)] as number;
  return { Value: numbered[0] ?? '', Index: index, Groups: numbered.map((group) => group ?? '') };
}

/**
 * `-split`: the string cut at every match of `separator` (a regular expression,
 * case-insensitive unless `caseSensitive`), captured groups kept, as .NET's `Regex.Split`.
 * `max` > 0 gives at most that many pieces (the last holds the rest), < 0 counts from the
 * end; 0 or none, all. Without a separator it is the unary `-split`: split at runs of white
 * space, leading and trailing white space ignored. An array splits each element.
 */
export function split(
  value: unknown,
  separator?: string | null,
  caseSensitive = false,
  max = 0,
): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => split(item, separator, caseSensitive, max));
  }
  const text = isNull(value) ? '' : toPsString(value);
  if (isNull(separator)) {
    const trimmed = text.trim();
    return trimmed === '' ? [] : trimmed.split(/\s+/);
  }
  const regex = dotnetRegExp(separator, caseSensitive, 'g');
  if (max < 0) return splitFromEnd(text, regex, -max);
  const pieces: string[] = [];
  let start = 0;
  regex.lastIndex = 0;
  for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
    if (max > 0 && pieces.length >= max - 1) break;
    pieces.push(text.slice(start, found.index), ...captured(found));
    start = found.index + found[0].length;
    if (found[0] === '') regex.lastIndex++;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function splitFromEnd(text: string, regex: RegExp, max: number): string[] {
  const matches = [...text.matchAll(regex)].filter((found) => found[0] !== '');
  const used = matches.slice(Math.max(0, matches.length - (max - 1)));
  const pieces: string[] = [];
  let end = text.length;
  for (const found of used.reverse()) {
    const index = found.index ?? 0;
    pieces.unshift(...captured(found), text.slice(index + found[0].length, end));
    end = index;
  }
  pieces.unshift(text.slice(0, end));
  return pieces;
}

const captured = (found: RegExpMatchArray) =>
  found.slice(1).filter((group): group is string => group !== undefined);

/**
 * A JavaScript RegExp for a .NET pattern: a leading inline `(?i)`, `(?s)`, `(?m)`, `(?x)`-free
 * option group becomes flags, `\A` `\z` `\Z` become anchors, `(?<name>…)` is the same in both.
 * Throws PowerShell's message for a pattern that is not valid.
 */
export function dotnetRegExp(pattern: string, caseSensitive = false, extraFlags = ''): RegExp {
  const key = `${caseSensitive ? 'c' : 'i'}${extraFlags}/${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    cached.lastIndex = 0;
    return cached;
  }
  let source = pattern;
  let flags = caseSensitive ? '' : 'i';
  const inline = /^\(\?([imsn-]+)\)/.exec(source);
  if (inline !== null) {
    source = source.slice(inline[0].length);
    const [on, off = ''] = inline[1].split('-');
    for (const flag of on) if ('ims'.includes(flag) && !flags.includes(flag)) flags += flag;
    for (const flag of off) flags = flags.replace(flag, '');
  }
  source = source.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags + extraFlags);
  } catch (error) {
    throw new PowerShellError(
      'InvalidRegularExpression',
      `The regular expression pattern ${pattern} is not valid. ${(error as Error).message}`,
    );
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** Expands .NET's substitutions for one match (`args` as String.prototype.replace passes them). */
function substitute(replacement: string, args: unknown[]): string {
  const hasGroups = typeof args[args.length - 1] === 'object';
  const groups = (hasGroups ? args[args.length - 1] : undefined) as
    | Record<string, string | undefined>
    | undefined;
  const input = args[args.length - (hasGroups ? 2 : 1)] as string;
  const offset = args[args.length - (hasGroups ? 3 : 2)] as number;
  const numbered = args.slice(0, args.length - (hasGroups ? 3 : 2)) as (string | undefined)[];
  const whole = numbered[0] ?? '';
  return replacement.replace(
    /\$(?:(\$)|(&)|(`)|(')|(\+)|(_)|\{([^}]+)\}|(\d+))/g,
    (text, dollar, amp, before, after, last, all, name: string | undefined, digits) => {
      if (dollar !== undefined) return '$';
      if (amp !== undefined) return whole;
      if (before !== undefined) return input.slice(0, offset);
      if (after !== undefined) return input.slice(offset + whole.length);
      if (last !== undefined) return numbered.length > 1 ? (numbered.at(-1) ?? '') : whole;
      if (all !== undefined) return input;
      const key: string = name ?? digits;
      if (digits !== undefined) {
        // .NET takes the longest run of digits that names a group; the rest is literal.
        for (let length = digits.length; length > 0; length--) {
          const index = Number(digits.slice(0, length));
          if (index < numbered.length) return (numbered[index] ?? '') + digits.slice(length);
        }
        return text;
      }
      if (/^\d+$/.test(key)) {
        const index = Number(key);
        return index < numbered.length ? (numbered[index] ?? '') : text;
      }
      return groups !== undefined && key in groups ? (groups[key] ?? '') : text;
    },
  );
}
