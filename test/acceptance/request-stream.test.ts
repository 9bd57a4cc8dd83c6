/**
 * The request stream of a bodiless request: pode-ts takes it over (fewer ticks than Node's own
 * clean-up), and to code that listens it must still behave as it does in plain Node: `'end'` and
 * `'close'` after the response has finished, readable by code that wants to, closed when the
 * client goes away. A stream nobody listens to is left unended, and must still be let go of.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { text } from 'node:stream/consumers';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { WebEvent } from '../../src/index.js';
import { serve, sleep } from '../helpers.js';

/** Records the request's and the response's stream events in the order they happen. */
function recordStreamEvents(e: WebEvent, log: string[]): void {
  e.request.on('end', () => log.push('request end'));
  e.request.on('close', () => log.push('request close'));
  e.response.on('finish', () => log.push('response finish'));
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await sleep(10);
}

/** Sends one request on the socket and waits for the whole response (each carries `;end`). */
async function exchange(socket: Socket, request: string): Promise<void> {
  let received = '';
  socket.write(request);
  while (!received.endsWith(';end')) {
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    received += chunk.toString();
  }
}

/** Whether the object behind `ref` is collected after a few full garbage collections. */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // deref() keeps its target alive until the current job ends: collect in a job that has not called it.
  for (let i = 0; i < 5; i++) {
    gc();
    await sleep(10);
  }
  return ref.deref() === undefined;
}

describe('the request stream of a bodiless request', () => {
  it("emits 'end' and then 'close' after the response has finished, for GET and an empty POST", async () => {
    const logs: string[][] = [];
    const server = await serve((s) => {
      s.addRoute(['GET', 'POST'], '/', (e) => {
        const log: string[] = [];
        logs.push(log);
        recordStreamEvents(e, log);
        e.writeText('ok');
      });
    });
    expect(await (await fetch(server.url)).text()).toBe('ok');
    const post = await fetch(server.url, { method: 'POST', body: '' });
    expect(await post.text()).toBe('ok');
    await waitFor(() => logs.length === 2 && logs.every((log) => log.length === 3));
    expect(logs).toEqual([
      ['response finish', 'request end', 'request close'],
      ['response finish', 'request end', 'request close'],
    ]);
  });

  it('can still be read by route code, before or after an await, and reads as empty', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/iterate', async (e) => {
        const chunks: Buffer[] = [];
        for await (const chunk of e.request) chunks.push(chunk as Buffer);
        e.writeJson({ length: Buffer.concat(chunks).length });
      });
      s.addRoute('GET', '/consume-later', async (e) => {
        await sleep(20);
        e.writeJson({ length: (await text(e.request)).length });
      });
      s.addRoute('GET', '/listen-later', async (e) => {
        await sleep(20);
        let length = 0;
        e.request.on('data', (chunk: Buffer) => {
          length += chunk.length;
        });
        await once(e.request, 'end');
        e.writeJson({ length });
      });
    });
    for (const path of ['/iterate', '/consume-later', '/listen-later']) {
      const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(3_000) });
      expect({ path, body: await response.json() }).toEqual({ path, body: { length: 0 } });
    }
  });

  it('does not close while a streamed response is still being written', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/stream', async (e) => {
        let closed = false;
        e.request.on('close', () => {
          closed = true;
        });
        e.response.writeHead(200, { 'content-type': 'text/plain' });
        e.response.write('first;');
        await sleep(50);
        e.response.end(closed ? 'request closed early' : 'request still open');
      });
    });
    const response = await fetch(`${server.url}/stream`);
    expect(await response.text()).toBe('first;request still open');
  });

  it('closes when the client goes away in the middle of the response', async () => {
    const log: string[] = [];
    let release = () => {};
    const server = await serve((s) => {
      s.addRoute('GET', '/hang', async (e) => {
        e.request.on('close', () => log.push('request close'));
        e.response.writeHead(200, { 'content-type': 'text/plain' });
        e.response.write('started');
        await new Promise<void>((resolve) => {
          release = resolve;
          e.response.on('close', resolve);
        });
        e.response.end();
      });
    });
    const socket = connect(server.endpoints[0].port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write('GET /hang HTTP/1.1\r\nHost: x\r\n\r\n');
    await once(socket, 'data');
    socket.destroy();
    await waitFor(() => log.length > 0);
    release();
    expect(log).toEqual(['request close']);
  });

  it('answers pipelined bodiless requests on one connection in order, each ending its stream', async () => {
    let ended = 0;
    const server = await serve((s) => {
      s.addRoute('GET', '/n/:n', (e) => {
        e.request.on('end', () => ended++);
        e.writeText(`reply ${e.parameters.n};`);
      });
    });
    const socket = connect(server.endpoints[0].port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'GET /n/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /n/2 HTTP/1.1\r\nHost: x\r\n\r\n' +
        'GET /n/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    const received = await text(socket);
    expect(received.match(/reply \d;/g)).toEqual(['reply 1;', 'reply 2;', 'reply 3;']);
    await waitFor(() => ended === 3);
    expect(ended).toBe(3);
  });

  it('ends for a listener added in an endware, and for one added before the route ended the response itself', async () => {
    const logs: Record<string, string[]> = {};
    const server = await serve((s) => {
      s.addEndware((e) => {
        if (e.path !== '/endware') return;
        const log: string[] = [];
        logs.endware = log;
        recordStreamEvents(e, log);
      });
      s.addRoute('GET', '/endware', (e) => e.writeText('ok'));
      s.addRoute('GET', '/direct', async (e) => {
        const log: string[] = [];
        logs.direct = log;
        recordStreamEvents(e, log);
        e.response.end('ok');
        // The pipeline hands over after the response has already finished.
        await once(e.response, 'finish');
      });
    });
    for (const path of ['/endware', '/direct']) {
      expect(await (await fetch(`${server.url}${path}`)).text()).toBe('ok');
    }
    await waitFor(() => Object.values(logs).every((log) => log.length === 3));
    expect(logs).toEqual({
      endware: ['response finish', 'request end', 'request close'],
      direct: ['response finish', 'request end', 'request close'],
    });
  });

  it('lets go of a stream nobody listened to with the next request on the connection', async () => {
    const refs: WeakRef<object>[] = [];
    const server = await serve((s) => {
      s.addRoute('GET', '/', (e) => {
        refs.push(new WeakRef(e.request));
        e.writeText('reply;end');
      });
    });
    const socket = connect(server.endpoints[0].port, '127.0.0.1');
    await once(socket, 'connect');
    for (let i = 0; i < 3; i++) await exchange(socket, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    // The connection stays open and usable; the first two requests are no longer needed by it.
    expect(refs).toHaveLength(3);
    expect(await collected(refs[0])).toBe(true);
    expect(await collected(refs[1])).toBe(true);
    socket.destroy();
  });
});
