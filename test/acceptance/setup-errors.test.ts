import { connect, createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  type ServerBuilder,
  type ServerOptions,
  SetupError,
  startServer,
} from '../../src/index.js';
import { serve } from '../helpers.js';

const quiet: ServerOptions = { logger: false, handleSignals: false };
const ok = () => {};

/** Starts a server with one good endpoint and route, plus whatever `setup` adds. */
function start(setup: (s: ServerBuilder) => void, options: ServerOptions = {}) {
  return startServer(
    (s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      setup(s);
    },
    { ...quiet, ...options },
  );
}

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Untyped values on purpose: these are the mistakes a JavaScript caller can make.
const loose = <T>(value: unknown) => value as T;

describe('set-up mistakes reject startServer with a coded SetupError', () => {
  const cases: [string, () => Promise<unknown>, string, string | RegExp][] = [
    [
      'no endpoint',
      () => startServer((s) => s.addRoute('GET', '/', ok), quiet),
      ErrorCodes.NO_ENDPOINT,
      'No endpoint was added.',
    ],
    [
      'a negative port',
      () => startServer((s) => s.addEndpoint({ port: -1 }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      'Endpoint port must be an integer from 0 to 65535, but got: -1',
    ],
    [
      'a port above 65535',
      () => startServer((s) => s.addEndpoint({ port: 70000 }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      /but got: 70000/,
    ],
    [
      'a port that is a string',
      () => startServer((s) => s.addEndpoint({ port: loose<number>('8080') }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      /port must be an integer/,
    ],
    [
      'a fractional port',
      () => startServer((s) => s.addEndpoint({ port: 80.5 }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      /but got: 80.5/,
    ],
    [
      'an unknown protocol',
      () => startServer((s) => s.addEndpoint({ protocol: loose<'http'>('ftp') }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      "Endpoint protocol must be 'http', 'https', 'ws' or 'wss', but got: ftp",
    ],
    [
      'https without tls',
      () => startServer((s) => s.addEndpoint({ port: 0, protocol: 'https' }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      'An https endpoint needs tls: { key, cert }.',
    ],
    [
      'wss without tls',
      () => startServer((s) => s.addEndpoint({ port: 0, protocol: 'wss' }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      'A wss endpoint needs tls: { key, cert }.',
    ],
    [
      'an empty address',
      () => startServer((s) => s.addEndpoint({ address: '' }), quiet),
      ErrorCodes.BAD_ENDPOINT,
      /address must be a non-empty string/,
    ],
    [
      'two endpoints with one name',
      () =>
        startServer((s) => {
          s.addEndpoint({ port: 0, name: 'web' });
          s.addEndpoint({ port: 0, name: 'web' });
        }, quiet),
      ErrorCodes.BAD_ENDPOINT,
      "An endpoint named 'web' already exists.",
    ],
    [
      'an unknown HTTP method',
      () => start((s) => s.addRoute('FETCH', '/', ok)),
      ErrorCodes.BAD_ROUTE,
      /^\/: Unknown HTTP method: FETCH$/,
    ],
    [
      'an empty method array',
      () => start((s) => s.addRoute({ method: [], path: '/' }, ok)),
      ErrorCodes.BAD_ROUTE,
      /at least one method/,
    ],
    [
      'a method that is not a string',
      () => start((s) => s.addRoute({ method: loose<string>(42), path: '/' }, ok)),
      ErrorCodes.BAD_ROUTE,
      /Unknown HTTP method: 42/,
    ],
    [
      'a path without a leading slash',
      () => start((s) => s.addRoute('GET', 'users', ok)),
      ErrorCodes.BAD_ROUTE,
      `A route path must be a string starting with '/', but got: "users"`,
    ],
    [
      'a handler that is not a function',
      () => start((s) => s.addRoute({ method: 'GET', path: '/' }, loose<() => void>('nope'))),
      ErrorCodes.BAD_HANDLER,
      '[GET] /: The route handler must be a function, but got: string',
    ],
    [
      'route middleware that is not an array of functions',
      () =>
        start((s) =>
          s.addRoute({ method: 'GET', path: '/', middleware: loose<[]>([ok, 'x']) }, ok),
        ),
      ErrorCodes.BAD_HANDLER,
      '[GET] /: Route middleware must be an array of functions.',
    ],
    [
      'an unknown ifExists',
      () =>
        start((s) =>
          s.addRoute({ method: 'GET', path: '/', ifExists: loose<'skip'>('merge') }, ok),
        ),
      ErrorCodes.BAD_OPTION,
      /ifExists must be 'error', 'skip' or 'overwrite', but got: merge/,
    ],
    [
      'a duplicate route',
      () =>
        start((s) => {
          s.addRoute('GET', '/users', ok);
          s.addRoute('GET', '/users', ok);
        }),
      ErrorCodes.ROUTE_EXISTS,
      '[GET] /users: Already defined.',
    ],
    [
      'a route with no logic',
      () => start((s) => s.addRoute({ method: 'POST', path: '/users' })),
      ErrorCodes.NO_LOGIC,
      '[POST] /users: No logic passed.',
    ],
    [
      'a duplicate middleware name',
      () =>
        start((s) => {
          s.addMiddleware('auth', ok);
          s.addMiddleware({ name: 'auth', route: '/api/*' }, ok);
        }),
      ErrorCodes.MIDDLEWARE_EXISTS,
      '[Middleware] auth: Middleware already defined.',
    ],
    [
      'a middleware without a name',
      () => start((s) => s.addMiddleware('', ok)),
      ErrorCodes.BAD_HANDLER,
      'A middleware needs a name.',
    ],
    [
      'a middleware that is not a function',
      () => start((s) => s.addMiddleware('mw', loose<() => void>(null))),
      ErrorCodes.BAD_HANDLER,
      '[Middleware] mw: The middleware must be a function, but got: object',
    ],
    [
      'a middleware route without a leading slash',
      () => start((s) => s.addMiddleware('mw', ok, { route: 'api' })),
      ErrorCodes.BAD_ROUTE,
      /A middleware route must be a path starting with '\/'/,
    ],
    [
      'an endware that is not a function',
      () => start((s) => s.addEndware(loose<() => void>({}))),
      ErrorCodes.BAD_HANDLER,
      'An endware must be a function, but got: object',
    ],
    [
      'a set-up that is not a function',
      () => startServer(loose<() => void>({}), quiet),
      ErrorCodes.BAD_OPTION,
      /needs a set-up function/,
    ],
    [
      'options that are not an object',
      () => startServer(ok, loose<ServerOptions>('fast')),
      ErrorCodes.BAD_OPTION,
      'startServer options must be an object.',
    ],
    [
      'threads of 0',
      () => start(ok, { threads: 0 }),
      ErrorCodes.BAD_OPTION,
      'The threads option must be a whole number of 1 or more, but got: 0',
    ],
    [
      'a negative bodyLimit',
      () => start(ok, { bodyLimit: -1 }),
      ErrorCodes.BAD_OPTION,
      /The bodyLimit option must be a whole number of 0 or more, but got: -1/,
    ],
    [
      'a headersTimeout of 0',
      () => start(ok, { headersTimeout: 0 }),
      ErrorCodes.BAD_OPTION,
      /headersTimeout option must be a whole number of 1 or more/,
    ],
    [
      'a logger that is a level name',
      () => start(ok, { logger: loose<false>('debug') }),
      ErrorCodes.BAD_OPTION,
      'The logger option must be a pino logger, pino options or false, but got: debug',
    ],
    [
      'a requestTimeout that is a string',
      () => start(ok, { requestTimeout: loose<number>('30s') }),
      ErrorCodes.BAD_OPTION,
      /requestTimeout option .* but got: 30s/,
    ],
  ];

  it.each(cases)('%s', async (_name, run, code, message) => {
    const error = await run().then(
      () => {
        throw new Error('startServer resolved but should have rejected');
      },
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(SetupError);
    expect(error).toMatchObject({ name: 'SetupError', code });
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  it('gives a hint that says how to fix the common mistakes', async () => {
    const noEndpoint = await startServer((s) => s.addRoute('GET', '/', ok), quiet).catch(
      (error: SetupError) => error,
    );
    expect((noEndpoint as SetupError).hint).toMatch(/s\.addEndpoint/);
    const duplicate = await start((s) => {
      s.addRoute('GET', '/', ok);
      s.addRoute('GET', '/', ok);
    }).catch((error: SetupError) => error);
    expect((duplicate as SetupError).hint).toMatch(/ifExists/);
  });

  it("passes on the set-up function's own error, sync or async", async () => {
    const own = new Error('my config is missing');
    await expect(
      startServer(() => {
        throw own;
      }, quiet),
    ).rejects.toBe(own);
    await expect(
      startServer(async () => {
        await Promise.resolve();
        throw own;
      }, quiet),
    ).rejects.toBe(own);
  });
});

describe('nothing is left listening after a failed start', () => {
  it('rejects with PODE_ERR_LISTEN on a port in use and closes the endpoints already opened', async () => {
    const blocker = await listenOnFreePort();
    const spare = await listenOnFreePort();
    const sparePort = portOf(spare);
    await new Promise((resolve) => spare.close(resolve));
    try {
      const error = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: sparePort, name: 'first' });
        s.addEndpoint({ address: '127.0.0.1', port: portOf(blocker), name: 'taken' });
        s.addRoute('GET', '/', ok);
      }, quiet).catch((rejection: unknown) => rejection);
      expect(error).toBeInstanceOf(SetupError);
      expect(error).toMatchObject({ code: ErrorCodes.LISTEN });
      expect((error as Error).message).toContain(`127.0.0.1:${portOf(blocker)}`);
      expect((error as Error).message).toContain('EADDRINUSE');
      expect((error as SetupError).hint).toMatch(/pick another port/);
      expect(await canConnect(sparePort)).toBe(false);
      // The port is free again: another server can take it.
      const again = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: sparePort });
        s.addRoute('GET', '/', (e) => e.writeText('second life'));
      }, quiet);
      try {
        expect(await (await fetch(again.url)).text()).toBe('second life');
      } finally {
        await again.stop();
      }
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects with PODE_ERR_LISTEN on an address this machine does not have', async () => {
    await expect(
      startServer((s) => {
        s.addEndpoint({ address: '203.0.113.1', port: 0 });
        s.addRoute('GET', '/', ok);
      }, quiet),
    ).rejects.toMatchObject({
      code: ErrorCodes.LISTEN,
      message: expect.stringContaining('203.0.113.1'),
    });
  });

  it('leaves no signal listener behind after a failed start', async () => {
    const before = process.listenerCount('SIGTERM');
    await startServer((s) => s.addRoute('GET', '/', ok), { logger: false }).catch(() => {});
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});

describe('inbuilt middleware', () => {
  it("lets a user middleware named '__pode_mw_body_parsing__' replace the body parser", async () => {
    const server = await serve((s) => {
      s.addMiddleware('__pode_mw_body_parsing__', async (e) => {
        let text = '';
        for await (const chunk of e.request) text += chunk;
        e.data = { custom: text.toUpperCase() };
      });
      s.addRoute('POST', '/', (e) => e.writeJson(e.data));
    });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":"parsed"}',
    });
    expect(await response.json()).toEqual({ custom: '{"NOT":"PARSED"}' });
  });

  it('keeps the replacement in the inbuilt position, before middleware added earlier', async () => {
    const order: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware('mine', () => {
        order.push('mine');
      });
      s.addMiddleware('__pode_mw_body_parsing__', () => {
        order.push('body replacement');
      });
      s.addRoute('GET', '/', ok);
    });
    await fetch(server.url);
    expect(order).toEqual(['body replacement', 'mine']);
  });
});
