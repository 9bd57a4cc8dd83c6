/**
 * Response compression (`s.enableCompression`): bodies over the threshold and of a text-like
 * type are compressed by Accept-Encoding, checked both as raw bytes (node:http, decoded here with
 * node:zlib) and through fetch, which decodes them as a browser does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerBuilder } from '../../src/index.js';
import { chooseEncoding } from '../../src/security/compression.js';
import { serve } from '../helpers.js';

const ITEMS = Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item number ${i}` }));
const JSON_BODY = JSON.stringify(ITEMS);

function app(extra: (s: ServerBuilder) => void = (s) => s.enableCompression()) {
  return serve((s) => {
    s.addRoute('GET', '/items', (e) => e.writeJson(ITEMS));
    s.addRoute('GET', '/small', (e) => e.writeText('tiny'));
    s.addRoute('GET', '/png', (e) => {
      e.writeText(JSON_BODY);
      e.setHeader('Content-Type', 'image/png');
    });
    s.addRoute('GET', '/no-transform', (e) => {
      e.setHeader('Cache-Control', 'public, no-transform');
      e.writeJson(ITEMS);
    });
    s.addRoute('GET', '/encoded', (e) => {
      e.setHeader('Content-Encoding', 'identity');
      e.writeJson(ITEMS);
    });
    extra(s);
  });
}

/** A raw request: status, headers and the undecoded body bytes. */
function raw(url: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const outgoing = request(url, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      outgoing.on('error', reject);
      outgoing.end();
    },
  );
}

describe('response compression', () => {
  it('gzip, deflate and br bodies decode to the original, with Content-Encoding, Vary and the compressed length', async () => {
    const server = await app();
    const cases = [
      ['gzip', gunzipSync],
      ['deflate', inflateSync],
      ['br', brotliDecompressSync],
    ] as const;
    for (const [coding, decode] of cases) {
      const response = await raw(`${server.url}/items`, { 'accept-encoding': coding });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(coding);
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(response.body.length).toBeLessThan(JSON_BODY.length / 2);
      expect(decode(response.body).toString()).toBe(JSON_BODY);
    }
  });

  it('fetch (undici) decodes the response as a browser does', async () => {
    const server = await app();
    const response = await fetch(`${server.url}/items`);
    expect(response.headers.get('content-encoding')).not.toBeNull();
    expect(await response.json()).toEqual(ITEMS);
  });

  it('chooses by q-value, ties going to br, then gzip, then deflate', async () => {
    const server = await app();
    const pick = async (header: string) =>
      (await raw(`${server.url}/items`, { 'accept-encoding': header })).headers['content-encoding'];
    expect(await pick('gzip, deflate, br')).toBe('br');
    expect(await pick('gzip;q=0.5, br;q=0.1')).toBe('gzip');
    expect(await pick('br;q=0, *;q=0.3')).toBe('gzip');
    expect(await pick('x-gzip')).toBe('gzip');
    expect(await pick('identity')).toBeUndefined();
    expect(await pick('gzip;q=0')).toBeUndefined();
  });

  it('leaves small bodies, compressed types, no-transform and encoded responses alone', async () => {
    const server = await app();
    for (const path of ['/small', '/png', '/no-transform', '/encoded']) {
      const response = await raw(`${server.url}${path}`, { 'accept-encoding': 'gzip' });
      expect(response.status, path).toBe(200);
      expect(response.headers['content-encoding'] ?? 'identity', path).toBe('identity');
    }
    const small = await raw(`${server.url}/small`, { 'accept-encoding': 'gzip' });
    expect(small.body.toString()).toBe('tiny');
  });

  it('is off unless enabled; a threshold of 0 compresses every text body', async () => {
    const off = await app(() => {});
    const plain = await raw(`${off.url}/items`, { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(JSON_BODY);
    const everything = await app((s) => s.enableCompression({ threshold: 0, encodings: ['gzip'] }));
    const small = await raw(`${everything.url}/small`, { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(small.body).toString()).toBe('tiny');
  });

  it('HEAD gets the headers GET gets, without a body', async () => {
    const server = await app();
    const head = await raw(`${server.url}/items`, { 'accept-encoding': 'gzip' }, 'HEAD');
    const get = await raw(`${server.url}/items`, { 'accept-encoding': 'gzip' });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  it('absurd Accept-Encoding headers get a plain or compressed 200, never an error', async () => {
    const server = await app();
    for (const header of [
      'gzip;q=abc',
      'gzip;q=2',
      ';;;,,,',
      'br;q=0.5;q=0.9',
      `${'zstd;q=0.1, '.repeat(600)}gzip`,
      'GZIP',
      '*',
      'identity;q=0, *;q=0',
      '\u00e9ncoding',
    ]) {
      const response = await raw(`${server.url}/items`, { 'accept-encoding': header });
      expect(response.status, header.slice(0, 40)).toBe(200);
      const coding = response.headers['content-encoding'];
      const body =
        coding === 'gzip'
          ? gunzipSync(response.body)
          : coding === 'br'
            ? brotliDecompressSync(response.body)
            : response.body;
      expect(body.toString() === JSON_BODY, header.slice(0, 40)).toBe(true);
    }
  });

  it('refuses bad options at set-up', async () => {
    await expect(app((s) => s.enableCompression({ threshold: -1 }))).rejects.toThrow(/threshold/);
    await expect(app((s) => s.enableCompression({ encodings: ['zstd' as never] }))).rejects.toThrow(
      /encodings/,
    );
    await expect(app((s) => s.enableCompression({ level: 9 } as never))).rejects.toThrow(
      /unknown option/,
    );
  });

  describe('streamed files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pode-ts-compress-'));
    const script = `${'console.log("a line of script");\n'.repeat(400)}`;
    writeFileSync(join(folder, 'app.js'), script);
    writeFileSync(join(folder, 'logo.png'), Buffer.alloc(5000, 7));
    writeFileSync(join(folder, 'tiny.css'), 'a{}');
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const files = () =>
      app((s) => {
        s.enableCompression();
        s.addStaticRoute('/assets', folder);
      });

    it('a static text file is streamed through gzip or brotli, and decodes to the file', async () => {
      const server = await files();
      const gzip = await raw(`${server.url}/assets/app.js`, { 'accept-encoding': 'gzip' });
      expect(gzip.status).toBe(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers['content-length']).toBeUndefined();
      expect(gzip.headers['accept-ranges']).toBeUndefined();
      expect(gzip.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(gzip.body).toString()).toBe(script);
      const fetched = await fetch(`${server.url}/assets/app.js`);
      expect(fetched.headers.get('content-encoding')).toMatch(/^(br|gzip|deflate)$/);
      expect(await fetched.text()).toBe(script);
    });

    it('ranges, 304s, images, small files and identity clients get the file as it is', async () => {
      const server = await files();
      const range = await raw(`${server.url}/assets/app.js`, {
        'accept-encoding': 'gzip',
        range: 'bytes=0-9',
      });
      expect(range.status).toBe(206);
      expect(range.headers['content-encoding']).toBeUndefined();
      expect(range.body.toString()).toBe(script.slice(0, 10));
      const first = await raw(`${server.url}/assets/app.js`, { 'accept-encoding': 'gzip' });
      const etag = String(first.headers.etag);
      const cached = await raw(`${server.url}/assets/app.js`, {
        'accept-encoding': 'gzip',
        'if-none-match': etag,
      });
      expect(cached.status).toBe(304);
      expect(cached.headers['content-encoding']).toBeUndefined();
      for (const path of ['/assets/logo.png', '/assets/tiny.css']) {
        const plain = await raw(`${server.url}${path}`, { 'accept-encoding': 'gzip' });
        expect(plain.headers['content-encoding'], path).toBeUndefined();
      }
      const identity = await raw(`${server.url}/assets/app.js`, { 'accept-encoding': 'identity' });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.body.toString()).toBe(script);
    });
  });

  it('chooseEncoding gives an offered coding or none for any header (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        const coding = chooseEncoding(header, ['br', 'gzip', 'deflate']);
        expect([undefined, 'br', 'gzip', 'deflate']).toContain(coding);
      }),
      { numRuns: 500 },
    );
  });
});
