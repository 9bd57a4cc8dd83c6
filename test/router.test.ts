import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../src/index.js';
import { cleanRoutePath, Router, routedPath, routeKey, routePattern } from '../src/router.js';

function router(...routes: [method: string, path: string][]) {
  return new Router(routes.map(([method, path]) => ({ method, path, value: `${method} ${path}` })));
}

describe('Router.resolve', () => {
  it('finds a route with its parameters and raw query', () => {
    const resolution = router(['GET', '/users/:id']).resolve('GET', '/users/5?x=1&y=2');
    expect(resolution).toMatchObject({
      kind: 'found',
      value: 'GET /users/:id',
      params: { id: '5' },
      query: 'x=1&y=2',
    });
  });

  it('prefers a static segment over a parameter', () => {
    const routes = router(['GET', '/users/:id'], ['GET', '/users/me']);
    expect(routes.resolve('GET', '/users/me')).toMatchObject({ value: 'GET /users/me' });
    expect(routes.resolve('GET', '/users/you')).toMatchObject({ value: 'GET /users/:id' });
  });

  it("prefers a method-specific route over a '*' route", () => {
    const routes = router(['*', '/x'], ['POST', '/x']);
    expect(routes.resolve('POST', '/x')).toMatchObject({ value: 'POST /x' });
    expect(routes.resolve('PUT', '/x')).toMatchObject({ value: '* /x' });
    expect(routes.resolve('OPTIONS', '/x')).toMatchObject({ value: '* /x' });
  });

  it('answers HEAD with the GET route, unless a HEAD route exists', () => {
    expect(router(['GET', '/a']).resolve('HEAD', '/a')).toMatchObject({ value: 'GET /a' });
    expect(router(['GET', '/a'], ['HEAD', '/a']).resolve('HEAD', '/a')).toMatchObject({
      value: 'HEAD /a',
    });
    expect(router(['POST', '/a']).resolve('HEAD', '/a')).toMatchObject({ kind: 'not-allowed' });
  });

  it('lists the allowed methods for a 405 and an automatic OPTIONS', () => {
    const routes = router(['GET', '/a'], ['PUT', '/a'], ['DELETE', '/b']);
    expect(routes.resolve('POST', '/a')).toEqual({
      kind: 'not-allowed',
      allow: 'GET, PUT, HEAD, OPTIONS',
    });
    expect(routes.resolve('OPTIONS', '/a')).toEqual({
      kind: 'options',
      allow: 'GET, PUT, HEAD, OPTIONS',
    });
    expect(routes.resolve('GET', '/b')).toEqual({ kind: 'not-allowed', allow: 'DELETE, OPTIONS' });
    expect(routes.resolve('GET', '/c')).toEqual({ kind: 'not-found' });
  });

  it('matches case-insensitively and keeps the trailing slash significant', () => {
    const routes = router(['GET', '/Docs/Intro']);
    expect(routes.resolve('GET', '/docs/intro')).toMatchObject({ kind: 'found' });
    expect(routes.resolve('GET', '/docs/intro/')).toEqual({ kind: 'not-found' });
  });

  it('decodes %xx in parameters and leaves + alone', () => {
    const routes = router(['GET', '/n/:name']);
    expect(routes.resolve('GET', '/n/a%20b')).toMatchObject({ params: { name: 'a b' } });
    expect(routes.resolve('GET', '/n/a+b')).toMatchObject({ params: { name: 'a+b' } });
    expect(routes.resolve('GET', '/n/%E0%A4%A')).toEqual({ kind: 'bad-url' });
  });

  it('matches one segment with a mid-path * and the rest with a trailing *', () => {
    const routes = router(['GET', '/a/*/c'], ['GET', '/files/*']);
    expect(routes.resolve('GET', '/a/b/c')).toMatchObject({ kind: 'found', params: {} });
    expect(routes.resolve('GET', '/a/b/b/c')).toEqual({ kind: 'not-found' });
    expect(routes.resolve('GET', '/files/x/y')).toMatchObject({ params: { '*': 'x/y' } });
  });

  it('drops a query written in a defined path', () => {
    expect(router(['GET', '/s?q=1']).resolve('GET', '/s')).toMatchObject({ kind: 'found' });
  });

  it('throws a coded SetupError naming the route for a path it cannot route', () => {
    expect(() => router(['GET', '/a/**'])).toThrow(SetupError);
    expect(() => router(['GET', '/a/**'])).toThrow(/^\[GET\] \/a\/\*\*: /);
  });

  it('gives a clean answer for any URL', () => {
    const routes = router(['GET', '/'], ['GET', '/a/:b'], ['POST', '/c/*'], ['*', '/d/*/e']);
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'PUT'),
        (tail, method) => {
          const resolution = routes.resolve(method, `/${tail}`);
          expect(['found', 'options', 'not-allowed', 'not-found', 'bad-url']).toContain(
            resolution.kind,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('routeKey', () => {
  it('folds case, parameter names, mid-path wildcards and the query', () => {
    expect(routeKey('/Users/:id')).toBe(routeKey('/users/:name'));
    expect(routeKey('/a/*/c')).toBe(routeKey('/a/:x/c'));
    expect(routeKey('/s?q=1')).toBe(routeKey('/s'));
    expect(routeKey('/files/*')).not.toBe(routeKey('/files/:name'));
    expect(routeKey('/a/')).not.toBe(routeKey('/a'));
  });
});

describe('cleanRoutePath', () => {
  it('drops the query string and keeps the rest', () => {
    expect(cleanRoutePath('/a/b?c=d')).toBe('/a/b');
    expect(cleanRoutePath('/a/b')).toBe('/a/b');
  });
});

describe('routePattern', () => {
  it('matches :params and a mid-path * as one segment, a trailing * as the rest', () => {
    const pattern = routePattern('/api/:version/*/items/*');
    expect(pattern.test('/api/v1/x/items/a/b')).toBe(true);
    expect(pattern.test('/API/V1/X/ITEMS/a')).toBe(true);
    expect(pattern.test('/api/v1/x/y/items/a')).toBe(false);
    expect(pattern.test('/api/v1/x/items')).toBe(false);
  });

  it('matches a static path exactly, case-insensitively, with regex characters taken literally', () => {
    const pattern = routePattern('/a.b/(c)+');
    expect(pattern.test('/A.B/(C)+')).toBe(true);
    expect(pattern.test('/aXb/(c)+')).toBe(false);
    expect(pattern.test('/a.b/(c)+/more')).toBe(false);
  });
});

describe('routedPath', () => {
  it('decodes percent-escapes except reserved characters and %25, and leaves plain paths alone', () => {
    expect(routedPath('/admin/1')).toBe('/admin/1');
    expect(routedPath('/%61dmin/%31')).toBe('/admin/1');
    expect(routedPath('/files/a%2Fb')).toBe('/files/a%2Fb');
    expect(routedPath('/files/100%25')).toBe('/files/100%25');
    expect(routedPath('/caf%C3%A9')).toBe('/café');
    expect(routedPath('/bad/%E0%A4%A')).toBe('/bad/%E0%A4%A');
  });

  it('is the path find-my-way matches, for any path it can decode', () => {
    // The router's own decoder, to prove the middleware filter sees what the router saw.
    const require = createRequire(import.meta.url);
    const { safeDecodeURI } = require('find-my-way/lib/url-sanitizer.js') as {
      safeDecodeURI: (path: string, semicolon: boolean) => { path: string };
    };
    const segment = fc.stringMatching(/^([a-zA-Z0-9._~-]|%[0-9A-Fa-f]{2})*$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = `/${segments.join('/')}`;
        let routerPath: string;
        try {
          routerPath = safeDecodeURI(path, false).path;
        } catch {
          return; // malformed: the router answers 400 before any middleware
        }
        expect(routedPath(path)).toBe(routerPath);
      }),
    );
  });
});
