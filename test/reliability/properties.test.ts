/**
 * Property tests for every parser and signer: whatever the input, the answer is a value, null or
 * a clear 4xx (an HttpError with a 4xx status), never an exception that escapes; and a value
 * signed with one secret never verifies under another.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm, parseJson } from '../../src/body.js';
import { parseCookies, serializeCookie } from '../../src/cookies.js';
import { HttpError } from '../../src/errors.js';
import { compileRouteFilter, FilterView } from '../../src/route-filter.js';
import { Router } from '../../src/router.js';
import { signValue, strictKey, unsignValue } from '../../src/signing.js';

const RUNS = { numRuns: 500 };
const anyText = fc.string({ unit: 'binary', maxLength: 300 });
const secret = fc.string({ minLength: 1, maxLength: 64 });
const id = fc.stringMatching(/^[A-Za-z0-9_.~-]{1,64}$/);

describe('cookie header parsing', () => {
  it('parses any header into an object of strings without throwing', () => {
    fc.assert(
      fc.property(anyText, (header) => {
        const cookies = parseCookies(header);
        for (const value of Object.values(cookies)) expect(typeof value).toBe('string');
      }),
      RUNS,
    );
  });

  it('reads back any value it serialised', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
        fc.string({ maxLength: 100 }),
        (name, value) => {
          const line = serializeCookie(name, value, { path: '/' });
          const pair = line.split(';')[0];
          expect(parseCookies(pair)[name]).toBe(value);
        },
      ),
      RUNS,
    );
  });
});

describe('signed values', () => {
  it('verifies what it signed, under the same secret, and returns the value', () => {
    fc.assert(
      fc.property(id, secret, (value, key) => {
        expect(unsignValue(signValue(value, key), [key])).toEqual({ value, secretIndex: 0 });
      }),
      RUNS,
    );
  });

  it('never verifies a value signed with another secret', () => {
    fc.assert(
      fc.property(id, secret, secret, (value, signer, verifier) => {
        fc.pre(signer !== verifier);
        expect(unsignValue(signValue(value, signer), [verifier])).toBeNull();
      }),
      RUNS,
    );
  });

  it('answers any string with null or a value, never an exception', () => {
    fc.assert(
      fc.property(anyText, fc.array(secret, { minLength: 1, maxLength: 3 }), (input, secrets) => {
        const result = unsignValue(input, secrets);
        if (result !== null)
          expect(input).toBe(signValue(result.value, secrets[result.secretIndex]));
      }),
      RUNS,
    );
  });

  it('never verifies a tampered value or signature', () => {
    fc.assert(
      fc.property(
        id,
        secret,
        fc.nat(),
        fc.integer({ min: 1, max: 94 }),
        (value, key, position, shift) => {
          const signed = signValue(value, key);
          const index = 2 + (position % (signed.length - 2));
          const code = 33 + ((signed.charCodeAt(index) - 33 + shift) % 94);
          const tampered =
            signed.slice(0, index) + String.fromCharCode(code) + signed.slice(index + 1);
          fc.pre(tampered !== signed);
          expect(unsignValue(tampered, [key])).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('binds strict keys to the user agent and the IP', () => {
    fc.assert(
      fc.property(
        id,
        secret,
        fc.string({ maxLength: 40 }),
        fc.ipV4(),
        fc.ipV4(),
        (value, key, agent, ip, otherIp) => {
          fc.pre(ip !== otherIp);
          const signed = signValue(value, strictKey(key, agent, ip));
          expect(unsignValue(signed, [strictKey(key, agent, ip)])?.value).toBe(value);
          expect(unsignValue(signed, [strictKey(key, agent, otherIp)])).toBeNull();
          expect(unsignValue(signed, [strictKey(key, `${agent}x`, ip)])).toBeNull();
          expect(unsignValue(signed, [key])).toBeNull();
        },
      ),
      RUNS,
    );
  });
});

describe('route paths', () => {
  it('compiles any middleware route filter and matches any request path without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (pattern, path) => {
        const filter = compileRouteFilter(`/${pattern}`);
        expect(typeof new FilterView(`/${path}`, -1).matches(filter.pattern)).toBe('boolean');
        expect(typeof new FilterView(`/${path}`, 2).matches(filter.pattern)).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('resolves any request URL to a route, a 404, a 405 or a bad URL', () => {
    const router = new Router([
      { method: 'GET', path: '/users/:id', value: 'user' },
      { method: 'POST', path: '/files/*', value: 'files' },
      { method: '*', path: '/any/*/end', value: 'any' },
    ]);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS'),
        anyText,
        (method, tail) => {
          const resolution = router.resolve(method, `/${tail}`);
          expect(['found', 'options', 'not-allowed', 'not-found', 'bad-url']).toContain(
            resolution.kind,
          );
        },
      ),
      RUNS,
    );
  });
});

describe('JSON and form bodies', () => {
  it('parses any JSON body to a value or rejects it with a 400', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.json()), (text) => {
        try {
          parseJson(text);
        } catch (error) {
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(400);
        }
      }),
      RUNS,
    );
  });

  it('parses any urlencoded body into an object of strings', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const value of Object.values(parseForm(text))) expect(typeof value).toBe('string');
      }),
      RUNS,
    );
  });
});
