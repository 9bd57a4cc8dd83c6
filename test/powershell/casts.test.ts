/**
 * Truthiness, casts, @() and .Count, and PowerShell's arithmetic on strings, arrays and
 * hashtables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  count,
  divide,
  mod,
  multiply,
  PowerShellError,
  toArray,
  toBool,
  toDate,
  toDouble,
  toGuid,
  toInt,
  toLong,
  truthy,
} from '../../src/powershell/index.js';

describe('truthy', () => {
  it('follows PowerShell\u2019s rules', () => {
    for (const value of [null, undefined, '', 0, false, [], [0], [''], [null], [[]], 0n]) {
      expect(truthy(value), String(value)).toBe(false);
    }
    for (const value of [
      '0',
      'False',
      ' ',
      1,
      -1,
      true,
      [1],
      [0, 0],
      [[0]],
      {},
      new Date(),
      Number.NaN,
    ]) {
      expect(truthy(value), String(value)).toBe(true);
    }
    expect(toBool('false')).toBe(true);
  });
});

describe('[int] and [long]', () => {
  it('round half to even', () => {
    expect(toInt(2.5)).toBe(2);
    expect(toInt(3.5)).toBe(4);
    expect(toInt(-2.5)).toBe(-2);
    expect(toInt(2.6)).toBe(3);
    expect(toInt('10.5')).toBe(10);
  });

  it('parse strings as PowerShell does', () => {
    expect(toInt('42')).toBe(42);
    expect(toInt(' 42 ')).toBe(42);
    expect(toInt('0x2A')).toBe(42);
    expect(toInt('1e3')).toBe(1000);
    expect(toInt('1kb')).toBe(1024);
    expect(toInt('')).toBe(0);
    expect(toInt(null)).toBe(0);
    expect(toInt(true)).toBe(1);
    expect(toInt('-7')).toBe(-7);
  });

  it('throw PowerShell\u2019s message for text that is not a number and for overflow', () => {
    expect(() => toInt('abc')).toThrow(PowerShellError);
    expect(() => toInt('abc')).toThrow(
      'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."',
    );
    expect(() => toInt(3_000_000_000)).toThrow(/too large or too small for an Int32/);
    expect(toLong(3_000_000_000)).toBe(3_000_000_000);
    expect(() => toInt({})).toThrow(/Cannot convert the/);
  });
});

describe('[double], [datetime], [guid]', () => {
  it('[double] parses and converts', () => {
    expect(toDouble('1.5')).toBe(1.5);
    expect(toDouble('')).toBe(0);
    expect(toDouble(null)).toBe(0);
    expect(toDouble('NaN')).toBeNaN();
    expect(() => toDouble('x1')).toThrow(/System.Double/);
  });

  it('[datetime] reads ISO, US and named-month dates in the invariant culture', () => {
    expect(toDate('2024-01-31').getTime()).toBe(new Date(2024, 0, 31).getTime());
    expect(toDate('2024-01-31T10:20:30Z').getTime()).toBe(Date.UTC(2024, 0, 31, 10, 20, 30));
    expect(toDate('2024-01-31T10:20:30.5+02:00').getTime()).toBe(
      Date.UTC(2024, 0, 31, 8, 20, 30, 500),
    );
    expect(toDate('01/31/2024').getTime()).toBe(new Date(2024, 0, 31).getTime());
    expect(toDate('1/31/2024 10:05 PM').getTime()).toBe(new Date(2024, 0, 31, 22, 5).getTime());
    expect(toDate('31 January 2024').getTime()).toBe(new Date(2024, 0, 31).getTime());
    const date = new Date();
    expect(toDate(date).getTime()).toBe(date.getTime());
    expect(toDate(621_355_968_000_000_000).getTime()).toBe(0); // .NET ticks
  });

  it('[datetime] throws PowerShell\u2019s message for what it cannot read', () => {
    expect(() => toDate('31/01/2024')).toThrow(
      "String '31/01/2024' was not recognized as a valid DateTime.",
    );
    expect(() => toDate('2024-02-30')).toThrow(PowerShellError);
    expect(() => toDate(null)).toThrow('Cannot convert null to type "System.DateTime".');
  });

  it('[guid] accepts the N, D, B and P forms and answers the D form', () => {
    const guid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(toGuid(guid.toUpperCase())).toBe(guid);
    expect(toGuid(guid.replaceAll('-', ''))).toBe(guid);
    expect(toGuid(`{${guid}}`)).toBe(guid);
    expect(toGuid(`(${guid})`)).toBe(guid);
    expect(() => toGuid('not-a-guid')).toThrow(/Guid should contain 32 digits/);
  });
});

describe('@() and .Count', () => {
  it('@() wraps scalars, copies arrays and makes $null empty', () => {
    expect(toArray(null)).toEqual([]);
    expect(toArray(5)).toEqual([5]);
    const items = [1, 2];
    expect(toArray(items)).toEqual([1, 2]);
    expect(toArray(items)).not.toBe(items);
  });

  it('.Count answers 0 for $null, 1 for a scalar (a string too), keys of a hashtable', () => {
    expect(count(null)).toBe(0);
    expect(count('hello')).toBe(1);
    expect(count(7)).toBe(1);
    expect(count([1, 2, 3])).toBe(3);
    expect(count({ a: 1, b: 2 })).toBe(2);
    expect(count({ Name: 'acme', Count: 2, Group: [1, 2] })).toBe(2);
    expect(count(new Map([['a', 1]]))).toBe(1);
  });
});

describe('arithmetic', () => {
  it('+ concatenates after a string, appends after an array, merges hashtables', () => {
    expect(add('a', 1)).toBe('a1');
    expect(add('n: ', null)).toBe('n: ');
    expect(add('v', [1, 2])).toBe('v1 2');
    expect(add([1, 2], 3)).toEqual([1, 2, 3]);
    expect(add([1], [2, 3])).toEqual([1, 2, 3]);
    expect(add({ a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(add(1, '2')).toBe(3);
    expect(add(null, 5)).toBe(5);
    expect(add(true, 1)).toBe(2);
  });

  it('+ of hashtables with a key in both throws, as PowerShell does', () => {
    expect(() => add({ a: 1 }, { A: 2 })).toThrow(
      /Item has already been added. Key in dictionary: 'a'/,
    );
    expect(() => add({ a: 1 }, 1)).toThrow('A hash table can only be added to another hash table.');
    expect(() => add(1, 'x')).toThrow(PowerShellError);
  });

  it('* repeats strings and arrays', () => {
    expect(multiply('ab', 3)).toBe('ababab');
    expect(multiply([1, 2], 2)).toEqual([1, 2, 1, 2]);
    expect(multiply('x', '2')).toBe('xx');
    expect(multiply(3, '4')).toBe(12);
    expect(multiply('ab', 0)).toBe('');
  });

  it('/ is a true division and refuses zero; % keeps the sign of the left', () => {
    expect(divide(5, 2)).toBe(2.5);
    expect(divide('9', 3)).toBe(3);
    expect(() => divide(1, 0)).toThrow('Attempted to divide by zero.');
    expect(() => divide(1.5, '0')).toThrow(PowerShellError);
    expect(mod(7, 3)).toBe(1);
    expect(mod(-7, 3)).toBe(-1);
    expect(() => mod(7, 0)).toThrow('Attempted to divide by zero.');
  });
});

describe('properties of the casts', () => {
  it('[int] of an integer is itself, of its string too, and rounding is half to even', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), (value) => {
        expect(toInt(value)).toBe(value);
        expect(toInt(String(value))).toBe(value);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (value) => {
        const half = value + 0.5;
        expect(toInt(half) % 2 === 0).toBe(true);
        expect(Math.abs(toInt(half) - half)).toBe(0.5);
      }),
    );
  });

  it('[int] of a non-tie is the nearest integer', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        fc.pre(Math.abs(value - Math.trunc(value)) !== 0.5);
        expect(toInt(value)).toBe(Math.round(value) === 0 ? 0 : Math.round(value));
      }),
    );
  });

  it('truthy agrees with [bool], and a one-element array with its element', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), (value) => {
        expect(truthy(value)).toBe(toBool(value));
        expect(truthy([value])).toBe(truthy(value));
        expect(truthy([value, value])).toBe(true);
      }),
    );
  });

  it('@() then .Count: $null 0, scalar 1, array its length', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.integer()), fc.integer(), fc.constant(null)), (value) => {
        expect(count(toArray(value))).toBe(
          value === null ? 0 : Array.isArray(value) ? value.length : 1,
        );
      }),
    );
  });

  it('+ on strings concatenates and on arrays appends, whatever the right side', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer()), fc.integer(), (text, items, value) => {
        expect(add(text, value)).toBe(`${text}${value}`);
        expect(add(items, value)).toEqual([...items, value]);
        expect(multiply(items, 2)).toEqual([...items, ...items]);
      }),
    );
  });
});
