import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileRouteFilter,
  decideFilter,
  FilterView,
  fold,
  restIndex,
  windowsName,
} from '../src/route-filter.js';
import { Router } from '../src/router.js';

const view = (path: string, restAt: number) => new FilterView(path, restAt).path;

describe('compileRouteFilter', () => {
  it('matches :params and a mid-path * as one segment of one character or more, a trailing * as the rest', () => {
    const { pattern } = compileRouteFilter('/api/:version/*/items/*');
    expect(pattern.test('/api/v1/x/items/a/b')).toBe(true);
    expect(pattern.test('/api/v1/x/items/')).toBe(true);
    expect(pattern.test('/api/v1/x/y/items/a')).toBe(false);
    expect(pattern.test('/api/v1/x/items')).toBe(false);
    expect(pattern.test('/api//x/items/a')).toBe(false);
    expect(pattern.test('/api/v1//items/a')).toBe(false);
  });

  it('is written in any case and matches the lower-cased view, regex characters taken literally', () => {
    const { pattern } = compileRouteFilter('/A.B/(C)+');
    expect(pattern.test(view('/A.B/(C)+', -1))).toBe(true);
    expect(pattern.test(view('/%61.b/(c)%2B', -1))).toBe(true);
    expect(pattern.test('/axb/(c)+')).toBe(false);
    expect(pattern.test('/a.b/(c)+/more')).toBe(false);
  });

  it('lets a trailing * match any character, line breaks included', () => {
    const { pattern } = compileRouteFilter('/admin/*');
    for (const rest of ['\n', '\r\n', '\u2028', 'a/\nb']) {
      expect(pattern.test(`/admin/${rest}`)).toBe(true);
    }
  });
});

describe('filterView', () => {
  it('decodes each segment as e.parameters gets it, keeps an encoded / inside its segment, and lower-cases', () => {
    expect(view('/%61DMIN/1', -1)).toBe('/admin/1');
    expect(view('/%E2%84%AAeys/1', -1)).toBe('/keys/1');
    expect(view('/admin/a%2Fb', -1)).toBe('/admin/a%2fb');
    expect(view('/admin/%25', -1)).toBe('/admin/%');
    expect(view('/files/private%2Fsecret', 2)).toBe('/files/private/secret');
    expect(view('/files/', 2)).toBe('/files/');
    expect(view('/files', 2)).toBe('/files');
    expect(view('/bad/%E0%A4%A', -1)).toBe('/bad/%e0%a4%a');
  });

  it('is the route path with the values the router gives the handler, for any path the router routes', () => {
    const router = new Router([{ method: 'GET', path: '/x/:a/:b/*', value: 'route' }]);
    const restAt = restIndex('/x/:a/:b/*');
    const segment = fc.stringMatching(/^([a-zA-Z0-9._~:@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 3, maxLength: 6 }), (segments) => {
        const path = `/x/${segments.join('/')}`;
        const resolution = router.resolve('GET', path);
        if (resolution.kind !== 'found') return;
        const { a, b, '*': rest } = resolution.params;
        const slash = (value: string) => value.replaceAll('/', '%2f');
        expect(view(path, restAt)).toBe(`/x/${slash(a)}/${slash(b)}/${rest}`.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe('FilterView.asFile and matches', () => {
  it('reads the path as a file path: wholly decoded, dot and empty segments resolved', () => {
    const asFile = (path: string) => new FilterView(path, 2).asFile;
    expect(asFile('/files/./private/x')).toBe('/files/private/x');
    expect(asFile('/files//private/x')).toBe('/files/private/x');
    expect(asFile('/files/a/../private/x')).toBe('/files/private/x');
    expect(asFile('/files/%2e%2E/files/private/x')).toBe('/files/private/x');
    expect(asFile('/files/private%2Fx')).toBe('/files/private/x');
    expect(asFile('/files/..%5Cprivate%5Cx')).toBe('/private/x');
    expect(asFile('/files/../../..')).toBe('/');
  });

  it('keeps the trailing slash of a path that names a folder, as RFC 3986 resolves it', () => {
    const asFile = (path: string) => new FilterView(path, 2).asFile;
    expect(asFile('/files//private//.')).toBe('/files/private/');
    expect(asFile('/files/private/')).toBe('/files/private/');
    expect(asFile('/files/private/x/..')).toBe('/files/private/');
    expect(asFile('/files/private/x/%2E%2e')).toBe('/files/private/');
    expect(asFile('/files/private%2F')).toBe('/files/private/');
    expect(asFile('/files/private/.x')).toBe('/files/private/.x');
  });

  it('runs a filter that matches either the path or the path read as a file path', () => {
    const { pattern } = compileRouteFilter('/files/private/*');
    const matches = (path: string) => new FilterView(path, 2).matches(pattern);
    expect(matches('/files/private/x')).toBe(true);
    expect(matches('/files/./private/x')).toBe(true);
    expect(matches('/files/PRIV%41TE/x')).toBe(true);
    expect(matches('/files/public/x')).toBe(false);
    expect(matches('/files/public%2Fprivate/x')).toBe(false);
  });

  it('reads each segment as Windows opens it too: trailing dots and spaces, NTFS streams', () => {
    expect(windowsName('private.')).toBe('private');
    expect(windowsName('private. .')).toBe('private');
    expect(windowsName('private ')).toBe('private');
    expect(windowsName('private::$INDEX_ALLOCATION')).toBe('private');
    expect(windowsName('a.txt:stream:$DATA')).toBe('a.txt');
    expect(windowsName('.. ')).toBe('..');
    expect(windowsName('...')).toBe('...');
    expect(windowsName('.x')).toBe('.x');
    expect(windowsName('')).toBe('');
    const asWindowsFile = (path: string) => new FilterView(path, 2).asWindowsFile;
    expect(asWindowsFile('/files/private./a')).toBe('/files/private/a');
    expect(asWindowsFile('/files/PRIVATE%20/a')).toBe('/files/private/a');
    expect(asWindowsFile('/files/private::$INDEX_ALLOCATION/a')).toBe('/files/private/a');
    expect(asWindowsFile('/files/private/x/..%20/a')).toBe('/files/private/a');
    expect(asWindowsFile('/files/x/.../a')).toBe('/files/x/.../a');
  });

  it('runs a filter on a Windows spelling of a guarded folder, and keeps the matches it had', () => {
    const { pattern } = compileRouteFilter('/files/private/*');
    const matches = (path: string) => new FilterView(path, 2).matches(pattern);
    expect(matches('/files/private./a')).toBe(true);
    expect(matches('/files/private%20/a')).toBe(true);
    expect(matches('/files/private%3A%3A$INDEX_ALLOCATION/a')).toBe(true);
    expect(matches('/files//private.')).toBe(false);
    expect(matches('/files/privates/a')).toBe(false);
    // A colon that is part of the guarded name still matches on the view without Windows names.
    const colon = compileRouteFilter('/files/a:b/*').pattern;
    expect(new FilterView('/files//a:b/x', 2).matches(colon)).toBe(true);
  });

  it('runs a filter on every spelling of a guarded folder, and a filter without the slash too', () => {
    const { pattern } = compileRouteFilter('/files/private/*');
    const matches = (path: string) => new FilterView(path, 2).matches(pattern);
    // Each of these names the folder /files/private/, as the plain spelling does.
    expect(matches('/files/private/')).toBe(true);
    expect(matches('/fILEs//PriVate//.')).toBe(true);
    expect(matches('/files//private/x/..')).toBe(true);
    expect(matches('/files//private//..')).toBe(false);
    // As in Pode, `/files/private/*` does not cover `/files/private` itself.
    expect(matches('/files/private')).toBe(false);
    const single = compileRouteFilter('/keys/:id').pattern;
    expect(new FilterView('/keys//abc/', 2).matches(single)).toBe(true);
  });
});

describe('fold', () => {
  it('folds case as the router does, and the upper-case equivalents too', () => {
    expect(fold('KEYS')).toBe('keys');
    expect(fold('\u212Aeys')).toBe('keys');
    expect(fold('\u017Ftatus')).toBe('status');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('\u0130')).toBe('i');
    expect(fold('\u0131')).toBe('i');
    expect(fold('\u0130')).toBe(fold('\u0130'.toLowerCase()));
  });
});

describe('decideFilter', () => {
  const decide = (filter: string, route: string) => decideFilter(compileRouteFilter(filter), route);

  it('decides at start-up a filter that covers all of a route or none of it', () => {
    expect(decide('/admin/*', '/admin/:id')).toBe('always');
    expect(decide('/admin/*', '/ADMIN/:id/x/*')).toBe('always');
    expect(decide('/admin/*', '/admin/')).toBe('always');
    expect(decide('/admin/:id', '/admin/:id')).toBe('always');
    expect(decide('/keys/*', '/keys/:id')).toBe('always');
    expect(decide('/api/:v/items', '/api/*/items')).toBe('always');
    expect(decide('/api*', '/apis/:id')).toBe('always');
    expect(decide('/files/*', '/files/*')).toBe('always');
    expect(decide('/a/x*/c', '/a/xy/c')).toBe('always');
    expect(decide('/admin/*', '/admin')).toBe('never');
    expect(decide('/admin/:id', '/admin/')).toBe('never');
    expect(decide('/users/*', '/admin/:id')).toBe('never');
    expect(decide('/api*', '/ap/:id')).toBe('never');
    expect(decide('/a/*/c', '/a/b/:x/d')).toBe('never');
    expect(decide('/status/*', '/\u017Ftatus/:x')).toBe('always');
  });

  it('leaves to each request a filter that covers part of a route, or a route it cannot read', () => {
    expect(decide('/admin/1', '/admin/:id')).toBe('per-request');
    expect(decide('/files/private/*', '/files/*')).toBe('per-request');
    expect(decide('/a/:id/b', '/a/*')).toBe('per-request');
    expect(decide('/api/v*', '/api/:version')).toBe('per-request');
    expect(decide('/files/*', '/files/:name.:ext')).toBe('per-request');
    expect(decide('/a/:id', '/a/*')).toBe('per-request');
  });

  it('never says always or never where a path the router routes to the route says otherwise', () => {
    const literal = fc.constantFrom('a', 'b', 'ab', 'k');
    const routePart = fc.oneof(literal, fc.constant(':p'), fc.constant('*'), fc.constant(''));
    const filterPart = fc.oneof(literal, fc.constantFrom(':q', '*', 'a*', '*b', 'a*b', '**', 'A'));
    const routeShape = fc.tuple(fc.array(routePart, { minLength: 1, maxLength: 4 }), fc.boolean());
    const filterShape = fc.array(filterPart, { minLength: 1, maxLength: 4 });
    // A spelling of one route part: a value for a parameter, then random case and escapes.
    const spelling = fc.tuple(
      fc.constantFrom('a', 'b', 'ab', 'k', 'K', '%E2%84%AA', 'x', '%2F', 'a%2Fb', 'b/a', '/', ''),
      fc.boolean(),
    );
    let decided = 0;
    fc.assert(
      fc.property(
        routeShape,
        filterShape,
        fc.array(spelling, { minLength: 6, maxLength: 6 }),
        ([parts, trailing], filterParts, spellings) => {
          const routePath = `/${parts.join('/')}${trailing ? '/*' : ''}`;
          let router: Router<string>;
          try {
            router = new Router([{ method: 'GET', path: routePath, value: 'route' }]);
          } catch {
            return; // not a route find-my-way takes (a `*` holding its own segment count, etc.)
          }
          const filter = compileRouteFilter(`/${filterParts.join('/')}`);
          const decision = decideFilter(filter, routePath);
          const all = trailing ? [...parts, '*'] : parts;
          const path = all
            .map((part, i) => {
              const [value, upper] = spellings[i];
              const text = part === ':p' || part === '*' ? value : part;
              return upper ? text.toUpperCase() : text;
            })
            .join('/');
          const resolution = router.resolve('GET', `/${path}`);
          if (resolution.kind !== 'found') return;
          const applies = filter.pattern.test(view(`/${path}`, restIndex(routePath)));
          if (decision === 'always') expect(applies).toBe(true);
          if (decision === 'never') expect(applies).toBe(false);
          if (decision !== 'per-request') decided++;
        },
      ),
      { numRuns: 2000 },
    );
    expect(decided).toBeGreaterThan(100);
  });
});
