/**
 * Pode's `Write-PodeHost` (`-NoNewLine`, `-Explode`, `-Label`, `-ShowType`) and PowerShell's
 * `Invoke-RestMethod` over fetch, spoken to a real server on port 0.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeRestMethod, outString, writePodeHost } from '../../src/powershell/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('writePodeHost', () => {
  it('prints a value with or without a newline', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writePodeHost('Received:', { noNewLine: true });
    writePodeHost(42);
    expect(out.mock.calls.map(([text]) => text)).toEqual(['Received:', '42\n']);
  });

  it("explodes a hashtable into PowerShell's Name/Value table, with a label and type line", () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writePodeHost({ key: 'cpu', value: 'arm' }, { explode: true });
    writePodeHost({ a: 1 }, { explode: true, label: 'data', showType: true });
    const [table, labelled] = out.mock.calls.map(([text]) => String(text));
    expect(table.split('\n')).toEqual([
      '',
      `${'Name'.padEnd(30)} Value`,
      `${'----'.padEnd(30)} -----`,
      `${'key'.padEnd(30)} cpu`,
      `${'value'.padEnd(30)} arm`,
      '',
    ]);
    expect(labelled.startsWith('[Name: data; TypeName: System.Collections.Hashtable]\n')).toBe(
      true,
    );
  });

  it('lays out arrays one item a line, and scalars as they print', () => {
    expect(outString([1, 'b'])).toBe('1\nb\n');
    expect(outString(true)).toBe('True\n');
    expect(outString({})).toBe('');
  });
});

describe('invokeRestMethod', () => {
  let server: Server;
  let base = '';
  const seen: { method?: string; url?: string; type?: string; body: string; auth?: string }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        seen.push({
          method: request.method,
          url: request.url,
          type: request.headers['content-type'],
          body,
          auth: request.headers.authorization,
        });
        if (request.url?.startsWith('/json')) {
          response.setHeader('content-type', 'application/json; charset=utf-8');
          response.end(JSON.stringify({ ok: true, n: 2 }));
        } else if (request.url === '/fail') {
          response.statusCode = 404;
          response.end('missing');
        } else {
          response.setHeader('content-type', 'text/plain');
          response.end('plain');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
    return () => new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the method, body, content type and headers, and parses a JSON answer', async () => {
    const result = await invokeRestMethod(`${base}/json`, {
      method: 'Post',
      body: '{"url":"http://x"}',
      contentType: 'application/json',
      headers: { Authorization: 'Bearer t' },
    });
    expect(result).toEqual({ ok: true, n: 2 });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      type: 'application/json',
      body: '{"url":"http://x"}',
      auth: 'Bearer t',
    });
  });

  it('returns text for other content, sends a hashtable as a form (or the query of a GET)', async () => {
    expect(
      await invokeRestMethod(`${base}/text`, { method: 'POST', body: { a: 1, b: 'x y' } }),
    ).toBe('plain');
    expect(seen.at(-1)).toMatchObject({
      type: 'application/x-www-form-urlencoded',
      body: 'a=1&b=x+y',
    });
    await invokeRestMethod(`${base}/json`, { body: { q: 'z' } });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/json?q=z', body: '' });
  });

  it('throws on a status that is not a success, as PowerShell does', async () => {
    await expect(invokeRestMethod(`${base}/fail`)).rejects.toMatchObject({
      errorId: 'WebCmdletWebResponseException',
      message: /404/,
    });
  });
});
