/**
 * PowerShell wildcards (`-like`, `-notlike`, `Get-ChildItem -Filter`, `switch -Wildcard`):
 * `*` any run of characters, `?` one character, `[abc]` and `[a-z]` one of a set, and a
 * backtick before any of them for the character itself.
 */
import type { Scalar } from './compare.js';
import { PowerShellError } from './errors.js';
import { toPsString } from './values.js';

const cache = new Map<string, RegExp>();

/** `-like` (`-clike`): whether the whole string matches the wildcard pattern. An array filters. */
export function like(
  value: readonly unknown[],
  pattern: string,
  caseSensitive?: boolean,
): unknown[];
export function like(value: Scalar, pattern: string, caseSensitive?: boolean): boolean;
export function like(value: unknown, pattern: string, caseSensitive?: boolean): boolean | unknown[];
export function like(value: unknown, pattern: string, caseSensitive = false): boolean | unknown[] {
  const regex = wildcardToRegExp(pattern, caseSensitive);
  if (Array.isArray(value)) return value.filter((item) => regex.test(toPsString(item)));
  return regex.test(toPsString(value));
}

/** `-notlike` (`-cnotlike`). An array answers the elements that do not match. */
export function notLike(
  value: readonly unknown[],
  pattern: string,
  caseSensitive?: boolean,
): unknown[];
export function notLike(value: Scalar, pattern: string, caseSensitive?: boolean): boolean;
export function notLike(
  value: unknown,
  pattern: string,
  caseSensitive?: boolean,
): boolean | unknown[];
export function notLike(
  value: unknown,
  pattern: string,
  caseSensitive = false,
): boolean | unknown[] {
  const regex = wildcardToRegExp(pattern, caseSensitive);
  if (Array.isArray(value)) return value.filter((item) => !regex.test(toPsString(item)));
  return !regex.test(toPsString(value));
}

/**
 * The regular expression that matches what a wildcard pattern matches, anchored at both ends.
 * Throws PowerShell's message for an unclosed `[`.
 */
export function wildcardToRegExp(pattern: string, caseSensitive = false): RegExp {
  const key = `${caseSensitive ? 'c' : 'i'}${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '`' && index + 1 < pattern.length) {
      source += escapeRegExp(pattern[++index]);
    } else if (char === '*') {
      source += '[\\s\\S]*';
    } else if (char === '?') {
      source += '[\\s\\S]';
    } else if (char === '[') {
      const end = closingBracket(pattern, index);
      if (end === -1) {
        throw new PowerShellError(
          'WildcardPatternException',
          `The specified wildcard character pattern is not valid: ${pattern}`,
        );
      }
      source += characterClass(pattern.slice(index + 1, end));
      index = end;
    } else {
      source += escapeRegExp(char);
    }
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}$`, caseSensitive ? '' : 'i');
  } catch {
    throw new PowerShellError(
      'WildcardPatternException',
      `The specified wildcard character pattern is not valid: ${pattern}`,
    );
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
}

function closingBracket(pattern: string, open: number): number {
  for (let index = open + 1; index < pattern.length; index++) {
    if (pattern[index] === '`') index++;
    else if (pattern[index] === ']' && index > open + 1) return index;
  }
  return -1;
}

function characterClass(body: string): string {
  let out = '';
  for (let index = 0; index < body.length; index++) {
    let char = body[index];
    if (char === '`' && index + 1 < body.length) char = body[++index];
    out += char === '-' && index > 0 && index < body.length - 1 ? '-' : escapeClassChar(char);
  }
  return `[${out}]`;
}

const escapeRegExp = (char: string) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const escapeClassChar = (char: string) => char.replace(/[\]\\^-]/g, '\\$&');
