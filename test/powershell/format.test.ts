/**
 * The -f operator (.NET composite formatting, numeric formats), formatDate (.NET date formats
 * in the invariant culture), Get-Date with -Format/-UFormat, and toPsString.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  format,
  formatDate,
  getDate,
  PowerShellError,
  toPsString,
} from '../../src/powershell/index.js';

// A local date: its local components print back whatever the machine's time zone.
const date = new Date(2024, 0, 5, 14, 7, 9, 45);

describe('format (-f)', () => {
  it('puts arguments in place, with alignment and escaped braces', () => {
    expect(format('{0} is {1}', 'x', 42)).toBe('x is 42');
    expect(format('{1}{0}{1}', 'a', 'b')).toBe('bab');
    expect(format('[{0,5}]', 'ab')).toBe('[   ab]');
    expect(format('[{0,-5}]', 'ab')).toBe('[ab   ]');
    expect(format('{{literal}} {0}', 1)).toBe('{literal} 1');
    expect(format('{0}', null)).toBe('');
    expect(format('{0}', true)).toBe('True');
  });

  it('takes the arguments from a single array, as -f does with $array', () => {
    expect(format('{0}-{1}', ['a', 'b'])).toBe('a-b');
  });

  it('formats numbers with the standard formats of the invariant culture', () => {
    expect(format('{0:N2}', 1234.567)).toBe('1,234.57');
    expect(format('{0:N0}', 1234567)).toBe('1,234,567');
    expect(format('{0:F3}', 2.5)).toBe('2.500');
    expect(format('{0:F0}', 2.5)).toBe('3'); // ties away from zero, as .NET formats
    expect(format('{0:D5}', 42)).toBe('00042');
    expect(format('{0:D3}', -7)).toBe('-007');
    expect(format('{0:X}', 255)).toBe('FF');
    expect(format('{0:x4}', 255)).toBe('00ff');
    expect(format('{0:P1}', 0.256)).toBe('25.6 %');
    expect(format('{0:E2}', 12345.678)).toBe('1.23E+004');
    expect(format('{0:C}', 1234.5)).toBe('¤1,234.50');
    expect(format('{0:G}', 0.1)).toBe('0.1');
    expect(format('{0:N2}', -0.001)).toBe('-0.00'); // .NET Core 3.0 and later keep the sign
  });

  it('formats numbers with custom formats', () => {
    expect(format('{0:0.00}', 12.34567)).toBe('12.35');
    expect(format('{0:#,##0.00}', 1234567.891)).toBe('1,234,567.89');
    expect(format('{0:0.##}', 1.5)).toBe('1.5');
    expect(format('{0:0.##}', 2)).toBe('2');
    expect(format('{0:000}', 7)).toBe('007');
    expect(format('{0:0%}', 0.25)).toBe('25%');
    expect(format('{0:(###) ###-####}', 5551234567)).toBe('(555) 123-4567');
    expect(format('{0:0.0;(0.0)}', -2.5)).toBe('(2.5)');
    expect(format('{0:#}', 0)).toBe('');
  });

  it('formats dates with their format strings', () => {
    expect(format('{0:yyyy-MM-dd}', date)).toBe('2024-01-05');
    expect(format('{0:HH:mm}', date)).toBe('14:07');
  });

  it('throws PowerShell\u2019s message for a missing argument or a malformed item', () => {
    expect(() => format('{1}', 'a')).toThrow(PowerShellError);
    expect(() => format('{1}', 'a')).toThrow(/Index \(zero based\) must be/);
    expect(() => format('{0', 'a')).toThrow(/not in a correct format/);
    expect(() => format('a } b')).toThrow(PowerShellError);
    expect(() => format('{0:D}', 1.5)).toThrow(/Format specifier was invalid/);
  });
});

describe('formatDate', () => {
  it('prints the custom specifiers', () => {
    expect(formatDate(date, 'yyyy-MM-dd HH:mm:ss')).toBe('2024-01-05 14:07:09');
    expect(formatDate(date, 'dddd, d MMMM yy')).toBe('Friday, 5 January 24');
    expect(formatDate(date, 'ddd MMM')).toBe('Fri Jan');
    expect(formatDate(date, 'h:mm tt')).toBe('2:07 PM');
    expect(formatDate(date, 'hh t')).toBe('02 P');
    expect(formatDate(date, 'fff')).toBe('045');
    expect(formatDate(date, 'fffffff')).toBe('0450000');
    expect(formatDate(date, 'ss.FFF')).toBe('09.045');
    expect(formatDate(new Date(2024, 0, 5, 1, 2, 3, 0), 'ss.FFF')).toBe('03');
    expect(formatDate(date, "'Year' yyyy")).toBe('Year 2024');
    expect(formatDate(date, '\\d d')).toBe('d 5');
    expect(formatDate(date, '%d')).toBe('5');
  });

  it('prints the standard formats of the invariant culture', () => {
    expect(formatDate(date, 'd')).toBe('01/05/2024');
    expect(formatDate(date, 'D')).toBe('Friday, 05 January 2024');
    expect(formatDate(date, 'g')).toBe('01/05/2024 14:07');
    expect(formatDate(date, 'G')).toBe('01/05/2024 14:07:09');
    expect(formatDate(date, 's')).toBe('2024-01-05T14:07:09');
    expect(formatDate(date, 't')).toBe('14:07');
    expect(formatDate(date, 'T')).toBe('14:07:09');
    expect(formatDate(date, 'M')).toBe('January 05');
    expect(formatDate(date, 'y')).toBe('2024 January');
  });

  it('prints the round-trip, RFC 1123 and universal formats with their zones', () => {
    const utc = new Date(Date.UTC(2024, 0, 5, 14, 7, 9, 45));
    expect(formatDate(utc, 'o', { utc: true })).toBe('2024-01-05T14:07:09.0450000Z');
    expect(formatDate(utc, 'r')).toBe('Fri, 05 Jan 2024 14:07:09 GMT');
    expect(formatDate(utc, 'u')).toBe('2024-01-05 14:07:09Z');
    expect(formatDate(date, 'o')).toMatch(/^2024-01-05T14:07:09\.0450000[+-]\d\d:\d\d$/);
    expect(formatDate(utc, 'zzz', { utc: true })).toBe('+00:00');
  });

  it('throws for a one-letter format that is not a standard one', () => {
    expect(() => formatDate(date, 'q')).toThrow(PowerShellError);
  });
});

describe('getDate', () => {
  it('answers now as a Date, or a string with -Format or -UFormat', () => {
    const before = Date.now();
    const now = getDate();
    expect(now).toBeInstanceOf(Date);
    expect((now as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect(getDate({ date, format: 'yyyy' })).toBe('2024');
    expect(getDate({ date: '2024-01-05', format: 'dd/MM' })).toBe('05/01');
  });

  it('prints -UFormat specifiers', () => {
    expect(getDate({ date, uFormat: '%Y-%m-%d %H:%M:%S' })).toBe('2024-01-05 14:07:09');
    expect(getDate({ date, uFormat: '%A %a %B %b %j %p %I %%' })).toBe(
      'Friday Fri January Jan 005 PM 02 %',
    );
    expect(getDate({ date: new Date(0), uFormat: '%s' })).toBe('0');
  });
});

describe('toPsString', () => {
  it('prints values as PowerShell does', () => {
    expect(toPsString(null)).toBe('');
    expect(toPsString(true)).toBe('True');
    expect(toPsString([1, 'a', null, false])).toBe('1 a  False');
    expect(toPsString([1, [2, 3]])).toBe('1 System.Object[]');
    expect(toPsString({ a: 1 })).toBe('System.Collections.Hashtable');
    expect(toPsString(date)).toBe('01/05/2024 14:07:09');
    expect(toPsString(0.1)).toBe('0.1');
    expect(toPsString(1e15)).toBe('1000000000000000');
    expect(toPsString(1.5e20)).toBe('1.5E+20');
    expect(toPsString(0.00001)).toBe('1E-05');
    expect(toPsString(0.0001)).toBe('0.0001');
    expect(toPsString(Number.NaN)).toBe('NaN');
    expect(toPsString(-Infinity)).toBe('-Infinity');
  });
});

describe('properties of formatting', () => {
  it('{0} of a string or integer is its PowerShell string, and alignment pads to width', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer()),
        fc.integer({ min: -20, max: 20 }),
        (value, width) => {
          const text = toPsString(value);
          const aligned = format(`{0,${width}}`, value);
          expect(aligned.trim() === text.trim()).toBe(true);
          expect(aligned.length).toBe(Math.max(text.length, Math.abs(width)));
        },
      ),
    );
  });

  it('N2 and F2 agree with toFixed apart from the thousands separators', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const fixed = format('{0:F2}', value);
        expect(format('{0:N2}', value).replaceAll(',', '')).toBe(fixed);
        expect(Number(fixed)).toBeCloseTo(value, 1);
      }),
    );
  });

  it('a date printed with "o" in UTC parses back to the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1970, 0, 1), max: new Date(2200, 0, 1), noInvalidDate: true }),
        (value) => {
          expect(new Date(formatDate(value, 'o', { utc: true })).getTime()).toBe(value.getTime());
          expect(new Date(formatDate(value, 'o')).getTime()).toBe(value.getTime());
        },
      ),
    );
  });

  it('braces doubled in a template come out single', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const template = text.replaceAll('{', '{{').replaceAll('}', '}}');
        expect(format(template)).toBe(text);
      }),
    );
  });
});
