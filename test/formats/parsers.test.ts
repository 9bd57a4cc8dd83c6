import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/errors.js';
import { bodyEncodings } from '../../src/formats/decode.js';
import { parseCsv, parseXml } from '../../src/formats/read.js';

// Any input gets a value or a clean 400: never another error, never a polluted prototype.
function answersCleanly(parse: (text: string) => unknown, text: string): boolean {
  try {
    parse(text);
    return true;
  } catch (error) {
    return error instanceof HttpError && error.status === 400;
  }
}

const xmlish = fc.stringMatching(/^[<>/a-z"'=&;#x0-9 ![\]\-?_]{0,60}$/);

describe('format parsers', () => {
  it('parseXml answers any text with an object or a 400', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), xmlish), (text) => answersCleanly(parseXml, text)),
      { numRuns: 500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parseXml reads generated elements back as strings', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    const value = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(name, name, value, (root, child, text) => {
        const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        const parsed = parseXml(`<${root}><${child}>${escaped}</${child}></${root}>`);
        const inner = (parsed[root] as Record<string, unknown>)[child];
        return inner === text.trim() || (text.trim() === '' && inner === '');
      }),
      { numRuns: 300 },
    );
  });

  it('parseCsv answers any text with rows of strings or a 400', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const rows = parseCsv(text);
          return rows.every((row) => Object.values(row).every((cell) => typeof cell === 'string'));
        } catch (error) {
          return error instanceof HttpError && error.status === 400;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('bodyEncodings accepts the known codings and answers anything else with 415', () => {
    const known = ['gzip', 'x-gzip', 'deflate', 'br', 'identity'];
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (coding) => {
        try {
          bodyEncodings({ 'content-encoding': coding }, undefined);
          return coding
            .split(',')
            .map((part) => part.trim().toLowerCase())
            .filter((part) => part !== '')
            .every((part) => known.includes(part) || part === 'chunked');
        } catch (error) {
          return error instanceof HttpError && error.status === 415;
        }
      }),
      { numRuns: 500 },
    );
    expect(bodyEncodings({ 'content-encoding': 'gzip, br' }, undefined)).toEqual(['br', 'gzip']);
    expect(bodyEncodings({ 'transfer-encoding': 'gzip, chunked' }, undefined)).toEqual(['gzip']);
    expect(bodyEncodings({ 'content-encoding': 'br' }, 'gzip')).toEqual(['gzip']);
    expect(bodyEncodings({ 'transfer-encoding': 'chunked' }, undefined)).toBeUndefined();
  });
});
