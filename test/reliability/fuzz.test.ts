/**
 * HTTP fuzzing: a few thousand generated malformed requests against a running session server.
 * No 5xx but a deliberate 503, the process keeps serving, and no response ever carries another
 * session's data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Client, serve } from '../helpers.js';
import { sendRawBytes } from './raw-socket.js';

const VICTIM_MARK = 'VICTIM-SECRET';

async function sessionServer() {
  return serve(
    (s) => {
      s.enableSessionMiddleware({
        secret: 'fuzzing-secret-that-is-long-enough-000',
        duration: 600,
      });
      s.addRoute('GET', '/me', (e) => e.writeJson({ data: e.session.data }));
      s.addRoute('POST', '/me', (e) => {
        const body = e.data as Record<string, unknown>;
        if (typeof body.note === 'string') e.session.data.note = body.note.slice(0, 100);
        e.writeJson({ data: e.session.data });
      });
      s.addRoute({ method: 'GET', path: '/users/:id/*' }, (e) => e.writeJson(e.parameters));
    },
    { headersTimeout: 2_000, requestTimeout: 3_000, bodyLimit: 16 * 1024 },
  );
}

const methods = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'HEAD',
  'BREW',
  'G ET',
  '',
  'get',
);
const paths = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '/me',
      '/me',
      '/users/1/x',
      '/users/%zz/a',
      '/%',
      '/me?a=%',
      '//me',
      '*',
      '/../../etc/passwd',
      '/ME/',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((tail) => `/${tail}`),
  },
);
const cookieValues = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 120 }),
  fc.constantFrom(
    's:',
    's:.',
    's:abc.',
    's:abc.====',
    's:abc.kPv88V50o2uJ29sqch2a7P/f3dxcg+J/dZJZT3GTJIE=',
    '%',
    '%E0%A4%A',
  ),
);
const bodies = fc.oneof(
  fc.constant(''),
  fc.json(),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.constantFrom('{"note":', '{"note":"x"}', 'note=1&note=2', '--x\r\n\r\n--'),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/octet-stream',
  '',
);
const lengthLies = fc.constantFrom('exact', 'exact', 'exact', 'short', 'none', 'chunked', 'double');

const requests = fc
  .record({
    method: methods,
    path: paths,
    cookie: fc.option(cookieValues, { nil: undefined }),
    sid: fc.option(cookieValues, { nil: undefined }),
    body: bodies,
    type: contentTypes,
    lengthLie: lengthLies,
    invalidUtf8: fc.boolean(),
    duplicate: fc.boolean(),
    hugeHeader: fc.integer({ min: 0, max: 40 }),
  })
  .map((r) => {
    const body = Buffer.concat([
      Buffer.from(r.body, 'latin1'),
      r.invalidUtf8 ? Buffer.from([0xc3, 0x28, 0xff]) : Buffer.alloc(0),
    ]);
    const lines = [`${r.method} ${r.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
    if (r.cookie !== undefined) lines.push(`Cookie: pode.sid=${r.cookie}`);
    if (r.duplicate && r.cookie !== undefined) lines.push(`Cookie: pode.sid=${r.cookie}x`);
    if (r.sid !== undefined) lines.push(`pode.sid: ${r.sid}`);
    if (r.type !== '') lines.push(`Content-Type: ${r.type}`);
    if (r.duplicate) lines.push('Content-Type: text/plain');
    // One request in forty carries a header far over Node's 16 KiB limit.
    if (r.hugeHeader === 0) lines.push(`X-Huge: ${'a'.repeat(20_000)}`);
    if (r.lengthLie === 'exact') lines.push(`Content-Length: ${body.length}`);
    if (r.lengthLie === 'short') lines.push(`Content-Length: ${Math.max(0, body.length - 2)}`);
    if (r.lengthLie === 'double')
      lines.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
    if (r.lengthLie === 'chunked') lines.push('Transfer-Encoding: chunked');
    const payload =
      r.lengthLie === 'chunked'
        ? Buffer.from(
            `${body.length.toString(16)}\r\n${body.toString('latin1')}\r\n0\r\n\r\n`,
            'latin1',
          )
        : body;
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
  });

describe('HTTP fuzzing', () => {
  it('answers thousands of malformed requests without a 5xx, without leaking a session, and keeps serving', async () => {
    const server = await sessionServer();
    const port = server.endpoints[0].port;

    // Two victims hold data nobody else may ever see.
    const victims = [new Client(server.url), new Client(server.url)];
    for (const [index, victim] of victims.entries()) {
      const response = await victim.fetch('/me', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: `${VICTIM_MARK}-${index}` }),
      });
      expect(response.status).toBe(200);
    }

    const samples = fc.sample(requests, { numRuns: 2_000, seed: 20261130 });
    const statuses = new Map<number, number>();
    const deadline = Date.now() + 90_000;
    for (let i = 0; i < samples.length && Date.now() < deadline; i += 25) {
      const batch = samples.slice(i, i + 25);
      const responses = await Promise.all(
        batch.map((request) => sendRawBytes(port, request, 4_000)),
      );
      for (const response of responses) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status === 503 || response.status < 500).toBe(true);
        expect(response.text).not.toContain(VICTIM_MARK);
      }
    }
    const answered = [...statuses]
      .filter(([status]) => status !== 0)
      .reduce((a, [, n]) => a + n, 0);
    expect(answered).toBeGreaterThan(1_000);
    // Most malformed requests get a clear 4xx; some are fine requests and get a 2xx.
    const clientErrors = [...statuses]
      .filter(([status]) => status >= 400 && status < 500)
      .reduce((a, [, n]) => a + n, 0);
    expect(clientErrors).toBeGreaterThan(100);
    // And a good share got past Node's parser into the pipeline (routes, 404s, 405s, body errors).
    const pipelined = [...statuses]
      .filter(([status]) => status >= 200 && status !== 400)
      .reduce((a, [, n]) => a + n, 0);
    expect(pipelined).toBeGreaterThan(300);

    // The process is up, and each victim still sees exactly its own data.
    for (const [index, victim] of victims.entries()) {
      expect(await victim.json('/me')).toEqual({ data: { note: `${VICTIM_MARK}-${index}` } });
    }
  }, 120_000);
});
