import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmac, safeEqual, signValue, strictKey, unsignValue } from '../src/signing.js';

describe('signed values (SPEC §6.1)', () => {
  it('signs byte-compatibly with Pode: secret "key", id "value"', () => {
    expect(signValue('value', 'key')).toBe('s:value.kPv88V50o2uJ29sqch2a7P/f3dxcg+J/dZJZT3GTJIE=');
  });

  it('signs strict values with the key <secret>;<User-Agent>;<IP>', () => {
    const key = strictKey('schwifty', 'Mozilla/5.0', '127.0.0.1');
    expect(key).toBe('schwifty;Mozilla/5.0;127.0.0.1');
    expect(signValue('abc', key)).toBe('s:abc.mFvZvFScZtStxQBWTgjy9CAR6KbQQqaAMimxpdv6m7E=');
  });

  it('writes a missing User-Agent as an empty part of the strict key', () => {
    expect(strictKey('k', undefined, '10.0.0.1')).toBe('k;;10.0.0.1');
  });

  it('verifies a value and says which secret of the rotation signed it', () => {
    const signed = signValue('value', 'old');
    expect(unsignValue(signed, ['new', 'old'])).toEqual({ value: 'value', secretIndex: 1 });
    expect(unsignValue(signValue('value', 'new'), ['new', 'old'])).toEqual({
      value: 'value',
      secretIndex: 0,
    });
    expect(unsignValue(signed, ['new'])).toBeNull();
  });

  it('keeps dots inside the value: only the last dot separates the signature', () => {
    const signed = signValue('a.b.c', 'key');
    expect(unsignValue(signed, ['key'])).toEqual({ value: 'a.b.c', secretIndex: 0 });
  });

  it('rejects unsigned, truncated and tampered values', () => {
    const signed = signValue('value', 'key');
    for (const bad of [
      '',
      'value',
      's:',
      's:.',
      `x${signed.slice(1)}`,
      signed.slice(0, -1),
      `${signed}A`,
      signed.replace('value', 'valuf'),
      signed.replace('kPv8', 'kPv9'),
      signed.slice(2),
      's:value',
    ]) {
      expect(unsignValue(bad, ['key']), bad).toBeNull();
    }
  });

  it('gives the standard padded Base64 of HMAC-SHA256 keyed with the UTF-8 secret', () => {
    expect(hmac('key', 'value')).toBe('kPv88V50o2uJ29sqch2a7P/f3dxcg+J/dZJZT3GTJIE=');
    expect(hmac('clé', 'value')).toHaveLength(44);
    expect(hmac('clé', 'value')).not.toBe(hmac('cle', 'value'));
  });

  it('compares strings for equality whatever their lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('round-trips any value and secret, and never verifies under another secret', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (value, a, b) => {
          const signed = signValue(value, a);
          expect(unsignValue(signed, [a])).toEqual({ value, secretIndex: 0 });
          if (a !== b) expect(unsignValue(signed, [b])).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers any string with a value or null, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (input) => {
        const result = unsignValue(input, ['key', 'other']);
        expect(result === null || typeof result.value === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
