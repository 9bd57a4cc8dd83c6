/**
 * -match with $Matches, -replace with .NET substitutions, -split with its count, -join, and
 * the [string] helpers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isNullOrEmpty,
  isNullOrWhiteSpace,
  join,
  match,
  matchOne,
  notMatch,
  PowerShellError,
  type ReplaceMatch,
  replace,
  split,
} from '../../src/powershell/index.js';

describe('-match and -notmatch', () => {
  it('answers the $Matches table: 0 for the whole match, numbered and named groups', () => {
    expect(match('user-42', '^(\\w+)-(?<id>\\d+)$')).toEqual({
      '0': 'user-42',
      '1': 'user',
      '2': '42',
      id: '42',
    });
  });

  it('is case-insensitive unless asked, and answers null when nothing matches', () => {
    expect(match('HELLO', 'hello')).toEqual({ '0': 'HELLO' });
    expect(match('HELLO', 'hello', true)).toBeNull();
    expect(notMatch('HELLO', 'hello')).toBe(false);
    expect(notMatch('HELLO', 'hello', true)).toBe(true);
  });

  it('leaves groups that did not take part out of $Matches', () => {
    expect(match('ac', 'a(b)?c')).toEqual({ '0': 'ac' });
  });

  it('filters an array on the left', () => {
    expect(match(['apple', 'banana', 'cherry'], 'an')).toEqual(['banana']);
    expect(notMatch(['apple', 'banana'], 'an')).toEqual(['apple']);
  });

  it('reads .NET inline options and anchors', () => {
    expect(match('Hello', '(?-i)hello')).toBeNull();
    expect(match('hello', '(?i)HELLO', true)).toEqual({ '0': 'hello' });
    expect(match('abc', '\\Aabc\\z')).toEqual({ '0': 'abc' });
  });

  it('converts a non-string value to its string and $null to ""', () => {
    expect(match(12345, '^\\d{3}')).toEqual({ '0': '123' });
    expect(match(null, '^$')).toEqual({ '0': '' });
  });

  it('throws PowerShell\u2019s message for an invalid pattern', () => {
    expect(() => match('a', '(')).toThrow(PowerShellError);
    expect(() => match('a', '(')).toThrow(/regular expression pattern \( is not valid/);
  });
});

describe('-replace', () => {
  it('replaces every match, case-insensitively unless asked', () => {
    expect(replace('Hello hello', 'hello', 'bye')).toBe('bye bye');
    expect(replace('Hello hello', 'hello', 'bye', true)).toBe('Hello bye');
  });

  it('expands .NET substitutions', () => {
    expect(replace('John Smith', '(\\w+) (\\w+)', '$2, $1')).toBe('Smith, John');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: .NET's ${name} substitution
    expect(replace('John Smith', '(?<first>\\w+) (?<last>\\w+)', '${last} ${first}')).toBe(
      'Smith John',
    );
    expect(replace('price', 'price', '$$5')).toBe('$5');
    expect(replace('abc', 'b', '[$&]')).toBe('a[b]c');
    expect(replace('abc', 'b', '[$0]')).toBe('a[b]c');
    expect(replace('abc', 'b', '[$`]')).toBe('a[a]c');
    expect(replace('abc', 'b', "[$']")).toBe('a[c]c');
    expect(replace('abc', 'b', '[$_]')).toBe('a[abc]c');
    expect(replace('abc', '(a)(b)', '$+')).toBe('bc');
  });

  it('reads $12 as group 1 and a literal 2 when there is no group 12, and keeps unknown ones', () => {
    expect(replace('ab', '(a)(b)', '$12')).toBe('a2');
    expect(replace('ab', '(a)(b)', '$9')).toBe('$9');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: .NET's ${name} substitution
    expect(replace('ab', '(a)(b)', '${nope}')).toBe('${nope}');
  });

  it('calls a function for each match, as a script-block replacement', () => {
    expect(replace('a1b22', '\\d+', (found: ReplaceMatch) => Number(found.Value) * 2)).toBe(
      'a2b44',
    );
    expect(
      replace(
        'key=value',
        '(\\w+)=(\\w+)',
        ({ Groups }: ReplaceMatch) => `${Groups[2]}=${Groups[1]}`,
      ),
    ).toBe('value=key');
  });

  it('removes matches without a replacement and maps over an array', () => {
    expect(replace('a1b2c3', '\\d')).toBe('abc');
    expect(replace(['a1', 'b2'], '\\d', '#')).toEqual(['a#', 'b#']);
    expect(replace(null, 'x', 'y')).toBe('');
  });
});

describe('-split', () => {
  it('splits at a regular expression, case-insensitively', () => {
    expect(split('a,b,,c', ',')).toEqual(['a', 'b', '', 'c']);
    expect(split('aXbxc', 'x')).toEqual(['a', 'b', 'c']);
    expect(split('aXbxc', 'x', true)).toEqual(['aXb', 'c']);
    expect(split('a.b', '.')).toEqual(['', '', '', '']); // '.' is a regular expression
  });

  it('keeps captured separators, as .NET\u2019s Regex.Split does', () => {
    expect(split('a1b2c', '(\\d)')).toEqual(['a', '1', 'b', '2', 'c']);
  });

  it('stops at max pieces, the last holding the rest; a negative max counts from the end', () => {
    expect(split('a,b,c,d', ',', false, 2)).toEqual(['a', 'b,c,d']);
    expect(split('a,b,c,d', ',', false, 0)).toEqual(['a', 'b', 'c', 'd']);
    expect(split('a,b,c,d', ',', false, -2)).toEqual(['a,b,c', 'd']);
    expect(split('a,b', ',', false, 10)).toEqual(['a', 'b']);
  });

  it('splits at runs of white space without a separator (the unary -split)', () => {
    expect(split('  one two\t three\n', null)).toEqual(['one', 'two', 'three']);
    expect(split('   ', null)).toEqual([]);
  });

  it('splits each element of an array, and $null as ""', () => {
    expect(split(['a-b', 'c-d'], '-')).toEqual(['a', 'b', 'c', 'd']);
    expect(split(null, ',')).toEqual(['']);
  });

  it('splits at an empty pattern between every character, with empty ends as .NET does', () => {
    expect(split('abc', '')).toEqual(['', 'a', 'b', 'c', '']);
  });
});

describe('-join and the [string] helpers', () => {
  it('joins values as PowerShell strings', () => {
    expect(join([1, 'a', true, null], ',')).toBe('1,a,True,');
    expect(join(['a', 'b'])).toBe('ab');
    expect(join('single', ',')).toBe('single');
    expect(join(null, ',')).toBe('');
    expect(join([1, [2, 3]], '-')).toBe('1-System.Object[]');
  });

  it('IsNullOrEmpty and IsNullOrWhiteSpace', () => {
    expect(isNullOrEmpty(null)).toBe(true);
    expect(isNullOrEmpty('')).toBe(true);
    expect(isNullOrEmpty(' ')).toBe(false);
    expect(isNullOrEmpty(0)).toBe(false);
    expect(isNullOrWhiteSpace(' \t\n')).toBe(true);
    expect(isNullOrWhiteSpace(undefined)).toBe(true);
    expect(isNullOrWhiteSpace('x')).toBe(false);
  });
});

describe('properties of split, join and replace', () => {
  const plain = fc.string().filter((text) => !text.includes(','));

  it('joining what split cut at a literal separator gives the text back', () => {
    fc.assert(
      fc.property(fc.array(plain), (parts) => {
        const text = parts.join(',');
        expect(join(split(text, ','), ',')).toBe(text);
        expect(split(text, ',')).toEqual(parts.length === 0 ? [''] : parts);
      }),
    );
  });

  it('split with max n gives at most n pieces that join back to the text', () => {
    fc.assert(
      fc.property(fc.array(plain), fc.integer({ min: 1, max: 6 }), (parts, max) => {
        const text = parts.join(',');
        const pieces = split(text, ',', false, max);
        expect(pieces.length).toBeLessThanOrEqual(max);
        expect(pieces.join(',')).toBe(text);
      }),
    );
  });

  it('replacing a literal with itself changes nothing, and $& is the match', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z]{1,3}$/), (text, word) => {
        expect(replace(text, word, '$&')).toBe(text);
        expect(replace(text, word, '')).toBe(text.replace(new RegExp(word, 'gi'), ''));
      }),
    );
  });

  it('match finds what RegExp finds, and notMatch is its negation', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z.]{1,3}$/), (text, pattern) => {
        const found = new RegExp(pattern, 'i').exec(text);
        const table = match(text, pattern);
        expect(table?.['0'] ?? null).toBe(found?.[0] ?? null);
        expect(notMatch(text, pattern)).toBe(found === null);
      }),
    );
  });
});

describe('matchOne', () => {
  it('answers the $Matches table of one value, or null', () => {
    expect(matchOne('user-42', '^(\\w+)-(\\d+)$')).toEqual({ 0: 'user-42', 1: 'user', 2: '42' });
    expect(matchOne('user-42', '-(?<id>\\d+)$')?.id).toBe('42');
    expect(matchOne('USER', 'user')).toEqual({ 0: 'USER' });
    expect(matchOne('USER', 'user', true)).toBeNull();
    expect(matchOne(null, '^$')).toEqual({ 0: '' });
    expect(matchOne(42, '^\\d+$')).toEqual({ 0: '42' });
  });

  it('matches an array as its string form, never filtering', () => {
    expect(matchOne(['a', 'b'], '^a b$')).toEqual({ 0: 'a b' });
  });
});
