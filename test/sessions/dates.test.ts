import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpDate, isoDate } from '../../src/sessions/dates.js';

describe('record and cookie dates', () => {
  it('formats any time exactly like Date#toISOString and Date#toUTCString', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (time) => {
        expect(isoDate(time)).toBe(new Date(time).toISOString());
        expect(httpDate(time)).toBe(new Date(time).toUTCString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('stays exact when times from a few seconds interleave, as created and expiry times do', () => {
    const base = Date.UTC(2026, 10, 30, 6, 0, 0, 0);
    for (let i = 0; i < 500; i++) {
      for (const time of [base + i, base + 120_000 + i * 7, base + 1_000 + i * 3]) {
        expect(isoDate(time)).toBe(new Date(time).toISOString());
      }
    }
  });
});
