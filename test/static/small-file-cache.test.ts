/**
 * The small-file cache (src/static/files.ts): files up to 64 KiB are kept in memory once sent,
 * and send() still stats them on every request. What a client gets must be exactly what is on
 * disk at that moment: the same bytes, headers, 304s and ranges as from disk, and a file that
 * changed (in place, replaced, grown) is read again.
 */
import { renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSmallFiles, isSmallFileCached } from '../../src/static/files.js';
import { serve } from '../helpers.js';
import { makeSite, rawGet } from './fixtures.js';

const BYTES = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const root = makeSite({
  'assets/app.css': 'body { color: red; }\n'.repeat(40),
  'assets/data.bin': BYTES,
  'assets/big.txt': 'x'.repeat(70 * 1024),
});
const file = (name: string) => join(root, 'assets', name);

afterEach(() => clearSmallFiles());

async function cached(path: string): Promise<void> {
  for (let i = 0; i < 100 && !isSmallFileCached(path); i++) {
    await new Promise((done) => setTimeout(done, 10));
  }
  expect(isSmallFileCached(path)).toBe(true);
}

async function site(compress = false) {
  return serve(
    (s) => {
      if (compress) s.enableCompression({ threshold: 100 });
      s.addStaticRoute('/assets', './assets');
    },
    { root },
  );
}

describe('the small-file cache', () => {
  it('answers a cached file with the same bytes and headers as from disk', async () => {
    const server = await site();
    const first = await fetch(`${server.url}/assets/data.bin`);
    const firstBody = Buffer.from(await first.arrayBuffer());
    await cached(file('data.bin'));
    const second = await fetch(`${server.url}/assets/data.bin`);
    expect(Buffer.from(await second.arrayBuffer())).toEqual(firstBody);
    expect(firstBody).toEqual(BYTES);
    for (const name of [
      'etag',
      'last-modified',
      'content-length',
      'content-type',
      'accept-ranges',
    ]) {
      expect(second.headers.get(name)).toBe(first.headers.get(name));
    }
  });

  it('never caches a file over 64 KiB, and streams it as before', async () => {
    const server = await site();
    const response = await fetch(`${server.url}/assets/big.txt`);
    expect((await response.text()).length).toBe(70 * 1024);
    await new Promise((done) => setTimeout(done, 100));
    expect(isSmallFileCached(file('big.txt'))).toBe(false);
  });

  it('serves the new bytes of a file rewritten in place with the same size', async () => {
    const path = file('app.css');
    const server = await site();
    await (await fetch(`${server.url}/assets/app.css`)).text();
    await cached(path);
    const before = statSync(path);
    const changed = 'body { color: red; }\n'.repeat(39) + 'body { color: blu; }\n';
    writeFileSync(path, changed);
    // the same size and the old mtime: only the ctime (and the bytes) tell it apart
    utimesSync(path, before.atime, before.mtime);
    const after = await fetch(`${server.url}/assets/app.css`);
    expect(await after.text()).toBe(changed);
    await cached(path);
    expect(await (await fetch(`${server.url}/assets/app.css`)).text()).toBe(changed);
  });

  it('serves a file replaced by rename, and one that grew', async () => {
    const path = file('data.bin');
    const server = await site();
    await (await fetch(`${server.url}/assets/data.bin`)).arrayBuffer();
    await cached(path);
    writeFileSync(`${path}.new`, Buffer.from('replaced'));
    renameSync(`${path}.new`, path);
    expect(await (await fetch(`${server.url}/assets/data.bin`)).text()).toBe('replaced');
    await cached(path);
    writeFileSync(path, Buffer.from('replaced and grown'));
    expect(await (await fetch(`${server.url}/assets/data.bin`)).text()).toBe('replaced and grown');
    writeFileSync(path, BYTES);
  });

  it('keeps 304, HEAD and 416 answers of a cached file as from disk', async () => {
    const server = await site();
    const first = await fetch(`${server.url}/assets/app.css`);
    await first.text();
    await cached(file('app.css'));
    const etag = first.headers.get('etag') ?? '';
    const notModified = await rawGet(server.url, '/assets/app.css', {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    const head = await rawGet(server.url, '/assets/app.css', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(first.headers.get('content-length'));
    const unsatisfiable = await rawGet(server.url, '/assets/app.css', {
      headers: { range: 'bytes=99999-' },
    });
    expect(unsatisfiable.status).toBe(416);
  });

  it('cuts any single range from the cached bytes exactly as the file holds them (property)', async () => {
    const server = await site();
    await (await fetch(`${server.url}/assets/data.bin`)).arrayBuffer();
    await cached(file('data.bin'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(BYTES.length - 1),
        fc.nat(BYTES.length + 50),
        async (start, length) => {
          const end = start + length;
          const response = await fetch(`${server.url}/assets/data.bin`, {
            headers: { range: `bytes=${start}-${end}` },
          });
          expect(response.status).toBe(206);
          const body = Buffer.from(await response.arrayBuffer());
          expect(body).toEqual(BYTES.subarray(start, Math.min(end, BYTES.length - 1) + 1));
          expect(response.headers.get('content-range')).toBe(
            `bytes ${start}-${Math.min(end, BYTES.length - 1)}/${BYTES.length}`,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('compresses a cached file like one read from disk', async () => {
    const server = await site(true);
    const plain = 'body { color: red; }\n'.repeat(40);
    writeFileSync(file('app.css'), plain);
    await (await fetch(`${server.url}/assets/app.css`)).text();
    await cached(file('app.css'));
    const response = await rawGet(server.url, '/assets/app.css', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.raw).toString()).toBe(plain);
  });
});
