import { describe, expect, it } from 'vitest';
import {
  getSessionDuration,
  getSessionExpiry,
  getSessionId,
  getWebEvent,
  moveResponseUrl,
  NoRequestError,
  removeSession,
  resetSessionExpiry,
  saveSession,
  setResponseStatus,
  writeHtmlResponse,
  writeJsonResponse,
  writeTextResponse,
} from '../../src/index.js';
import { serve, sleep } from '../helpers.js';
import { rawRequest } from './raw-http.js';
import { describeRequestLater, pathFromCallback, respondLater } from './support/respond.js';

describe('free functions inside a request', () => {
  it('find the current request from a helper module, after awaits', async () => {
    const server = await serve((s) => s.addRoute('GET', '/who', () => describeRequestLater()));
    expect(await (await fetch(`${server.url}/who?id=7`)).json()).toEqual({ path: '/who', id: '7' });
  });

  it('write every kind of response like the WebEvent methods do', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/:kind', (e) => respondLater(e.parameters.kind)),
    );
    const text = await rawRequest(`${server.url}/text`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('text from a helper');
    const html = await rawRequest(`${server.url}/html`);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toBe('<i>html from a helper</i>');
    const status = await rawRequest(`${server.url}/status`, {
      headers: { accept: 'application/json' },
    });
    expect(status.status).toBe(451);
    expect(JSON.parse(status.body)).toEqual({
      status: 451,
      message: 'Unavailable For Legal Reasons',
    });
    const created = await rawRequest(`${server.url}/created`);
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(created.body)).toEqual({ created: true });
    const redirect = await rawRequest(`${server.url}/redirect`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('/elsewhere');
    const moved = await rawRequest(`${server.url}/moved`);
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/forever');
  });

  it('keep concurrent requests apart, each helper seeing its own request', async () => {
    const server = await serve((s) => s.addRoute('GET', '/who', () => describeRequestLater()));
    const ids = Array.from({ length: 12 }, (_, i) => String(i));
    const bodies = await Promise.all(
      ids.map(async (id) => (await fetch(`${server.url}/who?id=${id}`)).json()),
    );
    expect(bodies).toEqual(ids.map((id) => ({ path: '/who', id })));
  });

  it('work in middleware, onEnd callbacks and endware, and from timer callbacks', async () => {
    const seen: string[] = [];
    const server = await serve((s) => {
      s.addMiddleware('mw', async () => {
        seen.push(`middleware ${await pathFromCallback()}`);
      });
      s.addEndware(async () => {
        await sleep(1);
        seen.push(`endware ${getWebEvent().path}`);
      });
      s.addRoute('GET', '/trail', (e) => {
        e.onEnd(async () => {
          await sleep(1);
          writeTextResponse('set in onEnd');
        });
      });
    });
    expect(await (await fetch(`${server.url}/trail`)).text()).toBe('set in onEnd');
    expect(seen).toEqual(['middleware /trail', 'endware /trail']);
  });

  it('return the same WebEvent the route receives', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', async (e) => {
        await sleep(1);
        e.writeJson({ same: getWebEvent() === e });
      }),
    );
    expect(await (await fetch(server.url)).json()).toEqual({ same: true });
  });

  it('work in endware after a 404, where no route ran', async () => {
    const server = await serve((s) => {
      s.addEndware(() => {
        const event = getWebEvent();
        if (event.route === undefined)
          writeJsonResponse({ custom404: event.path }, { statusCode: 404 });
      });
      s.addRoute('GET', '/', (e) => e.writeText('home'));
    });
    const response = await fetch(`${server.url}/missing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ custom404: '/missing' });
  });
});

describe('free functions outside a request', () => {
  const calls: [string, () => unknown][] = [
    ['getWebEvent', () => getWebEvent()],
    ['writeJsonResponse', () => writeJsonResponse({})],
    ['writeTextResponse', () => writeTextResponse('x')],
    ['writeHtmlResponse', () => writeHtmlResponse('x')],
    ['setResponseStatus', () => setResponseStatus(500)],
    ['moveResponseUrl', () => moveResponseUrl('/')],
    ['getSessionId', () => getSessionId()],
    ['saveSession', () => saveSession()],
    ['removeSession', () => removeSession()],
    ['resetSessionExpiry', () => resetSessionExpiry()],
    ['getSessionExpiry', () => getSessionExpiry()],
    ['getSessionDuration', () => getSessionDuration()],
  ];

  it.each(calls)('%s throws PODE_ERR_NO_REQUEST saying where it may be used', (name, call) => {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NoRequestError);
    expect(thrown).toMatchObject({ code: 'PODE_ERR_NO_REQUEST' });
    expect((thrown as Error).message).toContain(`${name}()`);
    expect((thrown as Error).message).toContain('outside a request');
    expect((thrown as NoRequestError).hint).toMatch(/route, middleware or endware/);
  });

  it('throws in a timer started during set-up, outside any request', async () => {
    let thrown: unknown;
    await serve(async (s) => {
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          try {
            getWebEvent();
          } catch (error) {
            thrown = error;
          }
          resolve();
        }, 1),
      );
      s.addRoute('GET', '/', (e) => e.writeText('x'));
    });
    expect(thrown).toMatchObject({ code: 'PODE_ERR_NO_REQUEST' });
  });
});
