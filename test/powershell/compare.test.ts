/**
 * PowerShell's comparison operators: case-insensitive strings, the right operand converted to
 * the left's type, arrays on the left filtering; and -like wildcards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contains,
  eq,
  ge,
  gt,
  isIn,
  le,
  like,
  lt,
  ne,
  notContains,
  notIn,
  notLike,
  PowerShellError,
} from '../../src/powershell/index.js';

describe('-eq and -ne', () => {
  it('compares strings case-insensitively unless asked to be case-sensitive', () => {
    expect(eq('Hello', 'hello')).toBe(true);
    expect(eq('Hello', 'hello', true)).toBe(false);
    expect(ne('Hello', 'HELLO')).toBe(false);
    expect(ne('Hello', 'HELLO', true)).toBe(true);
  });

  it('converts the right operand to the type of the left one', () => {
    expect(eq('10', 10)).toBe(true);
    expect(eq(10, '10')).toBe(true);
    expect(eq(10, '10.0')).toBe(true);
    expect(eq('10.0', 10)).toBe(false); // 10 as a string is '10'
    expect(eq(16, '0x10')).toBe(true);
    expect(eq(0, '')).toBe(true); // [int]'' is 0
    expect(eq(10, 'ten')).toBe(false); // a failed conversion is unequal, not an error
    expect(eq(true, 'false')).toBe(true); // any non-empty string is $true
    expect(eq(false, '')).toBe(true);
    expect(eq('True', true)).toBe(true);
  });

  it('treats $null as equal only to $null', () => {
    expect(eq(null, null)).toBe(true);
    expect(eq(undefined, null)).toBe(true);
    expect(eq(null, 0)).toBe(false);
    expect(eq(0, null)).toBe(false);
    expect(eq('', null)).toBe(false);
  });

  it('compares dates to dates and to strings that parse', () => {
    const date = new Date(2024, 0, 31, 10, 0, 0);
    expect(eq(date, new Date(date.getTime()))).toBe(true);
    expect(eq(date, '2024-01-31 10:00:00')).toBe(true);
    expect(eq(date, 'not a date')).toBe(false);
  });

  it('filters an array on the left', () => {
    expect(eq([1, 2, 3, 2], 2)).toEqual([2, 2]);
    expect(eq(['a', 'B', 'b'], 'b')).toEqual(['B', 'b']);
    expect(ne([1, 2, 3], 2)).toEqual([1, 3]);
    expect(eq([1, 2], 5)).toEqual([]);
  });

  it('compares objects by reference', () => {
    const object = { a: 1 };
    expect(eq(object, object)).toBe(true);
    expect(eq({ a: 1 }, { a: 1 })).toBe(false);
  });
});

describe('-gt -ge -lt -le', () => {
  it('orders numbers numerically and strings by culture, case-insensitively', () => {
    expect(gt(10, 9)).toBe(true);
    expect(gt('10', '9')).toBe(false); // string comparison
    expect(gt(10, '9')).toBe(true); // right converted to a number
    expect(lt('apple', 'Banana')).toBe(true);
    expect(ge('abc', 'ABC')).toBe(true);
    expect(le('abc', 'ABC')).toBe(true);
    expect(lt('a', 'A', true)).toBe(true); // lower case first, as .NET's culture compare
    expect(gt('a', 'A', true)).toBe(false);
  });

  it('puts $null below any value, and at 0 beside numbers', () => {
    expect(lt(null, 1)).toBe(true);
    expect(gt(1, null)).toBe(true);
    expect(lt(null, 0)).toBe(false);
    expect(lt(null, 'a')).toBe(true);
  });

  it('filters an array on the left', () => {
    expect(gt([1, 5, 10], 4)).toEqual([5, 10]);
    expect(le([1, 5, 10], 5)).toEqual([1, 5]);
  });

  it('throws PowerShell\u2019s message when a number is compared with text that is not a number', () => {
    expect(() => gt(10, 'abc')).toThrow(PowerShellError);
    expect(() => gt(10, 'abc')).toThrow(/Could not compare "10" to "abc"/);
  });

  it('orders dates and booleans', () => {
    expect(lt(new Date(2020, 0, 1), new Date(2021, 0, 1))).toBe(true);
    expect(gt(new Date(2021, 0, 1), '2020-06-01')).toBe(true);
    expect(gt(true, false)).toBe(true);
  });
});

describe('-contains -notcontains -in -notin', () => {
  it('finds an element with -eq semantics', () => {
    expect(contains(['a', 'b'], 'B')).toBe(true);
    expect(contains(['a', 'b'], 'B', true)).toBe(false);
    expect(contains([1, 2, 3], '2')).toBe(true);
    expect(notContains([1, 2, 3], 4)).toBe(true);
    expect(isIn('GET', ['get', 'post'])).toBe(true);
    expect(notIn('PUT', ['get', 'post'])).toBe(true);
  });

  it('treats a scalar collection as one element and $null as none', () => {
    expect(contains('abc', 'abc')).toBe(true);
    expect(contains('abc', 'b')).toBe(false); // not a substring test
    expect(contains(null, 'a')).toBe(false);
    expect(contains(null, null)).toBe(true);
  });
});

describe('-like and -notlike', () => {
  it('matches * ? and character sets against the whole string, case-insensitively', () => {
    expect(like('Hello.ps1', '*.PS1')).toBe(true);
    expect(like('Hello.ps1', '*.PS1', true)).toBe(false);
    expect(like('cat', 'c?t')).toBe(true);
    expect(like('coat', 'c?t')).toBe(false);
    expect(like('b7', '[a-c][0-9]')).toBe(true);
    expect(like('d7', '[a-c][0-9]')).toBe(false);
    expect(like('x', '[xyz]')).toBe(true);
    expect(like('hello world', 'hello')).toBe(false);
    expect(like('', '*')).toBe(true);
  });

  it('takes a backtick-escaped wildcard character literally', () => {
    expect(like('a*b', 'a`*b')).toBe(true);
    expect(like('axb', 'a`*b')).toBe(false);
    expect(like('what?', 'what`?')).toBe(true);
    expect(like('[x]', '`[x`]')).toBe(true);
  });

  it('takes regular-expression characters literally', () => {
    expect(like('a.b', 'a.b')).toBe(true);
    expect(like('axb', 'a.b')).toBe(false);
    expect(like('(1)+$', '(1)+$')).toBe(true);
  });

  it('filters an array and converts non-strings', () => {
    expect(like(['a.txt', 'b.json', 'c.TXT'], '*.txt')).toEqual(['a.txt', 'c.TXT']);
    expect(notLike(['a.txt', 'b.json'], '*.txt')).toEqual(['b.json']);
    expect(like(42, '4*')).toBe(true);
    expect(like(null, '')).toBe(true);
  });

  it('throws PowerShell\u2019s message for an unclosed [', () => {
    expect(() => like('a', '[a')).toThrow(/wildcard character pattern is not valid/);
    expect(() => like('a', '[z-a]')).toThrow(PowerShellError);
  });
});

describe('properties of the comparisons', () => {
  const scalar = fc.oneof(
    fc.string(),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    fc.boolean(),
  );

  it('-eq is the negation of -ne, and every value equals itself', () => {
    fc.assert(
      fc.property(scalar, scalar, fc.boolean(), (left, right, cs) => {
        expect(eq(left, right, cs)).toBe(!ne(left, right, cs));
        expect(eq(left, left, cs)).toBe(true);
      }),
    );
  });

  it('case-insensitive -eq on strings ignores case, and -ceq is stricter', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(eq(text.toUpperCase(), text.toLowerCase())).toBe(
          eq(text.toUpperCase(), text.toLowerCase(), false),
        );
        if (eq(text, text.toUpperCase(), true)) expect(eq(text, text.toUpperCase())).toBe(true);
      }),
    );
  });

  it('string ordering is antisymmetric and consistent with -eq', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (left, right, cs) => {
        expect(lt(left, right, cs)).toBe(gt(right, left, cs));
        expect(le(left, right, cs)).toBe(lt(left, right, cs) || eq(left, right, cs));
      }),
    );
  });

  it('number ordering matches JavaScript for numbers, also with the right side as text', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (left, right) => {
        expect(lt(left, right)).toBe(left < right);
        expect(lt(left, String(right))).toBe(left < right);
        expect(eq(left, String(right))).toBe(left === right);
      }),
    );
  });

  it('an array on the left filters to exactly the elements that match one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 })),
        fc.integer({ min: -5, max: 5 }),
        (items, value) => {
          expect(eq(items, value)).toEqual(items.filter((item) => item === value));
          expect(gt(items, value)).toEqual(items.filter((item) => item > value));
        },
      ),
    );
  });

  it('-like with every wildcard character escaped is case-insensitive string equality', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, other) => {
        const escaped = text.replace(/[*?[\]`]/g, '`$&');
        expect(like(text, escaped)).toBe(true);
        expect(like(text.toUpperCase(), escaped.toLowerCase())).toBe(
          text.toUpperCase().toLowerCase() === text.toLowerCase(),
        );
        expect(like(other, escaped)).toBe(other.toLowerCase() === text.toLowerCase());
      }),
    );
  });

  it('-like * matches anything and ? exactly one UTF-16 unit, as .NET chars', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(like(text, '*')).toBe(true);
        expect(like(text, '?'.repeat(text.length))).toBe(true);
        expect(like(text, `${'?'.repeat(text.length)}?`)).toBe(false);
      }),
    );
  });
});
