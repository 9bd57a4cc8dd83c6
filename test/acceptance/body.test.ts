import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serve, sleep } from '../helpers.js';
import { rawRequest } from './raw-http.js';

const echoBody = (s: import('../../src/index.js').ServerBuilder, path = '/echo') =>
  s.addRoute({ method: 'POST', path }, (e) =>
    e.writeJson({ data: e.data, type: typeof e.data, contentType: e.contentType }),
  );

describe('body parsing', () => {
  it('parses a JSON body into e.data', async () => {
    const server = await serve((s) => echoBody(s));
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'Rick', tags: ['a', 'b'], nested: { n: 1 } }),
    });
    expect(await response.json()).toEqual({
      data: { name: 'Rick', tags: ['a', 'b'], nested: { n: 1 } },
      type: 'object',
      contentType: 'application/json',
    });
  });

  it('parses a +json media type as JSON', async () => {
    const server = await serve((s) => echoBody(s));
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: '{"a":1}',
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({ a: 1 });
  });

  it('parses an urlencoded form into an object of strings, + as space, repeats joined', async () => {
    const server = await serve((s) => echoBody(s));
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body: new URLSearchParams([
        ['username', 'morty smith'],
        ['colour', 'red'],
        ['colour', 'blue'],
        ['sym', 'a&b=c'],
      ]),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      username: 'morty smith',
      colour: 'red,blue',
      sym: 'a&b=c',
    });
  });

  it('gives a text/* body as a string (text/csv is parsed: see body-formats.test.ts)', async () => {
    const server = await serve((s) => echoBody(s));
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/markdown' },
      body: 'a,b\n1,2\n',
    });
    expect(await response.json()).toMatchObject({ data: 'a,b\n1,2\n', type: 'string' });
  });

  it('parses multipart form data: fields into e.data, files into e.files', async () => {
    const server = await serve((s) =>
      s.addRoute('POST', '/upload', (e) => {
        const file = e.files.avatar;
        e.writeJson({
          data: e.data,
          file: {
            filename: file.filename,
            contentType: file.contentType,
            size: file.size,
            text: file.data.toString('utf8'),
            isBuffer: Buffer.isBuffer(file.data),
          },
        });
      }),
    );
    const form = new FormData();
    form.append('title', 'My picture');
    form.append('tag', 'x');
    form.append('tag', 'y');
    form.append('avatar', new Blob(['PNG-ish bytes ü'], { type: 'image/png' }), 'me.png');
    const response = await fetch(`${server.url}/upload`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { title: 'My picture', tag: 'x,y' },
      file: {
        filename: 'me.png',
        contentType: 'image/png',
        size: Buffer.byteLength('PNG-ish bytes ü'),
        text: 'PNG-ish bytes ü',
        isBuffer: true,
      },
    });
  });

  it('answers a malformed multipart body with 400', async () => {
    const server = await serve((s) => echoBody(s));
    const response = await rawRequest(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'this is not multipart at all',
    });
    expect(response.status).toBe(400);
  });

  it('leaves e.data as {} and e.files empty when there is no body', async () => {
    const server = await serve((s) =>
      s.addRoute('GET', '/', (e) => e.writeJson({ data: e.data, files: e.files })),
    );
    expect(await (await fetch(server.url)).json()).toEqual({ data: {}, files: {} });
  });

  it('answers malformed JSON with 400 and does not run the handler', async () => {
    let ran = false;
    const server = await serve((s) =>
      s.addRoute('POST', '/', () => {
        ran = true;
      }),
    );
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"unterminated": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status: 400,
      message: 'The request body is not valid JSON.',
    });
    expect(ran).toBe(false);
  });

  it('answers a body over bodyLimit with 413 when Content-Length announces it', async () => {
    let ran = false;
    const server = await serve(
      (s) =>
        s.addRoute('POST', '/', () => {
          ran = true;
        }),
      { bodyLimit: 100 },
    );
    const response = await rawRequest(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(101),
    });
    expect(response.status).toBe(413);
    expect(ran).toBe(false);
    const exact = await rawRequest(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(100),
    });
    expect(exact.status).toBe(200);
  });

  it('answers a chunked body that grows past bodyLimit with 413', async () => {
    let ran = false;
    const server = await serve(
      (s) =>
        s.addRoute('POST', '/', () => {
          ran = true;
        }),
      { bodyLimit: 1000 },
    );
    const response = await rawRequest(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      chunks: ['[', '"a",'.repeat(200), '"a",'.repeat(200), '"b"]'],
    });
    expect(response.status).toBe(413);
    expect(ran).toBe(false);
    const small = await rawRequest(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      chunks: ['[1,', '2]'],
    });
    expect(small.status).toBe(200);
  });

  it('still serves other requests after rejecting an oversized body', async () => {
    const server = await serve(
      (s) => {
        s.addRoute('POST', '/', () => {});
        s.addRoute('GET', '/ok', (e) => e.writeText('ok'));
      },
      { bodyLimit: 10 },
    );
    const announced = await rawRequest(server.url, { method: 'POST', body: 'y'.repeat(5000) });
    expect(announced.status).toBe(413);
    // 2 MiB streamed in 64 KiB chunks: the 413 arrives although the client is still sending.
    const chunk = Buffer.alloc(64 * 1024, 'z');
    const streamed = await rawRequest(server.url, {
      method: 'POST',
      chunks: Array.from({ length: 32 }, () => chunk),
    });
    expect(streamed.status).toBe(413);
    expect(await (await fetch(`${server.url}/ok`)).text()).toBe('ok');
  });

  it("forces the route's contentType whatever the request says", async () => {
    const server = await serve((s) => {
      s.addRoute({ method: 'POST', path: '/json', contentType: 'application/json' }, (e) =>
        e.writeJson({ data: e.data }),
      );
      s.addRoute(
        { method: 'POST', path: '/form', contentType: 'application/x-www-form-urlencoded' },
        (e) => e.writeJson({ data: e.data }),
      );
      s.addRoute({ method: 'POST', path: '/text', contentType: 'text/plain' }, (e) =>
        e.writeJson({ data: e.data }),
      );
    });
    const post = (path: string, body: string, type?: string) =>
      rawRequest(`${server.url}${path}`, {
        method: 'POST',
        headers: type === undefined ? {} : { 'content-type': type },
        body,
      });
    expect(JSON.parse((await post('/json', '{"a":1}', 'text/plain')).body)).toEqual({
      data: { a: 1 },
    });
    expect(JSON.parse((await post('/json', '{"b":2}')).body)).toEqual({ data: { b: 2 } });
    expect(JSON.parse((await post('/form', 'x=1&y=2', 'application/json')).body)).toEqual({
      data: { x: '1', y: '2' },
    });
    expect(JSON.parse((await post('/text', '{"a":1}', 'application/json')).body)).toEqual({
      data: '{"a":1}',
    });
    expect((await post('/json', 'not json', 'text/plain')).status).toBe(400);
  });

  it('reads a forced contentType written with parameters and in any case', async () => {
    const server = await serve((s) =>
      s.addRoute(
        { method: 'POST', path: '/', contentType: 'Application/JSON; charset=utf-8' },
        (e) => e.writeJson({ data: e.data }),
      ),
    );
    const response = await rawRequest(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"forced":true}',
    });
    expect(JSON.parse(response.body)).toEqual({ data: { forced: true } });
  });

  it('finishes the request (endware included) when the client disconnects mid-body', async () => {
    const finished: number[] = [];
    let handled = false;
    const server = await serve((s) => {
      s.addEndware((e) => {
        finished.push(e.response.statusCode);
      });
      s.addRoute('POST', '/', () => {
        handled = true;
      });
    });
    const socket = connect(server.endpoints[0].port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nhalf',
    );
    await sleep(50);
    socket.destroy();
    for (let i = 0; i < 50 && finished.length === 0; i++) await sleep(20);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toBeGreaterThanOrEqual(400);
    expect(handled).toBe(false);
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('parses the body before the first global middleware runs', async () => {
    const server = await serve((s) => {
      s.addMiddleware('reader', (e) => {
        e.metadata.seen = e.data;
      });
      s.addRoute('POST', '/', (e) => e.writeJson(e.metadata.seen));
    });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"early":true}',
    });
    expect(await response.json()).toEqual({ early: true });
  });
});
