/**
 * ConvertTo-Json in PowerShell 7's layout and depth rules, and ConvertFrom-Json.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  convertFromJson,
  convertToJson,
  PowerShellError,
  selectObject,
} from '../../src/powershell/index.js';

describe('convertToJson', () => {
  it('indents with two spaces and writes "key": value', () => {
    expect(convertToJson({ name: 'pode', tags: ['a', 'b'], nested: { on: true } })).toBe(
      [
        '{',
        '  "name": "pode",',
        '  "tags": [',
        '    "a",',
        '    "b"',
        '  ],',
        '  "nested": {',
        '    "on": true',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('writes empty containers as [] and {}, and scalars alone', () => {
    expect(convertToJson({ list: [], map: {} })).toBe('{\n  "list": [],\n  "map": {}\n}');
    expect(convertToJson('text')).toBe('"text"');
    expect(convertToJson(null)).toBe('null');
    expect(convertToJson(1.5)).toBe('1.5');
  });

  it('compresses to one line', () => {
    expect(convertToJson({ a: 1, b: [1, 2] }, { compress: true })).toBe('{"a":1,"b":[1,2]}');
  });

  it('writes containers deeper than -Depth (2 by default) as their string', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(convertToJson(deep, { compress: true })).toBe(
      '{"a":{"b":{"c":"System.Collections.Hashtable"}}}',
    );
    expect(convertToJson(deep, { compress: true, depth: 3 })).toBe('{"a":{"b":{"c":{"d":1}}}}');
    expect(convertToJson({ a: { b: { c: [1, 2] } } }, { compress: true })).toBe(
      '{"a":{"b":{"c":"1 2"}}}',
    );
    expect(convertToJson({ a: { b: 1 } }, { compress: true, depth: 0 })).toBe(
      '{"a":"System.Collections.Hashtable"}',
    );
    expect(convertToJson({ a: 'scalars are never cut' }, { compress: true, depth: 0 })).toBe(
      '{"a":"scalars are never cut"}',
    );
  });

  it('wraps a single value with -AsArray', () => {
    expect(convertToJson({ a: 1 }, { asArray: true, compress: true })).toBe('[{"a":1}]');
    expect(convertToJson([1], { asArray: true, compress: true })).toBe('[1]');
  });

  it('writes dates in ISO 8601 with their offset, Maps as objects, NaN as a string', () => {
    const text = convertToJson(
      { when: new Date(Date.UTC(2024, 0, 5, 14, 7, 9, 450)) },
      { compress: true },
    );
    const written = (JSON.parse(text) as { when: string }).when;
    expect(written).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.45[+-]\d\d:\d\d$/);
    expect(new Date(written).getTime()).toBe(Date.UTC(2024, 0, 5, 14, 7, 9, 450));
    expect(convertToJson(new Map([['k', 1]]), { compress: true })).toBe('{"k":1}');
    expect(convertToJson([Number.NaN, Infinity], { compress: true })).toBe('["NaN","Infinity"]');
  });

  it('refuses a depth outside 0 to 100', () => {
    expect(() => convertToJson({}, { depth: 101 })).toThrow(PowerShellError);
    expect(() => convertToJson({}, { depth: -1 })).toThrow(/Depth/);
  });
});

describe('keys named __proto__', () => {
  it('stay data through convertFromJson, convertToJson, add and selectObject', () => {
    const parsed = convertFromJson('{"__proto__":{"polluted":true},"a":1}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(convertToJson(parsed, { compress: true })).toBe('{"__proto__":{"polluted":true},"a":1}');
    const merged = add({ b: 2 }, parsed) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(['b', '__proto__', 'a']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [selected] = selectObject([parsed], { property: '__proto__' }) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(selected)).toEqual(['__proto__']);
  });
});

describe('convertFromJson', () => {
  it('reads objects and arrays', () => {
    expect(convertFromJson('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
    expect(convertFromJson('{"a":1}', { asHashtable: true })).toEqual({ a: 1 });
  });

  it('gives $null for blank text and throws PowerShell\u2019s message for bad JSON', () => {
    expect(convertFromJson('  ')).toBeNull();
    expect(() => convertFromJson('{bad')).toThrow(PowerShellError);
    expect(() => convertFromJson('{bad')).toThrow(/^Conversion from JSON failed with error/);
  });
});

describe('properties of JSON', () => {
  const json = fc
    .jsonValue({ maxDepth: 4 })
    .map((value) => JSON.parse(JSON.stringify(value)) as unknown);

  it('convertFromJson reads back what convertToJson wrote, at any layout, with enough depth', () => {
    fc.assert(
      fc.property(json, fc.boolean(), (value, compress) => {
        const text = convertToJson(value, { depth: 100, compress });
        expect(convertFromJson(text)).toEqual(value === null ? null : value);
      }),
    );
  });

  it('the indented and compressed forms hold the same data', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(convertToJson(value, { depth: 100 }))).toEqual(
          JSON.parse(convertToJson(value, { depth: 100, compress: true })),
        );
      }),
    );
  });

  it('compressed output with enough depth is JSON.stringify\u2019s for JSON data', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(convertToJson(value, { depth: 100, compress: true })).toBe(JSON.stringify(value));
      }),
    );
  });
});
