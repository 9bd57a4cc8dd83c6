/**
 * Unknown option keys from plain JavaScript (where no compiler checks them) are refused at set-up
 * with PODE_ERR_UNKNOWN_OPTION and the nearest known key, for every options object the set-up API
 * takes. Calls go through `unknown` casts, as untyped JavaScript would make them.
 */
import { describe, expect, it } from 'vitest';
import {
  apiKey,
  basic,
  bearer,
  custom,
  form,
  MemoryStore,
  PodeError,
  type ServerBuilder,
  startServer,
} from '../src/index.js';
import { nearestKey } from '../src/option-keys.js';
import { RedisStore } from '../src/redis/index.js';
import { setupFailure } from './helpers.js';
import { redisClient } from './redis/helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript calls, untyped on purpose
type Loose = any;
const loose = (value: unknown): Loose => value as Loose;

function expectUnknown(error: unknown, where: string, key: string, nearest?: string): void {
  expect(error).toBeInstanceOf(PodeError);
  const { code, message, hint } = error as PodeError;
  expect(code).toBe('PODE_ERR_UNKNOWN_OPTION');
  expect(message).toBe(
    nearest === undefined
      ? `${where}: unknown option '${key}'.`
      : `${where}: unknown option '${key}'. Did you mean '${nearest}'?`,
  );
  expect(hint).toMatch(/^The options it takes: /);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('unknown option keys', () => {
  it('startServer refuses { thread: 2 } and suggests threads, before running the set-up', async () => {
    let ran = false;
    const error = await startServer(
      () => {
        ran = true;
      },
      loose({ thread: 2, logger: false }),
    ).catch((reason: unknown) => reason);
    expectUnknown(error, 'startServer()', 'thread', 'threads');
    expect(ran).toBe(false);
  });

  it('enableSessionMiddleware refuses { durration } and suggests duration', async () => {
    const error = await setupFailure((s) =>
      s.enableSessionMiddleware(loose({ durration: 120, extend: true })),
    );
    expectUnknown(error, 's.enableSessionMiddleware()', 'durration', 'duration');
  });

  const builderCases: [string, (s: ServerBuilder) => unknown, string, string, string?][] = [
    [
      'addEndpoint',
      (s) => s.addEndpoint(loose({ port: 0, adress: '127.0.0.1' })),
      's.addEndpoint()',
      'adress',
      'address',
    ],
    [
      'addEndpoint tls',
      (s) =>
        s.addEndpoint(loose({ port: 0, protocol: 'https', tls: { key: 'k', certificate: 'c' } })),
      's.addEndpoint() tls',
      'certificate',
    ],
    [
      'addRoute',
      (s) => s.addRoute(loose({ method: 'GET', path: '/', authenticaton: 'x' }), () => {}),
      's.addRoute()',
      'authenticaton',
      'authentication',
    ],
    [
      'addMiddleware (object)',
      (s) => s.addMiddleware(loose({ name: 'm', routes: '/a' }), () => {}),
      's.addMiddleware()',
      'routes',
      'route',
    ],
    [
      'addMiddleware (name, fn, options)',
      (s) => s.addMiddleware('m', () => {}, loose({ path: '/a' })),
      's.addMiddleware()',
      'path',
    ],
    [
      'addAuth',
      (s) => {
        s.enableSessionMiddleware();
        s.addAuth('login', form(), () => null, loose({ failureURL: '/login' }));
      },
      "s.addAuth('login')",
      'failureURL',
      'failureUrl',
    ],
    [
      'addAuthSession',
      (s) => {
        s.enableSessionMiddleware();
        s.addAuthSession('sess', loose({ sessionless: true }));
      },
      "s.addAuthSession('sess')",
      'sessionless',
    ],
    [
      'enableCsrfMiddleware',
      (s) => {
        s.enableSessionMiddleware();
        s.enableCsrfMiddleware(loose({ ignoreMethod: ['GET'] }));
      },
      's.enableCsrfMiddleware()',
      'ignoreMethod',
      'ignoreMethods',
    ],
    [
      'addStaticRoute',
      (s) => s.addStaticRoute('/files', '.', loose({ fileBrowse: true })),
      's.addStaticRoute()',
      'fileBrowse',
      'fileBrowser',
    ],
    [
      'addRouteGroup',
      (s) => s.addRouteGroup(loose({ path: '/api', defaults: ['x.html'] }), () => {}),
      's.addRouteGroup()',
      'defaults',
    ],
    [
      'addStaticRouteGroup',
      (s) => s.addStaticRouteGroup(loose({ path: '/s', sources: '.' }), () => {}),
      's.addStaticRouteGroup()',
      'sources',
      'source',
    ],
    [
      'g.addStaticRoute inside a group',
      (s) =>
        s.addRouteGroup({ path: '/api' }, (g) => {
          g.addStaticRoute('/files', '.', loose({ dotfile: true }));
        }),
      'g.addStaticRoute()',
      'dotfile',
      'dotfiles',
    ],
    [
      'setViewEngine',
      (s) => s.setViewEngine(loose({ type: 'html', extention: 'htm' })),
      's.setViewEngine()',
      'extention',
      'extension',
    ],
  ];
  for (const [name, setup, where, key, nearest] of builderCases) {
    it(`${name} refuses an unknown key at set-up`, async () => {
      expectUnknown(await setupFailure(setup), where, key, nearest);
    });
  }

  it('the auth schemes refuse unknown keys when they are made', () => {
    expectUnknown(
      thrown(() => basic(loose({ relm: 'x' }))),
      'basic()',
      'relm',
      'realm',
    );
    expectUnknown(
      thrown(() => form(loose({ usernamefield: 'user' }))),
      'form()',
      'usernamefield',
      'usernameField',
    );
    expectUnknown(
      thrown(() => bearer(loose({ headertag: 'x' }))),
      'bearer()',
      'headertag',
      'headerTag',
    );
    expectUnknown(
      thrown(() => bearer(loose({ header: 'x' }))),
      'bearer()',
      'header',
    );
    expectUnknown(
      thrown(() => apiKey(loose({ location: 'query', nam: 'k' }))),
      'apiKey()',
      'nam',
      'name',
    );
    expectUnknown(
      thrown(() => custom(() => null, loose({ challenge: 'x' }))),
      'custom()',
      'challenge',
    );
  });

  it('the stores refuse unknown keys when they are made', () => {
    expectUnknown(
      thrown(() => new MemoryStore(loose({ maxSession: 10 }))),
      'new MemoryStore()',
      'maxSession',
      'maxSessions',
    );
    const client = redisClient({ lazyConnect: true });
    try {
      expectUnknown(
        thrown(() => new RedisStore(loose({ client, timeout: 100 }))),
        'new RedisStore()',
        'timeout',
        'timeoutMs',
      );
      expectUnknown(
        thrown(() => new RedisStore(loose({ client, prefx: 'a:' }))),
        'new RedisStore()',
        'prefx',
        'prefix',
      );
    } finally {
      client.disconnect();
    }
  });

  it('accepts every key each type declares, and undefined values of them', async () => {
    const error = await setupFailure((s) => {
      s.enableSessionMiddleware({ duration: undefined, extend: true, maxSessions: 10 });
      s.addRoute({ method: 'GET', path: '/', ifExists: 'error' }, () => {});
      throw new Error('reached the end of the set-up');
    });
    expect((error as Error).message).toBe('reached the end of the set-up');
  });
});

describe('nearestKey', () => {
  it('suggests within about a third of the name, ignoring case, and nothing further off', () => {
    const keys = ['duration', 'threads', 'secret', 'name'];
    expect(nearestKey('durration', keys)).toBe('duration');
    expect(nearestKey('Duration', keys)).toBe('duration');
    expect(nearestKey('thread', keys)).toBe('threads');
    expect(nearestKey('nme', keys)).toBe('name');
    expect(nearestKey('timeout', keys)).toBeUndefined();
    expect(nearestKey('x', keys)).toBeUndefined();
  });
});
