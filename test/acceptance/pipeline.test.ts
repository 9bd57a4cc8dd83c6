import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { WebEvent } from '../../src/index.js';
import { serve, sleep } from '../helpers.js';

/** A pino logger writing JSON lines into an array. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('pipeline order', () => {
  it('runs middleware, route middleware, handler, onEnd callbacks, then endware, in add order', async () => {
    const order: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware('first', () => {
        order.push('middleware 1');
      });
      s.addEndware(() => {
        order.push('endware 1');
      });
      s.addMiddleware('second', () => {
        order.push('middleware 2');
        return true;
      });
      s.addEndware(() => {
        order.push('endware 2');
      });
      s.addRoute(
        {
          method: 'GET',
          path: '/',
          middleware: [
            (e) => {
              order.push('route middleware 1');
              e.onEnd(() => {
                order.push('onEnd 1');
              });
            },
            () => {
              order.push('route middleware 2');
            },
          ],
        },
        (e) => {
          order.push('handler');
          e.onEnd(() => {
            order.push('onEnd 2');
          });
          e.writeText('ok');
        },
      );
    });
    const response = await fetch(server.url);
    expect(await response.text()).toBe('ok');
    expect(order).toEqual([
      'middleware 1',
      'middleware 2',
      'route middleware 1',
      'route middleware 2',
      'handler',
      'onEnd 1',
      'onEnd 2',
      'endware 1',
      'endware 2',
    ]);
  });

  it('awaits async middleware, handlers, onEnd callbacks and endware in order', async () => {
    const order: string[] = [];
    const step = (name: string, ms: number) => async () => {
      await sleep(ms);
      order.push(name);
    };
    const server = await serve((s) => {
      s.addMiddleware('slow', step('middleware', 30));
      s.addMiddleware('fast', step('middleware fast', 0));
      s.addEndware(step('endware', 20));
      s.addEndware(() => {
        order.push('endware sync');
      });
      s.addRoute(
        { method: 'GET', path: '/', middleware: [step('route middleware', 20)] },
        async (e) => {
          e.onEnd(step('onEnd', 20));
          await sleep(10);
          order.push('handler');
          e.writeText('done');
        },
      );
    });
    expect(await (await fetch(server.url)).text()).toBe('done');
    expect(order).toEqual([
      'middleware',
      'middleware fast',
      'route middleware',
      'handler',
      'onEnd',
      'endware',
      'endware sync',
    ]);
  });

  it('passes the same WebEvent as the only argument to every step', async () => {
    const calls: { count: number; event: unknown }[] = [];
    const record = (...args: unknown[]) => {
      calls.push({ count: args.length, event: args[0] });
    };
    const server = await serve((s) => {
      s.addMiddleware('record', record);
      s.addEndware(record);
      s.addRoute({ method: 'GET', path: '/', middleware: [record] }, (...args) => {
        record(...args);
        args[0].onEnd(record);
      });
    });
    await fetch(server.url);
    expect(calls).toHaveLength(5);
    expect(calls.every((call) => call.count === 1 && call.event === calls[0].event)).toBe(true);
  });

  it("filters a global middleware by its route pattern (':params', '*', case)", async () => {
    const seen: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware(
        'api',
        (e) => {
          seen.push(`api ${e.path}`);
        },
        { route: '/api/*' },
      );
      s.addMiddleware({ name: 'user', route: '/users/:id' }, (e) => {
        seen.push(`user ${e.path}`);
      });
      s.addMiddleware({ name: 'all', route: '/' }, (e) => {
        seen.push(`all ${e.path}`);
      });
      s.addRoute('GET', '/api/things/1', (e) => e.writeText('a'));
      s.addRoute('GET', '/users/:id', (e) => e.writeText('u'));
      s.addRoute('GET', '/users/:id/posts', (e) => e.writeText('p'));
      s.addRoute('GET', '/other', (e) => e.writeText('o'));
    });
    for (const path of ['/API/things/1', '/users/7', '/users/7/posts', '/other']) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    }
    expect(seen).toEqual([
      'api /API/things/1',
      'all /API/things/1',
      'user /users/7',
      'all /users/7',
      'all /users/7/posts',
      'all /other',
    ]);
  });

  it('applies a filtered middleware to percent-encoded paths that reach the same routes', async () => {
    const server = await serve((s) => {
      s.addMiddleware(
        'admin-only',
        (e) => {
          if (e.headers['x-admin'] === 'yes') return true;
          e.setStatus(403);
          return false;
        },
        { route: '/admin/*' },
      );
      s.addRoute('GET', '/admin/:id', (e) => e.writeText(`admin ${e.parameters.id}`));
      s.addRoute('GET', '/files/*', (e) => e.writeText(`file ${e.parameters['*']}`));
      s.addMiddleware({ name: 'private', route: '/files/private/*' }, (e) => {
        e.setStatus(403);
        return false;
      });
    });
    for (const path of ['/admin/5', '/%61dmin/5', '/%41DMIN/5', '/adm%69n/%35']) {
      const response = await fetch(`${server.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    const allowed = await fetch(`${server.url}/%61dmin/5`, { headers: { 'x-admin': 'yes' } });
    expect(await allowed.text()).toBe('admin 5');
    for (const path of ['/files/private/a', '/files/%70rivate/a', '/files/priv%61te/%25']) {
      expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({
        path,
        status: 403,
      });
    }
    // An encoded slash is part of a segment, for the router and the filter alike.
    expect(await (await fetch(`${server.url}/files/public%2Fprivate/a`)).text()).toBe(
      'file public/private/a',
    );
  });

  it('stops the chain when a middleware returns false: status 200 and an empty body by default', async () => {
    const order: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware('gate', () => {
        order.push('gate');
        return false;
      });
      s.addMiddleware('after', () => {
        order.push('after');
      });
      s.addEndware(() => {
        order.push('endware');
      });
      s.addRoute('GET', '/', (e) => {
        order.push('handler');
        e.writeText('never');
      });
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(order).toEqual(['gate', 'endware']);
  });

  it('stops the chain on an async false and keeps what the middleware set', async () => {
    const server = await serve((s) => {
      s.addRoute(
        {
          method: 'GET',
          path: '/',
          middleware: [
            async (e) => {
              await sleep(5);
              e.writeJson({ denied: true }, { statusCode: 403 });
              return false;
            },
          ],
        },
        (e) => e.writeText('never'),
      );
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ denied: true });
  });

  it('continues on any return value other than false (true, undefined, 0, null, a string)', async () => {
    const values: unknown[] = [true, undefined, 0, null, 'no', {}];
    const server = await serve((s) => {
      s.addRoute(
        {
          method: 'GET',
          path: '/',
          middleware: values.map((value) => () => value as boolean | undefined),
        },
        (e) => e.writeText('reached'),
      );
    });
    expect(await (await fetch(server.url)).text()).toBe('reached');
  });

  it('answers 500 with an error page that hides the message when a middleware throws', async () => {
    const { logger, lines } = memoryLogger();
    const ran: string[] = [];
    const server = await serve(
      (s) => {
        s.addMiddleware('boom', () => {
          throw new Error('database password is hunter2');
        });
        s.addEndware(() => {
          ran.push('endware');
        });
        s.addRoute('GET', '/', (e) => {
          ran.push('handler');
          e.writeText('never');
        });
      },
      { logger },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body).toContain('500');
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('at ');
    expect(ran).toEqual(['endware']);
    const error = lines.find((line) => line.level === 50);
    expect(JSON.stringify(error)).toContain('hunter2');
  });

  it('answers 500 when an async handler rejects, after it had written a body', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', async (e) => {
        e.writeText('partial');
        await sleep(1);
        throw new Error('secret detail');
      });
    });
    const response = await fetch(server.url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ status: 500, message: 'Internal Server Error' });
  });

  it('answers 500 when a handler throws something that is not an Error', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', () => {
        throw 'a string';
      });
    });
    expect((await fetch(server.url)).status).toBe(500);
  });

  it('logs a throwing endware and still runs the other endware and onEnd callbacks', async () => {
    const { logger, lines } = memoryLogger();
    const order: string[] = [];
    const server = await serve(
      (s) => {
        s.addEndware(() => {
          order.push('endware 1');
          throw new Error('endware one broke');
        });
        s.addEndware(async () => {
          await sleep(1);
          order.push('endware 2');
          throw new Error('endware two broke');
        });
        s.addEndware(() => {
          order.push('endware 3');
        });
        s.addRoute('GET', '/', (e) => {
          e.onEnd(() => {
            order.push('onEnd 1');
            throw new Error('onEnd broke');
          });
          e.onEnd(() => {
            order.push('onEnd 2');
          });
          e.writeText('fine');
        });
      },
      { logger },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('fine');
    expect(order).toEqual(['onEnd 1', 'onEnd 2', 'endware 1', 'endware 2', 'endware 3']);
    const messages = JSON.stringify(lines.filter((line) => line.level === 50));
    expect(messages).toContain('endware one broke');
    expect(messages).toContain('endware two broke');
    expect(messages).toContain('onEnd broke');
  });

  it('runs endware after a 404, a 405, a stopping middleware and a throw', async () => {
    const seen: string[] = [];
    const server = await serve((s) => {
      s.addEndware((e) => {
        seen.push(`${e.method} ${e.path} ${e.response.statusCode}`);
      });
      s.addRoute({ method: 'GET', path: '/stop', middleware: [() => false] }, (e) =>
        e.writeText('never'),
      );
      s.addRoute('GET', '/throw', () => {
        throw new Error('x');
      });
    });
    await fetch(`${server.url}/missing`);
    await fetch(`${server.url}/stop`, { method: 'POST' });
    await fetch(`${server.url}/stop`);
    await fetch(`${server.url}/throw`);
    expect(seen).toEqual(['GET /missing 404', 'POST /stop 405', 'GET /stop 200', 'GET /throw 500']);
  });

  it('sends the response only after endware: headers and writes made in endware are visible', async () => {
    const server = await serve((s) => {
      s.addEndware(async (e) => {
        await sleep(5);
        e.setHeader('X-Endware', 'ran');
      });
      s.addRoute('GET', '/', (e) => {
        e.onEnd((event) => event.writeJson({ rewritten: true }));
        e.writeText('original');
      });
    });
    const response = await fetch(server.url);
    expect(response.headers.get('x-endware')).toBe('ran');
    expect(await response.json()).toEqual({ rewritten: true });
  });

  it('lets endware see the final status and the route', async () => {
    const seen: unknown[] = [];
    const server = await serve((s) => {
      s.addEndware((e) => {
        seen.push({ status: e.response.statusCode, route: e.route?.path ?? null });
      });
      s.addRoute('GET', '/items/:id', (e) => e.setStatus(418));
    });
    await fetch(`${server.url}/items/3`);
    await fetch(`${server.url}/nothing`);
    expect(seen).toEqual([
      { status: 418, route: '/items/:id' },
      { status: 404, route: null },
    ]);
  });

  it('keeps concurrent requests apart: each sees its own event through slow async steps', async () => {
    const server = await serve((s) => {
      s.addMiddleware('tag', async (e: WebEvent) => {
        e.metadata.tag = e.query.n;
        await sleep(Number(e.query.wait));
      });
      s.addRoute('GET', '/', async (e) => {
        await sleep(Number(e.query.wait));
        e.writeText(`${e.metadata.tag}/${e.query.n}`);
      });
    });
    const waits = [30, 5, 20, 0, 10];
    const bodies = await Promise.all(
      waits.map(async (wait, n) => (await fetch(`${server.url}/?n=${n}&wait=${wait}`)).text()),
    );
    expect(bodies).toEqual(waits.map((_, n) => `${n}/${n}`));
  });
});
