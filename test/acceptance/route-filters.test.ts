/**
 * Middleware limited with `{ route }` cannot be skipped by spelling a request path differently
 * (issue 14, item 1): every request that reaches a guarded handler has gone through the guard.
 * The targets are sent byte for byte (fetch would normalise them).
 */
import { describe, expect, it } from 'vitest';
import type { ServerBuilder } from '../../src/index.js';
import { serve } from '../helpers.js';
import { sendRawBytes } from '../reliability/raw-socket.js';

/** A guard on `route` that refuses everyone (403), and counts what reached the handlers. */
function guarded(route: string, routes: [method: string, path: string][]) {
  const seen = { guard: 0, handler: 0 };
  const setup = (s: ServerBuilder) => {
    s.addMiddleware({ name: 'guard', route }, (e) => {
      seen.guard++;
      e.setStatus(403);
      return false;
    });
    for (const [method, path] of routes) {
      s.addRoute(method, path, (e) => {
        seen.handler++;
        e.writeText(`handler ${JSON.stringify(e.parameters)}`);
      });
    }
  };
  return { seen, setup };
}

async function send(port: number, method: string, target: string) {
  const response = await sendRawBytes(
    port,
    `${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
  );
  return response.status;
}

describe('route filters of global middleware', () => {
  it('refuses a request target with a # (400) instead of routing the part before it past the guard', async () => {
    const { seen, setup } = guarded('/admin/:id', [['DELETE', '/admin/:id']]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    expect(await send(port, 'DELETE', '/admin/1#/x')).toBe(400);
    expect(await send(port, 'DELETE', '/admin/1#')).toBe(400);
    expect(await send(port, 'DELETE', '/admin/1?q=#x')).toBe(400);
    expect(await send(port, 'DELETE', '/nowhere#x')).toBe(400);
    expect(seen.handler).toBe(0);
    expect(await send(port, 'DELETE', '/admin/1')).toBe(403);
    expect(seen).toEqual({ guard: 1, handler: 0 });
  });

  it('does not let an empty segment stand for a :param: /admin/ is a 404, not the /admin/:id route without its guard', async () => {
    const { seen, setup } = guarded('/admin/:id', [
      ['DELETE', '/admin/:id'],
      ['GET', '/users/:id/posts'],
    ]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    expect(await send(port, 'DELETE', '/admin/')).toBe(404);
    expect(await send(port, 'GET', '/users//posts')).toBe(404);
    expect(seen.handler).toBe(0);
    expect(await send(port, 'DELETE', '/admin/1')).toBe(403);
    expect(await send(port, 'GET', '/users/1/posts')).toBe(200);
    expect(seen).toEqual({ guard: 1, handler: 1 });
  });

  it('does not let an empty segment stand for a * between slashes', async () => {
    const { seen, setup } = guarded('/api/:version/items', [['GET', '/api/*/items']]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    expect(await send(port, 'GET', '/api//items')).toBe(404);
    expect(seen.handler).toBe(0);
    expect(await send(port, 'GET', '/api/v1/items')).toBe(403);
    expect(seen).toEqual({ guard: 1, handler: 0 });
  });

  it('runs the guard for a Unicode spelling the router folds to the guarded path (Kelvin sign for k)', async () => {
    const { seen, setup } = guarded('/keys/*', [['GET', '/keys/:id']]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    expect(await send(port, 'GET', '/%E2%84%AAeys/1')).toBe(403);
    expect(await send(port, 'GET', '/%E2%84%AAEYS/1')).toBe(403);
    expect(await send(port, 'GET', '/keys/1')).toBe(403);
    expect(seen).toEqual({ guard: 3, handler: 0 });
  });

  it('runs the guard for a parameter holding a line break (%0A, %0D, U+2028)', async () => {
    const { seen, setup } = guarded('/admin/*', [['DELETE', '/admin/:id']]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    for (const target of ['/admin/%0A', '/admin/%0D%0A', '/admin/%E2%80%A8']) {
      expect({ target, status: await send(port, 'DELETE', target) }).toEqual({
        target,
        status: 403,
      });
    }
    expect(seen).toEqual({ guard: 3, handler: 0 });
  });

  it('tests a filter that covers only one value of a :param per request, however the value is spelled', async () => {
    const { seen, setup } = guarded('/admin/1', [['GET', '/admin/:id']]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    // '1/' (sent as 1%2F) is still 1 to a handler that reads it as a path: the guard errs on that side.
    for (const target of ['/admin/1', '/ADMIN/%31', '/%61dmin/1', '/admin/1%2F']) {
      expect({ target, status: await send(port, 'GET', target) }).toEqual({ target, status: 403 });
    }
    expect(await send(port, 'GET', '/admin/2')).toBe(200);
    expect(await send(port, 'GET', '/admin/12')).toBe(200);
    expect(seen).toEqual({ guard: 4, handler: 2 });
  });

  it('runs a filter on part of a trailing * for every spelling of a path under it (case, escapes, %2F, dot and empty segments)', async () => {
    const { seen, setup } = guarded('/files/private/*', [['GET', '/files/*']]);
    const server = await serve(setup);
    const port = server.endpoints[0].port;
    const spellings = [
      '/files/private/a',
      '/FILES/Private/a',
      '/files/priv%61te/a',
      '/files/private%2Fa',
      '/files/private%2fa',
      '/files//private/a',
      '/files/./private/a',
      '/files/x/../private/a',
      '/files/%2E/private/a',
      '/files/x/%2e%2e/private/a',
      '/files/x%2F..%2Fprivate%2Fa',
      '/files/private/',
      // The folder itself, by spellings that resolve to `/files/private/` (found by fast-check).
      '/files//private//.',
      '/files//private/a/..',
      '/files/private%2F',
      // Names Windows opens as the folder `private`: trailing dots and spaces, an NTFS stream.
      '/files/private./a',
      '/files/PRIVATE%20/a',
      '/files/private::$INDEX_ALLOCATION/a',
    ];
    for (const target of spellings) {
      expect({ target, status: await send(port, 'GET', target) }).toEqual({ target, status: 403 });
    }
    expect(seen.handler).toBe(0);
    expect(await send(port, 'GET', '/files/public/a')).toBe(200);
    expect(await send(port, 'GET', '/files/public%2Fprivate/a')).toBe(200);
    expect(seen).toEqual({ guard: spellings.length, handler: 2 });
  });
});
