/**
 * A 1 GiB file is streamed with constant memory: the server runs in a child process (the built
 * package in dist/), serves a sparse 1 GiB file made with truncate, and reports the peak of its
 * own RSS and heap while a client downloads the whole file and throws the bytes away.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, spawnScript } from '../acceptance/raw-http.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const script = `
import { startServer } from PODE;
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'pode-ts-big-'));
const file = join(dir, 'big.bin');
closeSync(openSync(file, 'w'));
truncateSync(file, ${GiB});
let peak = { rss: 0, heapUsed: 0 };
let base = process.memoryUsage();
const sample = () => {
  const now = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
};
setInterval(sample, 10).unref();
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.addStaticRoute('/files', dir);
  s.addRoute('POST', '/reset', (e) => {
    base = process.memoryUsage();
    peak = { rss: base.rss, heapUsed: base.heapUsed };
    e.writeJson(base);
  });
  s.addRoute('GET', '/memory', (e) => {
    sample();
    e.writeJson({ base, peak });
  });
}, { logger: false, handleSignals: false });
process.on('SIGTERM', async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
console.log('URL ' + server.url);
`;

let child: ChildServer | undefined;
afterEach(async () => {
  child?.child.kill('SIGTERM');
  await child?.exited;
  child = undefined;
});

function download(
  url: string,
): Promise<{ status: number; bytes: number; length: string | undefined }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          bytes,
          length: response.headers['content-length'],
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('a 1 GiB static file', () => {
  it('is streamed whole while the server keeps its memory flat', async () => {
    child = await spawnScript(script);
    const warm = await download(`${child.url}/files/big.bin`.replace('big.bin', 'missing.bin'));
    expect(warm.status).toBe(404);
    await fetch(`${child.url}/reset`, { method: 'POST' });
    const result = await download(`${child.url}/files/big.bin`);
    expect(result.status).toBe(200);
    expect(result.length).toBe(String(GiB));
    expect(result.bytes).toBe(GiB);
    const { base, peak } = (await (await fetch(`${child.url}/memory`)).json()) as {
      base: { rss: number; heapUsed: number };
      peak: { rss: number; heapUsed: number };
    };
    // Streaming holds a few 64 KiB chunks at a time; buffering would need a GiB.
    expect(peak.rss - base.rss).toBeLessThan(64 * MiB);
    expect(peak.heapUsed - base.heapUsed).toBeLessThan(32 * MiB);
  }, 120_000);
});
