import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expiredAttributes,
  lifetimeAttributes,
  parseCookies,
  serializeCookie,
} from '../src/cookies.js';

describe('parseCookies', () => {
  it('parses a Cookie header into an object of percent-decoded strings', () => {
    expect(parseCookies('a=1; b=hello%20world; c=s:v.sig+/=')).toEqual({
      a: '1',
      b: 'hello world',
      c: 's:v.sig+/=',
    });
  });

  it('gives an empty object for a missing or empty header', () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('')).toEqual({});
  });

  it('keeps the first of repeated names, as browsers send the most specific first', () => {
    expect(parseCookies('a=first; a=second')).toEqual({ a: 'first' });
  });

  it('returns a value with a malformed escape as it is', () => {
    expect(parseCookies('a=%E0%A4%A')).toEqual({ a: '%E0%A4%A' });
  });

  it('inherits nothing from Object.prototype, so __proto__ and toString are plain names', () => {
    const cookies = parseCookies('__proto__=x; constructor=y');
    expect(Object.getOwnPropertyDescriptor(cookies, '__proto__')?.value).toBe('x');
    expect(cookies.constructor).toBe('y');
    expect('toString' in cookies).toBe(false);
    expect(parseCookies('a=1').hasOwnProperty).toBeUndefined();
  });

  it('never throws, whatever the header', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const cookies = parseCookies(header);
        for (const value of Object.values(cookies)) expect(typeof value).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('serializeCookie', () => {
  it('writes a cookie-safe value as it is, Pode signatures included', () => {
    const signed = 's:value.kPv88V50o2uJ29sqch2a7P/f3dxcg+J/dZJZT3GTJIE=';
    expect(serializeCookie('pode.sid', signed, { path: '/' })).toBe(`pode.sid=${signed}; Path=/`);
  });

  it('percent-encodes a value that is not cookie-safe', () => {
    expect(serializeCookie('c', 'a b;c"d', {})).toBe('c=a%20b%3Bc%22d');
  });

  it('writes every attribute', () => {
    const line = serializeCookie('c', 'v', {
      maxAge: 60,
      expires: new Date('2030-01-02T03:04:05Z'),
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/p',
      domain: 'example.com',
    });
    const attributes = line.split('; ').slice(1).sort();
    expect(attributes).toEqual(
      [
        'Max-Age=60',
        'Expires=Wed, 02 Jan 2030 03:04:05 GMT',
        'HttpOnly',
        'Secure',
        'SameSite=Lax',
        'Path=/p',
        'Domain=example.com',
      ].sort(),
    );
  });

  it('writes a lone surrogate as U+FFFD instead of throwing', () => {
    expect(serializeCookie('c', 'a\uD800b', {})).toBe('c=a%EF%BF%BDb');
    expect(() => serializeCookie('c', '\uDC00', {})).not.toThrow();
  });

  it('never throws for any UTF-16 value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(typeof serializeCookie('name', value, {})).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips any well-formed value through parseCookies', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const pair = serializeCookie('name', value, {});
        expect(parseCookies(pair).name).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('lifetimeAttributes', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('turns a duration into an integer Max-Age and the matching Expires', () => {
    expect(lifetimeAttributes({ duration: 90.7 }, now)).toMatchObject({
      maxAge: 90,
      expires: new Date(now + 90_000),
      path: '/',
    });
  });

  it('uses expires when there is no duration, and neither for a browser-session cookie', () => {
    const expires = new Date('2030-01-01T00:00:00Z');
    const absolute = lifetimeAttributes({ expires }, now);
    expect(absolute.expires).toBe(expires);
    expect(absolute.maxAge).toBeUndefined();
    const session = lifetimeAttributes({ duration: 0 }, now);
    expect(session.maxAge).toBeUndefined();
    expect(session.expires).toBeUndefined();
  });

  it('passes the other attributes through, with Path=/ by default', () => {
    expect(
      lifetimeAttributes({ httpOnly: true, secure: false, sameSite: 'none', domain: 'd' }),
    ).toMatchObject({ httpOnly: true, secure: false, sameSite: 'none', domain: 'd', path: '/' });
  });
});

describe('expiredAttributes', () => {
  it('expires the cookie now on the same path and domain', () => {
    expect(expiredAttributes(undefined, undefined)).toEqual({
      maxAge: 0,
      expires: new Date(0),
      path: '/',
      domain: undefined,
    });
    expect(expiredAttributes('/app', 'example.com')).toMatchObject({
      path: '/app',
      domain: 'example.com',
    });
  });
});
