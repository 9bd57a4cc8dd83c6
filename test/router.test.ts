import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../src/index.js';
import { cleanRoutePath, Router, routeKey } from '../src/router.js';

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

  it('never lets a :param or a mid-path * match an empty segment, as in Pode', () => {
    const routes = router(['GET', '/a/:id'], ['GET', '/b/*/c'], ['DELETE', '/d/:id/e']);
    expect(routes.resolve('GET', '/a/')).toEqual({ kind: 'not-found' });
    expect(routes.resolve('GET', '/b//c')).toEqual({ kind: 'not-found' });
    expect(routes.resolve('GET', '/d//e')).toEqual({ kind: 'not-found' });
    expect(routes.resolve('GET', '/a/%2F')).toMatchObject({ params: { id: '/' } });
    expect(routes.resolve('GET', '/b/x/c')).toMatchObject({ kind: 'found' });
  });

  it('never lets a :param match an empty segment when the route names it twice (found by fast-check)', () => {
    const routes = router(['GET', '/:p/a/:p']);
    expect(routes.resolve('GET', '//a/a')).toEqual({ kind: 'not-found' });
    expect(routes.resolve('GET', '/x/a/')).toEqual({ kind: 'not-found' });
    // As in Pode (a regex with the name twice), the last value is the parameter's.
    expect(routes.resolve('GET', '/x/a/y')).toMatchObject({ kind: 'found', params: { p: 'y' } });
  });

  it('gives an empty segment to the route that can take it: a trailing * or a literal', () => {
    const routes = router(['GET', '/a/:id'], ['GET', '/a/*'], ['GET', '/b/:id/x'], ['GET', '/*']);
    expect(routes.resolve('GET', '/a/')).toMatchObject({ value: 'GET /a/*', params: { '*': '' } });
    expect(routes.resolve('GET', '/a/1')).toMatchObject({ value: 'GET /a/:id' });
    expect(routes.resolve('GET', '/b//x')).toMatchObject({
      value: 'GET /*',
      params: { '*': 'b//x' },
    });
    expect(router(['GET', '/a/:id'], ['GET', '/a/']).resolve('GET', '/a/')).toMatchObject({
      value: 'GET /a/',
    });
  });

  it('refuses a URL with a # (a fragment is never sent, and the router would cut the path there)', () => {
    const routes = router(['GET', '/a/:id'], ['GET', '/b']);
    for (const url of ['/a/1#x', '/a/1#/y', '/b#', '/b?q=#x', '/nowhere#']) {
      expect({ url, resolution: routes.resolve('GET', url) }).toEqual({
        url,
        resolution: { kind: 'bad-url' },
      });
    }
    expect(routes.resolve('GET', '/a/%23')).toMatchObject({ params: { id: '#' } });
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
