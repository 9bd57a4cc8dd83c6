import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { serve } from '../helpers.js';
import { rawRequest } from './raw-http.js';

type Echo = { data: unknown; type: string };
const echo = (s: import('../../src/index.js').ServerBuilder, path = '/echo', options = {}) =>
  s.addRoute({ method: 'POST', path, ...options }, (e) =>
    e.writeJson({ data: e.data, type: Array.isArray(e.data) ? 'array' : typeof e.data }),
  );

async function post(url: string, body: string | Buffer, headers: Record<string, string>) {
  const response = await rawRequest(url, { method: 'POST', body, headers });
  return {
    status: response.status,
    body: response.body,
    json: () => JSON.parse(response.body) as Echo,
  };
}

// A raw request over a socket, for headers Node's client will not send.
function rawSocket(port: number, head: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    // Not half-closed: the server ends the connection itself (Connection: close, or a 400).
    socket.write(head);
    socket.write(body);
  });
}

describe('XML and CSV request bodies', () => {
  it("an */xml body becomes a document in e.data (Pode's RestApi test reads Data.username)", async () => {
    const server = await serve((s) =>
      s.addRoute({ method: 'POST', path: '/users' }, (e) =>
        e.writeJson({ username: (e.data as { username: string }).username }),
      ),
    );
    for (const type of ['application/xml', 'text/xml; charset=utf-8']) {
      const response = await post(`${server.url}/users`, '<username>rick</username>', {
        'content-type': type,
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ username: 'rick' });
    }
  });

  it('XML attributes are properties, values are strings and XML entities are decoded', async () => {
    const server = await serve((s) => echo(s));
    const response = await post(
      `${server.url}/echo`,
      '<?xml version="1.0"?><user id="7"><name lang="en">Tom &amp; Jerry &#65;</name><age>42</age></user>',
      { 'content-type': 'application/xml' },
    );
    expect(response.json().data).toEqual({
      user: { id: '7', name: { lang: 'en', '#text': 'Tom & Jerry A' }, age: '42' },
    });
  });

  it('malformed XML gets 400 with a clear message and the server keeps answering', async () => {
    const server = await serve((s) => echo(s));
    for (const body of ['<a><b></a>', '<a>', 'not xml at all', '<__proto__><x>1</x></__proto__>']) {
      const response = await post(`${server.url}/echo`, body, {
        'content-type': 'application/xml',
      });
      expect(response.status, body).toBe(400);
    }
    const bad = await rawRequest(`${server.url}/echo`, {
      method: 'POST',
      body: '<a><b></a>',
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
    });
    expect(JSON.parse(bad.body).message).toMatch(/not valid XML/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const ok = await post(`${server.url}/echo`, '<a>1</a>', { 'content-type': 'application/xml' });
    expect(ok.json().data).toEqual({ a: '1' });
  });

  it('a billion-laughs XML body gets 400 at once, no entity is expanded', async () => {
    const server = await serve((s) => echo(s));
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) {
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    }
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]><lolz>&lol9;</lolz>`;
    const started = Date.now();
    const response = await rawRequest(`${server.url}/echo`, {
      method: 'POST',
      body: bomb,
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/DOCTYPE/);
    expect(Date.now() - started).toBeLessThan(2_000);
    // An entity reference without a DTD stays as it was written.
    const plain = await post(`${server.url}/echo`, '<a>&lol9;</a>', {
      'content-type': 'application/xml',
    });
    expect(plain.json().data).toEqual({ a: '&lol9;' });
  });

  it('a */csv body becomes an array of objects keyed by the header, as ConvertFrom-Csv', async () => {
    const server = await serve((s) => echo(s));
    const response = await post(
      `${server.url}/echo`,
      '\ufeffname,age,note\nRick,70,"likes ""pickles"", a lot"\nMorty,14\n',
      { 'content-type': 'text/csv' },
    );
    expect(response.json()).toEqual({
      data: [
        { name: 'Rick', age: '70', note: 'likes "pickles", a lot' },
        { name: 'Morty', age: '14' },
      ],
      type: 'array',
    });
    const bad = await post(`${server.url}/echo`, 'a,b\n"open,1\n', { 'content-type': 'text/csv' });
    expect(bad.status).toBe(400);
  });

  it('a YAML body stays text, as Pode leaves it', async () => {
    const server = await serve((s) => echo(s));
    const response = await post(`${server.url}/echo`, 'name: Rick\n', {
      'content-type': 'application/yaml',
    });
    expect(response.json()).toEqual({ data: 'name: Rick\n', type: 'string' });
  });
});

describe('compressed request bodies', () => {
  const json = JSON.stringify({ name: 'Rick', list: [1, 2, 3] });

  it('gzip, x-gzip, deflate and br bodies are decoded before parsing', async () => {
    const server = await serve((s) => echo(s));
    const cases: [string, Buffer][] = [
      ['gzip', gzipSync(json)],
      ['x-gzip', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['br', brotliCompressSync(json)],
      ['gzip, br', brotliCompressSync(gzipSync(json))],
      ['identity', Buffer.from(json)],
    ];
    for (const [encoding, body] of cases) {
      const response = await post(`${server.url}/echo`, body, {
        'content-type': 'application/json',
        'content-encoding': encoding,
      });
      expect(response.status, encoding).toBe(200);
      expect(response.json().data, encoding).toEqual({ name: 'Rick', list: [1, 2, 3] });
    }
  });

  it('a gzip transfer coding before chunked is decoded; a bare Transfer-Encoding: gzip is 400', async () => {
    const server = await serve((s) => echo(s));
    const port = server.endpoints[0].port;
    const gzipped = gzipSync('<username>rick</username>');
    const chunked = Buffer.concat([
      Buffer.from(`${gzipped.length.toString(16)}\r\n`),
      gzipped,
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    const answer = await rawSocket(
      port,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n',
      chunked,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('{"data":{"username":"rick"},"type":"object"}');
    const bare = await rawSocket(
      port,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n',
      gzipped,
    );
    expect(bare).toMatch(/^HTTP\/1\.1 400/);
  });

  it('data that is not of its coding gets 400, an unknown coding 415', async () => {
    const server = await serve((s) => echo(s));
    const notGzip = await post(`${server.url}/echo`, json, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(notGzip.status).toBe(400);
    const truncated = await post(`${server.url}/echo`, gzipSync(json).subarray(0, 20), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(truncated.status).toBe(400);
    for (const coding of ['compress', 'zstd', 'constructor']) {
      const unknown = await post(`${server.url}/echo`, json, {
        'content-type': 'application/json',
        'content-encoding': coding,
      });
      expect(unknown.status, coding).toBe(415);
    }
    const ok = await post(`${server.url}/echo`, gzipSync(json), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(ok.status).toBe(200);
  });

  it("addRoute({ transferEncoding }) decodes every body of the route, as Pode's -TransferEncoding", async () => {
    const server = await serve((s) => {
      echo(s, '/forced', { transferEncoding: 'gzip' });
      s.addRouteGroup({ path: '/group', transferEncoding: 'deflate' }, (g) =>
        g.addRoute({ method: 'POST', path: '/echo' }, (e) => e.writeJson({ data: e.data })),
      );
      echo(s, '/plain');
    });
    const forced = await post(`${server.url}/forced`, gzipSync(json), {
      'content-type': 'application/json',
    });
    expect(forced.json().data).toEqual({ name: 'Rick', list: [1, 2, 3] });
    const grouped = await post(`${server.url}/group/echo`, deflateSync(json), {
      'content-type': 'application/json',
    });
    expect(grouped.json().data).toEqual({ name: 'Rick', list: [1, 2, 3] });
    const plainOnForced = await post(`${server.url}/forced`, json, {
      'content-type': 'application/json',
    });
    expect(plainOnForced.status).toBe(400);
    expect(
      (await post(`${server.url}/plain`, json, { 'content-type': 'application/json' })).status,
    ).toBe(200);
  });

  it('a bad transferEncoding is a set-up error', async () => {
    await expect(
      startServer(
        (s) => {
          s.addEndpoint({ address: '127.0.0.1', port: 0 });
          s.addRoute({ method: 'POST', path: '/', transferEncoding: 'zip' as 'gzip' }, (e) =>
            e.writeText('x'),
          );
        },
        { logger: false, handleSignals: false },
      ),
    ).rejects.toThrow(/transferEncoding must be 'gzip', 'deflate' or 'br'/);
  });

  it('the body limit applies to the decoded size', async () => {
    const server = await serve((s) => echo(s), { bodyLimit: 10_000 });
    const big = JSON.stringify({ pad: 'x'.repeat(20_000) });
    const compressed = gzipSync(big);
    expect(compressed.length).toBeLessThan(10_000);
    const response = await post(`${server.url}/echo`, compressed, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(413);
    const small = await post(`${server.url}/echo`, gzipSync(json), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(small.status).toBe(200);
  });

  it('a 1 MB gzip bomb that inflates to 1 GB gets 413 with memory bounded, and the server goes on', async () => {
    const server = await serve((s) => echo(s), { bodyLimit: 2 * 1024 * 1024 });
    // gzip members may be concatenated: 64 members of 16 MiB of zeros inflate to 1 GiB.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(
        peak,
        now.arrayBuffers + now.external - before.arrayBuffers - before.external,
      );
    }, 2);
    const started = Date.now();
    const response = await post(`${server.url}/echo`, bomb, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    clearInterval(sampler);
    expect(response.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
    const after = await post(`${server.url}/echo`, gzipSync(json), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(after.status).toBe(200);
  });
});
