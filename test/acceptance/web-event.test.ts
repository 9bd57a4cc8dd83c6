import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSetCookie, serve } from '../helpers.js';
import { rawRequest } from './raw-http.js';

const files = mkdtempSync(join(tmpdir(), 'pode-ts-files-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

// The SPEC's vectors (§6.1): byte-compatible with Pode.
const SIGNED_VALUE = 's:value.kPv88V50o2uJ29sqch2a7P/f3dxcg+J/dZJZT3GTJIE=';
const STRICT_ABC = 's:abc.mFvZvFScZtStxQBWTgjy9CAR6KbQQqaAMimxpdv6m7E=';

describe('WebEvent fields', () => {
  it('exposes method, path, query, parameters, headers, cookies, route, endpoint and more', async () => {
    const server = await serve((s) =>
      s.addRoute({ method: 'PATCH', path: '/things/:id' }, (e) => {
        e.writeJson({
          method: e.method,
          path: e.path,
          query: e.query,
          parameters: e.parameters,
          header: e.headers['x-one'],
          repeated: e.headers['x-many'],
          cookies: e.cookies,
          route: e.route,
          endpoint: e.endpoint,
          contentType: e.contentType,
          remoteAddress: e.remoteAddress,
          timestampIsDate: e.timestamp instanceof Date,
          age: Date.now() - e.timestamp.getTime(),
          metadata: e.metadata,
          requestUrl: e.request.url,
          responseIsNode: typeof e.response.setHeader === 'function',
        });
      }),
    );
    const response = await rawRequest(`${server.url}/things/7?sort=asc&q=a%20b`, {
      method: 'patch',
      headers: {
        'x-one': 'first',
        'content-type': 'Text/Plain; charset=utf-8',
        cookie: 'a=1; b=hello%20world',
      },
      body: 'x',
    });
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({
      method: 'PATCH',
      path: '/things/7',
      query: { sort: 'asc', q: 'a b' },
      parameters: { id: '7' },
      header: 'first',
      cookies: { a: '1', b: 'hello world' },
      route: { method: 'PATCH', path: '/things/:id' },
      endpoint: { protocol: 'http', address: '127.0.0.1', port: server.endpoints[0].port },
      contentType: 'text/plain',
      remoteAddress: '127.0.0.1',
      timestampIsDate: true,
      metadata: {},
      requestUrl: '/things/7?sort=asc&q=a%20b',
      responseIsNode: true,
    });
    expect(body.age).toBeGreaterThanOrEqual(0);
    expect(body.age).toBeLessThan(5000);
  });

  it('has no session without the session middleware, and an anonymous auth state', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        let code: unknown;
        try {
          void e.session;
        } catch (error) {
          code = (error as { code?: string }).code;
        }
        e.writeJson({ hasSession: e.hasSession, code, auth: e.auth });
      }),
    );
    expect(await (await fetch(server.url)).json()).toEqual({
      hasSession: false,
      code: 'PODE_ERR_NO_SESSION',
      auth: { isAuthenticated: false },
    });
  });

  it('joins repeated request headers with ", " as Node does', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => e.writeText(String(e.headers['x-many']))),
    );
    const response = await new Promise<string>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(server.url, { agent: false }, (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.setHeader('X-Many', ['one', 'two']);
        req.end();
      }, reject);
    });
    expect(response).toBe('one, two');
  });

  it('gives every event its own empty metadata object', async () => {
    const server = await serve((s) => {
      s.addMiddleware('mark', (e) => {
        const before = { ...e.metadata };
        e.metadata.marked = true;
        e.metadata.before = before;
      });
      s.addRoute('GET', '/', (e) => e.writeJson(e.metadata));
    });
    expect(await (await fetch(server.url)).json()).toEqual({ marked: true, before: {} });
    expect(await (await fetch(server.url)).json()).toEqual({ marked: true, before: {} });
  });
});

describe('client address and protocol', () => {
  const setup = (s: import('../../src/index.js').ServerBuilder) =>
    s.addRoute('GET', '/', (e) => e.writeJson({ ip: e.remoteAddress, secure: e.isSecure }));
  const forwarded = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'x-forwarded-proto': 'https' };

  it('ignores X-Forwarded-For and X-Forwarded-Proto by default', async () => {
    const server = await serve(setup);
    const response = await rawRequest(server.url, { headers: forwarded });
    expect(JSON.parse(response.body)).toEqual({ ip: '127.0.0.1', secure: false });
  });

  it('takes the first X-Forwarded-For entry and the forwarded protocol with trustProxy', async () => {
    const server = await serve(setup, { trustProxy: true });
    const response = await rawRequest(server.url, { headers: forwarded });
    expect(JSON.parse(response.body)).toEqual({ ip: '203.0.113.7', secure: true });
    const direct = await rawRequest(server.url);
    expect(JSON.parse(direct.body)).toEqual({ ip: '127.0.0.1', secure: false });
  });
});

describe('writing responses', () => {
  it('writes JSON, text and HTML with their content types', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/json', (e) => e.writeJson({ a: [1, 'ü'] }));
      s.addRoute('GET', '/text', (e) => e.writeText('plain ü'));
      s.addRoute('GET', '/html', (e) => e.writeHtml('<b>bold</b>'));
    });
    const json = await fetch(`${server.url}/json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual({ a: [1, 'ü'] });
    const text = await fetch(`${server.url}/text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('plain ü');
    const html = await fetch(`${server.url}/html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toBe('<b>bold</b>');
  });

  it('replaces the body on each write, it never appends', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.writeText('first');
        e.writeJson({ second: true });
      }),
    );
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe('{"second":true}');
  });

  it('writes a status with the body when statusCode is given', async () => {
    const server = await serve((s) =>
      s.addRoute('POST', '/', (e) => e.writeJson({ id: 1 }, { statusCode: 201 })),
    );
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 1 });
  });

  it("writes a file's bytes with a type from its extension, and 404 for a missing file", async () => {
    writeFileSync(join(files, 'data.json'), '{"from":"file"}');
    writeFileSync(join(files, 'pixel.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]));
    writeFileSync(join(files, 'blob.unknownext'), 'raw');
    const server = await serve((s) =>
      s.addRoute('GET', '/files/:name', async (e) => {
        await e.writeFile(join(files, e.parameters.name));
      }),
    );
    const json = await fetch(`${server.url}/files/data.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual({ from: 'file' });
    const png = await fetch(`${server.url}/files/pixel.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer())).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]),
    );
    const other = await fetch(`${server.url}/files/blob.unknownext`);
    expect(other.headers.get('content-type')).toBe('application/octet-stream');
    expect((await fetch(`${server.url}/files/missing.txt`)).status).toBe(404);
  });

  it('sends the Content-Length of the bytes written, for GET and for HEAD', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('héllo ✓')));
    const get = await rawRequest(server.url);
    expect(get.body).toBe('héllo ✓');
    expect(get.headers['content-length']).toBe(String(Buffer.byteLength('héllo ✓')));
    expect(get.headers['transfer-encoding']).toBeUndefined();
    const head = await rawRequest(server.url, { method: 'HEAD' });
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('héllo ✓')));
    expect(head.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(head.bytes.length).toBe(0);
  });

  it('lets a Content-Type set after a write win, and a write replace one set before it', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/after', (e) => {
        e.writeText('a,b');
        e.setHeader('Content-Type', 'text/csv');
      });
      s.addRoute('GET', '/before', (e) => {
        e.setHeader('Content-Type', 'text/csv');
        e.writeJson(['a', 'b']);
      });
      s.addRoute('GET', '/endware', (e) => e.writeJson({ changed: false }));
      s.addEndware((e) => {
        if (e.path === '/endware') e.setHeader('Content-Type', 'application/vnd.test+json');
      });
      s.addRoute('GET', '/error', (e) => {
        e.setHeader('Content-Type', 'text/csv');
        e.setStatus(404);
      });
    });
    const after = await rawRequest(`${server.url}/after`);
    expect([after.headers['content-type'], after.body]).toEqual(['text/csv', 'a,b']);
    const before = await rawRequest(`${server.url}/before`);
    expect([before.headers['content-type'], before.body]).toEqual([
      'application/json; charset=utf-8',
      '["a","b"]',
    ]);
    const endware = await rawRequest(`${server.url}/endware`);
    expect(endware.headers['content-type']).toBe('application/vnd.test+json');
    expect(endware.headers['content-length']).toBe(String(endware.bytes.length));
    const error = await rawRequest(`${server.url}/error`);
    expect(error.status).toBe(404);
    expect(error.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('sends no Content-Length or body with 204 and 304, and no Content-Type after a redirect', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/204', (e) => e.writeJson({ dropped: true }, { statusCode: 204 }));
      s.addRoute('GET', '/304', (e) => e.writeText('dropped', { statusCode: 304 }));
      s.addRoute('GET', '/moved', (e) => {
        e.writeJson({ replaced: true });
        e.redirect('/elsewhere');
      });
    });
    for (const status of [204, 304]) {
      const response = await rawRequest(`${server.url}/${status}`);
      expect(response.status).toBe(status);
      expect(response.headers['content-length']).toBeUndefined();
      expect(response.bytes.length).toBe(0);
    }
    const moved = await rawRequest(`${server.url}/moved`);
    expect(moved.status).toBe(302);
    expect(moved.headers['content-type']).toBeUndefined();
    expect(moved.bytes.length).toBe(0);
  });

  it('redirects with 302 by default and 301 with moved', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/old', (e) => e.redirect('/new'));
      s.addRoute('GET', '/gone', (e) => e.redirect('https://example.com/x', { moved: true }));
    });
    const found = await fetch(`${server.url}/old`, { redirect: 'manual' });
    expect(found.status).toBe(302);
    expect(found.headers.get('location')).toBe('/new');
    const moved = await fetch(`${server.url}/gone`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://example.com/x');
  });
});

describe('statuses and error pages', () => {
  it('sets the reason phrase and the error page message from setStatus description', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => e.setStatus(418, { description: 'Short and stout' })),
    );
    const html = await rawRequest(server.url);
    expect(html.status).toBe(418);
    expect(html.statusMessage).toBe('Short and stout');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('418 Short and stout');
    const json = await rawRequest(server.url, { headers: { accept: 'application/json' } });
    expect(JSON.parse(json.body)).toEqual({ status: 418, message: 'Short and stout' });
  });

  it("uses Node's reason phrase as the message without a description", async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.setStatus(403)));
    const response = await rawRequest(server.url, { headers: { accept: 'application/json' } });
    expect(response.statusMessage).toBe('Forbidden');
    expect(JSON.parse(response.body)).toEqual({ status: 403, message: 'Forbidden' });
  });

  it('sends no error page with noErrorPage', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => e.setStatus(409, { noErrorPage: true })),
    );
    const response = await rawRequest(server.url);
    expect(response.status).toBe(409);
    expect(response.body).toBe('');
  });

  it('sends a status below 400 with no body', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.setStatus(202)));
    const response = await rawRequest(server.url);
    expect(response.status).toBe(202);
    expect(response.body).toBe('');
  });

  it('chooses a JSON page when Accept asks for JSON, else a minimal HTML page', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.setStatus(404)));
    const json = await rawRequest(server.url, {
      headers: { accept: 'application/json, text/plain;q=0.5' },
    });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual({ status: 404, message: 'Not Found' });
    const html = await rawRequest(server.url, { headers: { accept: 'text/html' } });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toMatch(/^<!DOCTYPE html>/);
    expect(html.body).toContain('404 Not Found');
    const none = await rawRequest(server.url);
    expect(none.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it("lets the route's errorContentType decide the page type over Accept", async () => {
    const server = await serve((s) => {
      s.addRoute({ method: 'GET', path: '/api', errorContentType: 'application/json' }, (e) =>
        e.setStatus(400),
      );
      s.addRoute({ method: 'GET', path: '/page', errorContentType: 'text/html' }, (e) =>
        e.setStatus(400),
      );
    });
    const api = await rawRequest(`${server.url}/api`, { headers: { accept: 'text/html' } });
    expect(JSON.parse(api.body)).toEqual({ status: 400, message: 'Bad Request' });
    const page = await rawRequest(`${server.url}/page`, {
      headers: { accept: 'application/json' },
    });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('applies errorContentType to a 500 from a throwing handler', async () => {
    const server = await serve((s) =>
      s.addRoute({ method: 'GET', path: '/', errorContentType: 'application/json' }, () => {
        throw new Error('nope');
      }),
    );
    const response = await rawRequest(server.url);
    expect(JSON.parse(response.body)).toEqual({ status: 500, message: 'Internal Server Error' });
  });

  it('keeps a body the route wrote itself with a status of 400 or more', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/written', (e) =>
        e.writeJson({ errors: ['name is required'] }, { statusCode: 422 }),
      );
      s.addRoute('GET', '/status-then-write', (e) => {
        e.setStatus(400);
        e.writeText('custom message');
      });
    });
    const written = await rawRequest(`${server.url}/written`);
    expect(written.status).toBe(422);
    expect(JSON.parse(written.body)).toEqual({ errors: ['name is required'] });
    const later = await rawRequest(`${server.url}/status-then-write`);
    expect(later.status).toBe(400);
    expect(later.body).toBe('custom message');
  });

  it('replaces a written body with the error page when an error status is set after it', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.writeText('partial output');
        e.setStatus(503);
      }),
    );
    const response = await rawRequest(server.url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(503);
    expect(response.body).toBe('{"status":503,"message":"Service Unavailable"}');
  });

  it('drops a description once the status is changed by a write or a redirect', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/write', (e) => {
        e.setStatus(400, { description: 'Bad thing' });
        e.writeJson({ recovered: true }, { statusCode: 200 });
      });
      s.addRoute('GET', '/redirect', (e) => {
        e.setStatus(404, { description: 'Nowhere' });
        e.redirect('/there');
      });
    });
    const written = await rawRequest(`${server.url}/write`);
    expect(written.status).toBe(200);
    expect(written.statusMessage).toBe('OK');
    const redirected = await rawRequest(`${server.url}/redirect`);
    expect(redirected.status).toBe(302);
    expect(redirected.statusMessage).toBe('Found');
    expect(redirected.body).toBe('');
  });

  it('escapes the description in the HTML error page', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => e.setStatus(400, { description: '<script>x</script>' })),
    );
    const response = await rawRequest(server.url);
    expect(response.body).not.toContain('<script>');
  });
});

describe('headers', () => {
  it('sets, replaces and adds response headers', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.setHeader('X-Single', 'one');
        e.setHeader('X-Single', 'two');
        e.addHeader('X-Multi', 'a');
        e.addHeader('X-Multi', 'b');
        e.setHeader('X-Number', 5);
      }),
    );
    const response = await rawRequest(server.url);
    expect(response.headers['x-single']).toBe('two');
    expect(response.headers['x-multi']).toBe('a, b');
    expect(response.headers['x-number']).toBe('5');
  });

  it('signs a response header with a secret as s:<value>.<Base64 HMAC-SHA256>', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.setHeader('X-Signed', 'value', { secret: 'key' });
        e.addHeader('X-Added', 'value', { secret: ['key', 'old'] });
      }),
    );
    const response = await rawRequest(server.url);
    expect(response.headers['x-signed']).toBe(SIGNED_VALUE);
    expect(response.headers['x-added']).toBe(SIGNED_VALUE);
  });

  it('reads a signed request header, null when tampered, missing or signed with another secret', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) =>
        e.writeJson({
          raw: e.getHeader('X-Token'),
          signed: e.getHeader('x-token', { secret: 'key' }),
          rotated: e.getHeader('x-token', { secret: ['new', 'key'] }),
          wrong: e.getHeader('x-token', { secret: 'other' }),
          missing: e.getHeader('x-missing', { secret: 'key' }),
        }),
      ),
    );
    const good = JSON.parse(
      (await rawRequest(server.url, { headers: { 'x-token': SIGNED_VALUE } })).body,
    );
    expect(good).toEqual({
      raw: SIGNED_VALUE,
      signed: 'value',
      rotated: 'value',
      wrong: null,
      missing: null,
    });
    const tampered = SIGNED_VALUE.replace('s:value', 's:valuf');
    const bad = JSON.parse(
      (await rawRequest(server.url, { headers: { 'x-token': tampered } })).body,
    );
    expect(bad).toMatchObject({ raw: tampered, signed: null, rotated: null });
    const unsigned = JSON.parse(
      (await rawRequest(server.url, { headers: { 'x-token': 'value' } })).body,
    );
    expect(unsigned).toMatchObject({ raw: 'value', signed: null });
  });
});

describe('cookies', () => {
  it('sets a cookie with its attributes', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.setCookie('plain', 'hello');
        e.setCookie('full', 'v', {
          duration: 60,
          httpOnly: true,
          secure: true,
          sameSite: 'strict',
          path: '/app',
          domain: 'example.com',
        });
        e.setCookie('until', 'x', { expires: new Date('2030-01-02T03:04:05Z') });
      }),
    );
    const response = await fetch(server.url);
    const cookies = response.headers.getSetCookie().map(parseSetCookie);
    const plain = cookies.find((cookie) => cookie.name === 'plain');
    expect(plain).toEqual({ name: 'plain', value: 'hello', attributes: { path: '/' } });
    const full = cookies.find((cookie) => cookie.name === 'full');
    expect(full?.attributes).toMatchObject({
      'max-age': '60',
      httponly: '',
      secure: '',
      samesite: 'Strict',
      path: '/app',
      domain: 'example.com',
    });
    const expires = Date.parse(full?.attributes.expires ?? '');
    expect(Math.abs(expires - (Date.now() + 60_000))).toBeLessThan(5_000);
    const until = cookies.find((cookie) => cookie.name === 'until');
    expect(until?.attributes.expires).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
    expect(until?.attributes['max-age']).toBeUndefined();
  });

  it('keeps only the last Set-Cookie for a name set twice on one response', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.setCookie('c', 'first');
        e.setCookie('c', 'second');
      }),
    );
    const lines = (await fetch(server.url)).headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(parseSetCookie(lines[0]).value).toBe('second');
  });

  it('percent-encodes a value that is not cookie-safe and reads it back decoded', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/set', (e) => e.setCookie('c', 'a b;c'));
      s.addRoute('GET', '/get', (e) => e.writeJson({ c: e.getCookie('c') }));
    });
    const line = (await fetch(`${server.url}/set`)).headers.getSetCookie()[0];
    const value = parseSetCookie(line).value;
    expect(value).toBe('a%20b%3Bc');
    const read = await fetch(`${server.url}/get`, { headers: { cookie: `c=${value}` } });
    expect(await read.json()).toEqual({ c: 'a b;c' });
  });

  it('signs a cookie with a secret, unencoded, as Pode does', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => e.setCookie('name', 'value', { secret: 'key' })),
    );
    const line = (await fetch(server.url)).headers.getSetCookie()[0];
    expect(parseSetCookie(line).value).toBe(SIGNED_VALUE);
    const expected = createHmac('sha256', 'key').update('value').digest('base64');
    expect(SIGNED_VALUE).toBe(`s:value.${expected}`);
  });

  it('reads a signed cookie; tampered, unsigned, wrongly signed or missing read as null', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) =>
        e.writeJson({
          value: e.getCookie('name', { secret: 'key' }),
          rotated: e.getCookie('name', { secret: ['newer', 'key'] }),
          raw: e.getCookie('name'),
          missing: e.getCookie('nothing', { secret: 'key' }),
        }),
      ),
    );
    const read = async (cookie: string) =>
      (await fetch(server.url, { headers: { cookie } })).json();
    expect(await read(`name=${SIGNED_VALUE}`)).toEqual({
      value: 'value',
      rotated: 'value',
      raw: SIGNED_VALUE,
      missing: null,
    });
    // Read percent-encoded too (some clients encode the value).
    expect(await read(`name=${encodeURIComponent(SIGNED_VALUE)}`)).toMatchObject({
      value: 'value',
    });
    const tamperedValue = SIGNED_VALUE.replace('s:value', 's:admin');
    expect(await read(`name=${tamperedValue}`)).toMatchObject({ value: null, rotated: null });
    const tamperedSignature = `${SIGNED_VALUE.slice(0, -3)}AA=`;
    expect(await read(`name=${tamperedSignature}`)).toMatchObject({ value: null });
    expect(await read('name=value')).toMatchObject({ value: null, raw: 'value' });
    expect(await read('name=s:value.short')).toMatchObject({ value: null });
  });

  it("binds a strict signed cookie to the client's User-Agent and IP", async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/set', (e) =>
        e.setCookie('id', 'abc', { secret: 'schwifty', strict: true }),
      );
      s.addRoute('GET', '/get', (e) =>
        e.writeJson({
          strict: e.getCookie('id', { secret: 'schwifty', strict: true }),
          loose: e.getCookie('id', { secret: 'schwifty' }),
        }),
      );
    });
    const set = await fetch(`${server.url}/set`, { headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(parseSetCookie(set.headers.getSetCookie()[0]).value).toBe(STRICT_ABC);
    const sameClient = await fetch(`${server.url}/get`, {
      headers: { 'user-agent': 'Mozilla/5.0', cookie: `id=${STRICT_ABC}` },
    });
    expect(await sameClient.json()).toEqual({ strict: 'abc', loose: null });
    const otherAgent = await fetch(`${server.url}/get`, {
      headers: { 'user-agent': 'curl/8.0', cookie: `id=${STRICT_ABC}` },
    });
    expect(await otherAgent.json()).toEqual({ strict: null, loose: null });
  });

  it('removes a cookie with Max-Age=0 on its path', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', (e) => {
        e.removeCookie('gone');
        e.removeCookie('scoped', { path: '/app', domain: 'example.com' });
      });
    });
    const lines = (await fetch(server.url)).headers.getSetCookie().map(parseSetCookie);
    expect(lines[0]).toMatchObject({
      name: 'gone',
      value: '',
      attributes: { 'max-age': '0', path: '/' },
    });
    expect(Date.parse(lines[0].attributes.expires)).toBe(0);
    expect(lines[1]).toMatchObject({
      name: 'scoped',
      attributes: { 'max-age': '0', path: '/app', domain: 'example.com' },
    });
  });

  it('lets removeCookie replace a cookie set earlier on the same response', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.setCookie('c', 'v');
        e.removeCookie('c');
      }),
    );
    const lines = (await fetch(server.url)).headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(parseSetCookie(lines[0]).attributes['max-age']).toBe('0');
  });

  it('keeps Set-Cookie headers written with setHeader beside setCookie ones', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => {
        e.addHeader('Set-Cookie', 'manual=1; Path=/');
        e.setCookie('helper', '2');
      }),
    );
    const names = (await fetch(server.url)).headers
      .getSetCookie()
      .map((line) => parseSetCookie(line).name);
    expect(names.sort()).toEqual(['helper', 'manual']);
  });
});
