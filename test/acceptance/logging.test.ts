import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Client, serve, sleep } from '../helpers.js';
import { rawRequest, spawnScript } from './raw-http.js';

interface LogLine {
  level: number;
  msg?: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
  sid?: string;
  err?: { message?: string; stack?: string; type?: string };
  [key: string]: unknown;
}

/** A pino logger writing into memory, one parsed object per line. */
function memoryLogger(level = 'info') {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) {
        if (line) lines.push(JSON.parse(line) as LogLine);
      }
      callback();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const requestLines = (lines: LogLine[]) => lines.filter((line) => line.msg === 'request');

describe('request logging', () => {
  it('writes one line per request with method, path, status and duration', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.addRoute('GET', '/slow', async (e) => {
          await sleep(30);
          e.writeText('ok');
        });
        s.addRoute('POST', '/items/:id', (e) => e.setStatus(201));
      },
      { logger },
    );
    await fetch(`${server.url}/slow?x=1`);
    await fetch(`${server.url}/items/9`, { method: 'POST' });
    await fetch(`${server.url}/missing`);
    await fetch(`${server.url}/slow`, { method: 'DELETE' });
    const logged = requestLines(lines);
    expect(logged).toHaveLength(4);
    expect(logged.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/slow', status: 200 },
      { method: 'POST', path: '/items/9', status: 201 },
      { method: 'GET', path: '/missing', status: 404 },
      { method: 'DELETE', path: '/slow', status: 405 },
    ]);
    expect(logged[0].ms).toBeGreaterThanOrEqual(25);
    for (const line of logged) {
      expect(line.level).toBe(30);
      expect(typeof line.ms).toBe('number');
    }
  });

  it('logs the status endware settled on, after the other endware ran', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.addEndware((e) => e.setStatus(299));
        s.addRoute('GET', '/', (e) => e.writeText('x'));
      },
      { logger },
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(299);
    expect(requestLines(lines)[0].status).toBe(299);
  });

  it('logs the session id only as a hash', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.enableSessionMiddleware({ secret: 'log-secret' });
        s.addRoute('GET', '/', (e) => {
          e.session.data.views = 1;
          e.writeText(e.session.id);
        });
      },
      { logger },
    );
    const client = new Client(server.url);
    const id = await (await client.fetch('/')).text();
    const [line] = requestLines(lines);
    expect(typeof line.sid).toBe('string');
    expect(line.sid).not.toBe(id);
    const everything = lines.map((entry) => JSON.stringify(entry)).join('\n');
    expect(everything).not.toContain(id);
    expect(everything).not.toContain('log-secret');
  });

  it('logs no request lines with quiet, but still logs errors', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.addRoute('GET', '/', (e) => e.writeText('x'));
        s.addRoute('GET', '/boom', () => {
          throw new Error('quiet but broken');
        });
      },
      { logger, quiet: true },
    );
    await fetch(server.url);
    await fetch(`${server.url}/boom`);
    expect(requestLines(lines)).toEqual([]);
    expect(lines.some((line) => line.err?.message === 'quiet but broken')).toBe(true);
    expect(lines.some((line) => String(line.msg).includes('listening'))).toBe(false);
  });

  it('logs the listening URL at start-up', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve((s) => s.addRoute('GET', '/', () => {}), { logger });
    expect(lines.some((line) => line.url === server.url)).toBe(true);
  });
});

describe('error logging', () => {
  it('logs a throwing handler with its stack, method and path, and the request line too', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) =>
        s.addRoute('GET', '/fail', function failingHandler() {
          throw new TypeError('handler exploded');
        }),
      { logger },
    );
    await fetch(`${server.url}/fail`);
    const error = lines.find((line) => line.level === 50);
    expect(error).toMatchObject({
      method: 'GET',
      path: '/fail',
      err: { type: 'TypeError', message: 'handler exploded' },
    });
    expect(error?.err?.stack).toContain('failingHandler');
    expect(requestLines(lines)).toMatchObject([{ path: '/fail', status: 500 }]);
  });

  it('logs a rejected async middleware and a throwing endware with stacks', async () => {
    const { logger, lines } = memoryLogger();
    const server = await serve(
      (s) => {
        s.addMiddleware('async-fail', async () => {
          await sleep(1);
          throw new Error('middleware rejected');
        });
        s.addEndware(() => {
          throw new Error('endware threw');
        });
        s.addRoute('GET', '/', () => {});
      },
      { logger },
    );
    expect((await fetch(server.url)).status).toBe(500);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors.map((line) => line.err?.message).sort()).toEqual([
      'endware threw',
      'middleware rejected',
    ]);
    for (const line of errors) expect(line.err?.stack).toMatch(/\n\s+at /);
  });

  it('logs a client error (malformed JSON) below error level', async () => {
    const { logger, lines } = memoryLogger('debug');
    const server = await serve((s) => s.addRoute('POST', '/', () => {}), { logger });
    await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(requestLines(lines)).toMatchObject([{ status: 400 }]);
  });
});

describe('logger option', () => {
  it('writes JSON lines to stdout by default, and nothing at all with logger: false', async () => {
    const script = (logger: string) => `
      import { startServer } from PODE;
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('ok'));
        s.addRoute('GET', '/boom', () => { throw new Error('kaboom'); });
        // Stop once both requests are answered (not on a timer: a loaded machine may take longer
        // than any fixed delay to start the second child and send the requests).
        let answered = 0;
        s.addEndware(() => {
          if (++answered === 2) setTimeout(() => void server.stop(), 200);
        });
      }, { logger: ${logger}, handleSignals: false });
      console.log('URL ' + server.url);
      setTimeout(() => void server.stop(), 30_000).unref();
    `;
    const loud = await spawnScript(script('undefined'));
    const silent = await spawnScript(script('false'));
    try {
      for (const child of [loud, silent]) {
        await rawRequest(child.url);
        await rawRequest(`${child.url}/boom`);
      }
      await Promise.all([loud.exited, silent.exited]);
      const loudLines = loud
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
      expect(loudLines.filter((line) => line.msg === 'request')).toHaveLength(2);
      expect(loudLines.some((line) => line.err?.message === 'kaboom')).toBe(true);
      expect(silent.stdout().trim()).toBe(`URL ${silent.url}`);
      expect(silent.stderr()).toBe('');
    } finally {
      loud.child.kill('SIGKILL');
      silent.child.kill('SIGKILL');
    }
  });

  it('takes pino options: a warn level drops request lines but keeps errors', async () => {
    const child = await spawnScript(`
      import { startServer } from PODE;
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('ok'));
        s.addRoute('GET', '/boom', () => { throw new Error('warned'); });
      }, { logger: { level: 'warn' }, handleSignals: false });
      console.log('URL ' + server.url);
      setTimeout(() => server.stop(), 1000);
    `);
    try {
      await rawRequest(child.url);
      await rawRequest(`${child.url}/boom`);
      await child.exited;
      const lines = child
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
      expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
      expect(lines.filter((line) => line.err?.message === 'warned')).toHaveLength(1);
    } finally {
      child.child.kill('SIGKILL');
    }
  });
});
