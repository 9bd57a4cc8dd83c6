/**
 * Where-Object, ForEach-Object, Select-Object, Sort-Object, Group-Object, Measure-Object.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  forEachObject,
  groupObject,
  measureObject,
  selectObject,
  sortObject,
  whereObject,
} from '../../src/powershell/index.js';

const people = [
  { Name: 'bob', Age: 30, Team: 'red' },
  { Name: 'Alice', Age: 25, Team: 'Blue' },
  { Name: 'carol', Age: 35, Team: 'blue' },
];

describe('whereObject and forEachObject', () => {
  it('filter with PowerShell truthiness and take $null and scalars as items', () => {
    expect(whereObject([0, 1, '', 'a', null, [0]], (item) => item)).toEqual([1, 'a']);
    expect(whereObject(null, () => true)).toEqual([]);
    expect(whereObject(5, (item) => item === 5)).toEqual([5]);
  });

  it('collect output as the pipeline does: arrays unrolled, no output dropped, $null kept', () => {
    expect(forEachObject([1, 2], (item) => [item, item * 10])).toEqual([1, 10, 2, 20]);
    expect(forEachObject([1, 2, 3], (item) => (item === 2 ? undefined : item))).toEqual([1, 3]);
    expect(forEachObject([1], () => null)).toEqual([null]);
    expect(forEachObject(null, (item) => item)).toEqual([]);
    expect(forEachObject('x', (item, index) => `${item}${index}`)).toEqual(['x0']);
  });
});

describe('selectObject', () => {
  it('takes -First, -Last and -Skip', () => {
    expect(selectObject([1, 2, 3, 4], { first: 2 })).toEqual([1, 2]);
    expect(selectObject([1, 2, 3, 4], { last: 2 })).toEqual([3, 4]);
    expect(selectObject([1, 2, 3, 4], { skip: 1, first: 2 })).toEqual([2, 3]);
    expect(selectObject([1, 2], { first: 5 })).toEqual([1, 2]);
    expect(selectObject(null, { first: 1 })).toEqual([]);
  });

  it('makes objects with -Property (case-insensitive names, calculated ones, missing as $null)', () => {
    expect(selectObject(people.slice(0, 1), { property: ['name', 'Missing'] })).toEqual([
      { Name: 'bob', Missing: null },
    ]);
    expect(
      selectObject(people.slice(0, 1), {
        property: { name: 'Older', expression: (item) => (item as { Age: number }).Age + 1 },
      }),
    ).toEqual([{ Older: 31 }]);
  });

  it('reads no property from Object.prototype', () => {
    expect(selectObject([{ a: 1 }], { property: ['constructor', 'toString'] })).toEqual([
      { constructor: null, toString: null },
    ]);
    expect(selectObject(['abc'], { expandProperty: 'Length' })).toEqual([3]);
  });

  it('expands a property and drops repeats with -Unique (case-sensitive)', () => {
    expect(selectObject(people, { expandProperty: 'Name' })).toEqual(['bob', 'Alice', 'carol']);
    expect(
      selectObject([{ tags: ['a', 'b'] }, { tags: ['c'] }], { expandProperty: 'tags' }),
    ).toEqual(['a', 'b', 'c']);
    expect(selectObject(['a', 'A', 'a', 'b'], { unique: true })).toEqual(['a', 'A', 'b']);
  });
});

describe('sortObject', () => {
  it('sorts values case-insensitively, numbers numerically, $null first, stably', () => {
    expect(sortObject(['b', 'C', 'a'])).toEqual(['a', 'b', 'C']);
    expect(sortObject([10, 9, 100])).toEqual([9, 10, 100]);
    expect(sortObject([3, null, 1])).toEqual([null, 1, 3]);
    expect(sortObject([2, 1], { descending: true })).toEqual([2, 1]);
  });

  it('sorts by properties in turn and drops equal items with -Unique', () => {
    expect(sortObject(people, { property: 'Team' }).map((person) => person.Name)).toEqual([
      'Alice',
      'carol',
      'bob',
    ]);
    expect(
      sortObject(people, { property: ['Team', 'Age'], descending: true }).map((p) => p.Name),
    ).toEqual(['bob', 'carol', 'Alice']);
    expect(sortObject(['b', 'B', 'a'], { unique: true })).toEqual(['a', 'b']);
    expect(sortObject(['b', 'B', 'a'], { unique: true, caseSensitive: true })).toEqual([
      'a',
      'b',
      'B',
    ]);
  });
});

describe('groupObject', () => {
  it('groups case-insensitively, sorted by value as PowerShell 7 does, with Name, Count, Group', () => {
    const groups = groupObject(people, 'Team');
    expect(groups.map(({ Name, Count }) => [Name, Count])).toEqual([
      ['Blue', 2],
      ['red', 1],
    ]);
    expect(groups[0].Group.map((person) => person.Name)).toEqual(['Alice', 'carol']);
    expect(
      groupObject([10, 9, 100, 9], { name: 'n', expression: (n) => n }).map((g) => g.Name),
    ).toEqual(['9', '10', '100']);
  });

  it('groups by several properties, joined with ", "', () => {
    expect(groupObject([{ a: 1, b: 2 }], ['a', 'b'])[0].Name).toBe('1, 2');
  });
});

describe('measureObject', () => {
  it('counts, and sums, averages and bounds when asked', () => {
    expect(measureObject([1, 2, 3])).toEqual({ Count: 3 });
    expect(
      measureObject([1, 2, '3'], { sum: true, average: true, maximum: true, minimum: true }),
    ).toEqual({
      Count: 3,
      Sum: 6,
      Average: 2,
      Maximum: 3,
      Minimum: 1,
    });
    expect(measureObject(people, { property: 'Age', sum: true })).toEqual({ Count: 3, Sum: 90 });
    expect(measureObject(null)).toEqual({ Count: 0 });
  });
});

describe('properties of the pipeline cmdlets', () => {
  it('sortObject of integers is the numeric sort and keeps every item', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (items) => {
        expect(sortObject(items)).toEqual([...items].sort((a, b) => a - b));
        expect(sortObject(items, { descending: true })).toEqual([...items].sort((a, b) => b - a));
      }),
    );
  });

  it('-First n then -Skip: slices as Array.slice does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat(10), fc.nat(10), (items, first, skip) => {
        expect(selectObject(items, { first, skip })).toEqual(items.slice(skip, skip + first));
        expect(selectObject(items, { last: first })).toEqual(
          first === 0 ? [] : items.slice(-first),
        );
      }),
    );
  });

  it('groups partition the items and measure counts them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.constantFrom('a', 'A', 'b'), v: fc.integer() })),
        (items) => {
          const groups = groupObject(items, 'k');
          expect(groups.reduce((total, group) => total + group.Count, 0)).toBe(items.length);
          expect(measureObject(items, { property: 'v', sum: true }).Sum).toBe(
            items.reduce((total, item) => total + item.v, 0),
          );
        },
      ),
    );
  });
});
