import { get as httpGet } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type LogItem,
  newLogCustomMethod,
  outVariable,
  PodeError,
  writeLog,
} from '../../src/index.js';
import {
  type PodeLogEvent,
  type PodeLogItem,
  podeLogMethod,
  podeLogType,
  requestUri,
} from '../../src/powershell/index.js';
import { serve, sleep } from '../helpers.js';

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

// Pode calls a log method's and a log type's script block with arguments that depend on -Version.
describe('podeLogMethod / podeLogType: Pode script blocks, called as Pode calls them', () => {
  it('version 2: the type gets the log event, the method gets items with .Data and .Event', async () => {
    const events: PodeLogEvent[] = [];
    const batches: { items: PodeLogItem[]; tag: unknown }[] = [];
    const server = await serve((s) => {
      const method = newLogCustomMethod(
        podeLogMethod(
          (items: PodeLogItem[], tag: unknown) => {
            batches.push({ items, tag });
          },
          2,
          ['shop'],
        ),
      );
      s.addLogType('custom', method, {
        format: podeLogType(
          (event: PodeLogEvent) => {
            events.push(event);
            return { HttpMethod: (event.Data as { method: string }).method };
          },
          'custom',
          2,
        ),
        levels: ['*'],
      });
      s.addRoute('GET', '/', (e) => {
        writeLog('custom', { inputObject: { method: e.method }, level: 'Warning' });
        e.writeText('ok');
      });
    });
    try {
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      await until(() => batches.length > 0);
    } finally {
      await server.stop();
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      Type: { Name: 'custom' },
      Level: 'Warning',
      Data: { method: 'GET' },
    });
    expect(events[0].Timestamp).toBeInstanceOf(Date);
    expect(batches[0].tag).toBe('shop');
    expect(batches[0].items).toHaveLength(1);
    expect(batches[0].items[0].Data).toEqual({ HttpMethod: 'GET' });
    expect(batches[0].items[0].Event).toMatchObject({ Level: 'Warning', Data: { method: 'GET' } });
  });

  it('version 1 (the default): the type gets the data, the method the transformed items then the raw ones', async () => {
    const calls: unknown[][] = [];
    const server = await serve((s) => {
      const method = newLogCustomMethod(
        podeLogMethod((...args: unknown[]) => {
          calls.push(args);
        }),
      );
      s.addLogType('audit', method, {
        format: podeLogType(
          (data: { id: number }, prefix: string) => `${prefix}${data.id}`,
          'audit',
          1,
          ['order '],
        ),
      });
      s.addRoute('GET', '/', (e) => {
        writeLog('audit', { inputObject: { id: 7 } });
        e.writeText('ok');
      });
    });
    try {
      await fetch(`${server.url}/`);
      await until(() => calls.length > 0);
    } finally {
      await server.stop();
    }
    expect(calls[0]).toEqual([['order 7'], [{ id: 7 }]]);
  });

  it('a format returning an object: the terminal line is its JSON, a custom method gets the object as item.value', async () => {
    const items: LogItem[] = [];
    const server = await serve((s) => {
      s.addLogType(
        'objects',
        newLogCustomMethod((batch) => {
          items.push(...batch);
        }),
        { format: (input) => ({ wrapped: input }) },
      );
      s.addRoute('GET', '/', (e) => {
        writeLog('objects', { inputObject: 5 });
        e.writeText('ok');
      });
    });
    try {
      await fetch(`${server.url}/`);
      await until(() => items.length > 0);
    } finally {
      await server.stop();
    }
    expect(items[0].value).toEqual({ wrapped: 5 });
    expect(items[0].line).toBe('{"wrapped":5}');
    expect(items[0].data).toBe(5);
  });
});

describe("requestUri ($WebEvent.Request.Url as .NET's System.Uri)", () => {
  it('has the port, host, path and query of the request, and prints as the whole URL', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/where', (e) => {
        const uri = requestUri(e);
        e.writeJson({ ...uri, text: `${uri}`, ToString: uri.ToString() });
      });
    });
    try {
      const port = server.endpoints[0].port;
      const mine = await (await fetch(`${server.url}/where?a=1`)).json();
      expect(mine).toEqual({
        Scheme: 'http',
        Host: '127.0.0.1',
        Port: port,
        Authority: `127.0.0.1:${port}`,
        AbsolutePath: '/where',
        Query: '?a=1',
        PathAndQuery: '/where?a=1',
        AbsoluteUri: `http://127.0.0.1:${port}/where?a=1`,
        OriginalString: `http://127.0.0.1:${port}/where?a=1`,
        IsDefaultPort: false,
        text: `http://127.0.0.1:${port}/where?a=1`,
        ToString: `http://127.0.0.1:${port}/where?a=1`,
      });
      // a Host header with no port: the scheme's default, as .NET reports it
      const named = await new Promise<unknown>((resolve, reject) => {
        const request = httpGet(
          `${server.url}/where`,
          { headers: { host: 'example.com' } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => {
              body += chunk.toString();
            });
            response.on('end', () => resolve(JSON.parse(body)));
          },
        );
        request.on('error', reject);
      });
      expect(named).toMatchObject({ Host: 'example.com', Port: 80, IsDefaultPort: true });
    } finally {
      await server.stop();
    }
  });
});

describe('outVariable (Out-PodeVariable)', () => {
  const globals = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete globals.podeOutVariableTest;
  });

  it('sets the global variable when the server stops, not before', async () => {
    const server = await serve((s) => {
      s.addRoute('POST', '/out', (e) => {
        outVariable('podeOutVariableTest', { Name: 'Joe', Age: 42 });
        e.writeText('ok');
      });
    });
    expect((await fetch(`${server.url}/out`, { method: 'POST' })).status).toBe(200);
    expect(globals.podeOutVariableTest).toBeUndefined();
    await server.stop();
    expect(globals.podeOutVariableTest).toEqual({ Name: 'Joe', Age: 42 });
  });

  it('a missing name is a PodeError', () => {
    expect(() => outVariable('', 1)).toThrow(PodeError);
  });
});
