/**
 * A file waits as a stream until the response is sent: it goes out with what endware added
 * (the session cookie), and its file descriptor is closed when something replaces it or the
 * client goes away half-way.
 */
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serve, sleep } from '../helpers.js';
import { makeSite } from './fixtures.js';

const root = makeSite({
  'files/small.txt': 'small',
  'files/large.bin': Buffer.alloc(16 * 1024 * 1024, 1),
});

const openFiles = () => readdirSync('/proc/self/fd').length;

describe('streamed files', () => {
  it('carry the session cookie written after the route, in endware', async () => {
    const server = await serve(
      (s) => {
        s.enableSessionMiddleware({ secret: 'a-long-enough-secret-for-the-tests-0123' });
        s.addMiddleware('count', (e) => {
          e.session.data.views = ((e.session.data.views as number | undefined) ?? 0) + 1;
        });
        s.addStaticRoute('/files', './files');
      },
      { root },
    );
    const response = await fetch(`${server.url}/files/small.txt`);
    expect(await response.text()).toBe('small');
    expect(response.headers.get('set-cookie')).toMatch(/^pode\.sid=s:/);
  });

  it('close their file when a later write replaces them', async () => {
    const server = await serve(
      (s) => {
        s.addStaticRoute('/files', './files');
        s.addEndware((e) => {
          e.writeText('replaced');
        });
      },
      { root },
    );
    await fetch(`${server.url}/files/small.txt`);
    await sleep(50);
    const before = openFiles();
    for (let i = 0; i < 40; i++) {
      expect(await (await fetch(`${server.url}/files/large.bin`)).text()).toBe('replaced');
    }
    await sleep(100);
    expect(openFiles() - before).toBeLessThan(5);
  });

  it('close their file when the client goes away half-way', async () => {
    const server = await serve((s) => s.addStaticRoute('/files', './files'), { root });
    await fetch(`${server.url}/files/small.txt`);
    await sleep(50);
    const before = openFiles();
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = request(`${server.url}/files/large.bin`, { agent: false }, (response) => {
          response.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ECONNRESET') reject(error);
        });
        req.end();
      });
    }
    await sleep(300);
    expect(openFiles() - before).toBeLessThan(5);
    expect(await (await fetch(`${server.url}/files/small.txt`)).text()).toBe('small');
  });
});
