/**
 * Ranges, slices, ContainsKey, Add-Member and [DateTime]::ParseExact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMember,
  containsKey,
  dateDifference,
  dateTimeParseExact,
  dayOfWeek,
  itemsAt,
  PowerShellError,
  range,
} from '../../src/powershell/index.js';

describe('range', () => {
  it('counts up and down, both ends included, ends converted as [int] converts them', () => {
    expect(range(2, 5)).toEqual([2, 3, 4, 5]);
    expect(range(5, 1)).toEqual([5, 4, 3, 2, 1]);
    expect(range(-1, 1)).toEqual([-1, 0, 1]);
    expect(range(3, 3)).toEqual([3]);
    expect(range('2', 4)).toEqual([2, 3, 4]);
    expect(range(2.5, 4)).toEqual([2, 3, 4]);
  });

  it('has |to - from| + 1 elements, each one apart, starting at from and ending at to', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        (a, b) => {
          const items = range(a, b);
          expect(items.length).toBe(Math.abs(b - a) + 1);
          expect(items[0]).toBe(a);
          expect(items.at(-1)).toBe(b);
          for (let i = 1; i < items.length; i++) expect(Math.abs(items[i] - items[i - 1])).toBe(1);
        },
      ),
    );
  });

  it('refuses a range PowerShell refuses, and a value that is not a number', () => {
    expect(() => range(0, 60_000_000)).toThrow(PowerShellError);
    expect(() => range('abc', 2)).toThrow(PowerShellError);
  });
});

describe('itemsAt', () => {
  it('picks the elements at the indexes, negative ones from the end, skipping those out of range', () => {
    expect(itemsAt([1, 2, 3, 4], [1, 2])).toEqual([2, 3]);
    expect(itemsAt([1, 2, 3, 4], [0, -1])).toEqual([1, 4]);
    expect(itemsAt([1, 2, 3, 4], [3, 9, -9, 0])).toEqual([4, 1]);
    expect(itemsAt('hello', [0, 1])).toEqual(['h', 'e']);
    expect(itemsAt(null, [0])).toBeNull();
    expect(itemsAt(7, [0, 1])).toEqual([7]);
  });

  it('agrees with slice for an ascending range inside the array', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (list, x, y) => {
          const from = x % list.length;
          const to = from + (y % (list.length - from));
          expect(itemsAt(list, range(from, to))).toEqual(list.slice(from, to + 1));
        },
      ),
    );
  });
});

describe('containsKey', () => {
  it('ignores the case of string keys, as PowerShell hashtables do', () => {
    expect(containsKey({ a: 1 }, 'A')).toBe(true);
    expect(containsKey({ Name: 1 }, 'name')).toBe(true);
    expect(containsKey({ a: 1 }, 'b')).toBe(false);
    expect(containsKey(new Map([['Key', 1]]), 'KEY')).toBe(true);
    expect(containsKey({}, 'constructor')).toBe(false);
    expect(containsKey({ 1: 'x' }, 1)).toBe(true);
  });

  it('finds every key it holds in any case', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer()),
        (table) => {
          for (const key of Object.keys(table)) {
            expect(containsKey(table, key.toUpperCase())).toBe(true);
            expect(containsKey(table, key.toLowerCase())).toBe(true);
          }
        },
      ),
    );
  });

  it('throws PowerShell’s error on $null', () => {
    expect(() => containsKey(null, 'a')).toThrow(PowerShellError);
  });
});

describe('addMember', () => {
  it('adds a note property, refuses one that exists (in any case) unless forced, passes through', () => {
    const target: Record<string, unknown> = { name: 'pode' };
    expect(addMember(target, 'Saved', true)).toBeUndefined();
    expect(target).toEqual({ name: 'pode', Saved: true });
    expect(() => addMember(target, 'NAME', 'x')).toThrow(/already exists/);
    addMember(target, 'NAME', 'x', { force: true });
    expect(target).toEqual({ Saved: true, NAME: 'x' });
    expect(addMember(target, 'more', 1, { passThru: true })).toBe(target);
  });

  it('refuses member types other than NoteProperty, and a value that is not an object', () => {
    expect(() => addMember({}, 'x', 1, { memberType: 'ScriptMethod' })).toThrow(PowerShellError);
    expect(addMember({}, 'x', 1, { memberType: 'noteproperty', passThru: true })).toEqual({ x: 1 });
    expect(() => addMember(null, 'x', 1)).toThrow(PowerShellError);
    expect(() => addMember('text', 'x', 1)).toThrow(PowerShellError);
  });

  it('writes a key like __proto__ as a property, not the prototype', () => {
    const target: Record<string, unknown> = {};
    addMember(target, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__']);
  });
});

describe('dateTimeParseExact', () => {
  const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
    new Date(y, m - 1, d, h, min, s);

  it('reads custom formats in the invariant culture', () => {
    expect(dateTimeParseExact('20240302', 'yyyyMMdd', null)).toEqual(local(2024, 3, 2));
    expect(dateTimeParseExact('02/03/2024 14:05', 'dd/MM/yyyy HH:mm')).toEqual(
      local(2024, 3, 2, 14, 5),
    );
    expect(dateTimeParseExact('Mar 2, 2024', 'MMM d, yyyy')).toEqual(local(2024, 3, 2));
    expect(dateTimeParseExact('07:30 PM', 'hh:mm tt').getHours()).toBe(19);
    expect(dateTimeParseExact('2024-03-02T10:00:00Z', "yyyy-MM-dd'T'HH:mm:ssK").toISOString()).toBe(
      '2024-03-02T10:00:00.000Z',
    );
    expect(
      dateTimeParseExact('2024-03-02 10:00 +02:00', 'yyyy-MM-dd HH:mm zzz').toISOString(),
    ).toBe('2024-03-02T08:00:00.000Z');
    expect(dateTimeParseExact('2024-03-02T10:00:00', 's')).toEqual(local(2024, 3, 2, 10));
    expect(dateTimeParseExact('02.03.24', ['yyyyMMdd', 'dd.MM.yy'])).toEqual(local(2024, 3, 2));
  });

  it('refuses text the format does not account for, and impossible dates', () => {
    for (const [text, format] of [
      ['2024032', 'yyyyMMdd'],
      ['20240230', 'yyyyMMdd'],
      ['20240302x', 'yyyyMMdd'],
      ['2024-03-02', 'yyyyMMdd'],
      ['13:00 PM', 'hh:mm tt'],
      ['Friday 2024-03-02', 'dddd yyyy-MM-dd'],
      ['', 'yyyy'],
    ]) {
      expect(() => dateTimeParseExact(text, format), `${text} / ${format}`).toThrow(
        /was not recognized as a valid DateTime/,
      );
    }
    expect(dateTimeParseExact('Saturday 2024-03-02', 'dddd yyyy-MM-dd')).toEqual(local(2024, 3, 2));
  });

  it('reads back what yyyyMMddHHmmss prints', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1971, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }),
        (date) => {
          const pad = (n: number, w = 2) => String(n).padStart(w, '0');
          const text = `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
          const read = dateTimeParseExact(text, 'yyyyMMddHHmmss');
          expect(Math.floor(read.getTime() / 1000)).toBe(Math.floor(date.getTime() / 1000));
        },
      ),
    );
  });
});

describe('dayOfWeek and dateDifference', () => {
  it('names the day as the DayOfWeek enum prints it', () => {
    expect(dayOfWeek(new Date(2024, 5, 9))).toBe('Sunday');
    expect(dayOfWeek('2024-06-08')).toBe('Saturday');
  });

  it('gives a TimeSpan whose parts are truncated towards zero and share its sign', () => {
    const span = dateDifference(new Date(2024, 2, 1), new Date(2024, 0, 1, 12, 30));
    expect(span.Days).toBe(59);
    expect(span.Hours).toBe(11);
    expect(span.Minutes).toBe(30);
    expect(span.TotalHours).toBe(59 * 24 + 11.5);
    const back = dateDifference(new Date(2024, 0, 1, 12, 30), new Date(2024, 2, 1));
    expect(back.Days).toBe(-59);
    expect(back.Hours).toBe(-11);
    expect(back.Ticks).toBe(-span.Ticks);
  });

  it('adds up: the parts rebuild the total', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2040, 0, 1), noInvalidDate: true }),
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2040, 0, 1), noInvalidDate: true }),
        (a, b) => {
          const s = dateDifference(a, b);
          const rebuilt =
            (((s.Days * 24 + s.Hours) * 60 + s.Minutes) * 60 + s.Seconds) * 1000 + s.Milliseconds;
          expect(rebuilt).toBe(s.TotalMilliseconds);
        },
      ),
    );
  });
});
