/**
 * Server-sent events against a real server, read with fetch streaming: the headers and the
 * `pode.open` event, sends to a name / group / client, Last-Event-ID, heartbeats, local scope,
 * broadcast levels, closeSseConnection, and a client that never reads.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  closeSseConnection,
  type SendSseEventOptions,
  type SseConnection,
  sendSseEvent,
  sseConnectionCount,
} from '../../src/index.js';
import { serve } from '../helpers.js';
import { waitFor } from './support.js';

/** An SSE stream read with fetch: every event parsed as it arrives. */
class EventStream {
  readonly events: { event?: string; data: string; id?: string; retry?: string }[] = [];
  ended = false;
  readonly response: Response;
  readonly #abort: AbortController;

  private constructor(response: Response, abort: AbortController) {
    this.response = response;
    this.#abort = abort;
    void this.#read();
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    return new EventStream(response, abort);
  }

  async #read(): Promise<void> {
    const reader = this.response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          this.#parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
  }

  #parse(block: string): void {
    const event: { event?: string; data: string; id?: string; retry?: string } = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(': ');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 2);
      if (field === 'data') data.push(value);
      else if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'retry') event.retry = value;
    }
    event.data = data.join('\n');
    this.events.push(event);
  }

  named(name: string): { event?: string; data: string; id?: string }[] {
    return this.events.filter((event) => event.event === name);
  }

  close(): void {
    this.#abort.abort();
  }
}

describe('server-sent events', () => {
  it('toSseConnection sends the event-stream headers, retry and pode.open, and keeps the stream open', async () => {
    const opened: SseConnection[] = [];
    const server = await serve((s) => {
      s.addRoute('GET', '/events', (e) => {
        opened.push(e.toSseConnection({ name: 'news', group: 'g1', retry: 3000 }));
      });
    });
    const stream = await EventStream.open(`${server.url}/events`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect(stream.response.headers.get('x-pode-sse-name')).toBe('news');
    expect(stream.response.headers.get('x-pode-sse-group')).toBe('g1');
    await waitFor(() => stream.events.length >= 2, 'retry and pode.open');
    expect(stream.events[0].retry).toBe('3000');
    expect(stream.events[1].event).toBe('pode.open');
    const open = JSON.parse(stream.events[1].data);
    expect(open).toEqual({ clientId: opened[0].clientId, group: 'g1', name: 'news' });
    expect(stream.response.headers.get('x-pode-sse-client-id')).toBe(opened[0].clientId);
    expect(sseConnectionCount('news')).toBe(1);
    stream.close();
    await waitFor(() => sseConnectionCount('news') === 0, 'the server to forget the stream');
  });

  it('sendSseEvent reaches a name, a group or one client, with event and id fields and JSON data', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/events/:group', (e) => {
        e.toSseConnection({ name: 'feed', group: e.parameters.group });
      });
      s.addRoute('POST', '/send', (e) => {
        sendSseEvent(e.data as unknown as SendSseEventOptions);
        e.setStatus(204);
      });
    });
    const a = await EventStream.open(`${server.url}/events/a`);
    const b = await EventStream.open(`${server.url}/events/b`);
    await waitFor(() => a.named('pode.open').length + b.named('pode.open').length === 2, 'opens');
    const bId = JSON.parse(b.named('pode.open')[0].data).clientId as string;
    const post = (body: unknown) =>
      fetch(`${server.url}/send`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    await post({ name: 'feed', data: { n: 1 }, event: 'tick', id: '1' });
    await post({ name: 'feed', group: 'a', data: 'only a', event: 'tick' });
    await post({ name: 'feed', clientId: bId, data: 'line one\nline two', event: 'tick' });
    await waitFor(() => a.named('tick').length === 2 && b.named('tick').length === 2, 'ticks');
    expect(a.named('tick')).toEqual([
      { event: 'tick', id: '1', data: '{"n":1}' },
      { event: 'tick', data: 'only a' },
    ]);
    expect(b.named('tick').map((event) => event.data)).toEqual(['{"n":1}', 'line one\nline two']);
    a.close();
    b.close();
  });

  it('a reconnecting browser’s Last-Event-ID is on the connection', async () => {
    const seen: (string | undefined)[] = [];
    const server = await serve((s) => {
      s.addRoute('GET', '/events', (e) => {
        seen.push(e.toSseConnection({ name: 'resume' }).lastEventId);
        sendSseEvent({ fromEvent: true, data: `after ${e.sse?.lastEventId ?? 'nothing'}` });
      });
    });
    const stream = await EventStream.open(`${server.url}/events`, { 'last-event-id': '42' });
    await waitFor(() => stream.events.some((event) => event.data === 'after 42'), 'the resume');
    expect(seen).toEqual(['42']);
    stream.close();
  });

  it('a request that does not accept text/event-stream gets 406; force converts it anyway', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/strict', (e) => {
        e.toSseConnection({ name: 'x' });
      });
      s.addRoute('GET', '/forced', (e) => {
        e.toSseConnection({ name: 'x', force: true, scope: 'local' });
        sendSseEvent({ fromEvent: true, data: 'once' });
      });
    });
    expect((await fetch(`${server.url}/strict`)).status).toBe(406);
    const forced = await fetch(`${server.url}/forced`);
    expect(forced.status).toBe(200);
    // A local connection ends with the route: the whole stream can be read to its end.
    const text = await forced.text();
    expect(text).toContain('event: pode.open');
    expect(text).toContain('data: once');
    expect(text.trimEnd().endsWith('event: pode.close\ndata:')).toBe(true);
  });

  it('heartbeats keep an idle stream alive', async () => {
    const server = await serve((s) => {
      s.setRealtimeOptions({ sseHeartbeat: 100 });
      s.addRoute('GET', '/idle', (e) => {
        e.toSseConnection({ name: 'idle' });
      });
    });
    const stream = await EventStream.open(`${server.url}/idle`);
    await waitFor(() => stream.named('pode.ping').length >= 2, 'two heartbeats');
    stream.close();
  });

  it('a broadcast level refuses a send that names too little; closeSseConnection ends the streams with pode.close', async () => {
    const server = await serve((s) => {
      s.setSseBroadcastLevel({ name: 'private', type: 'clientId' });
      s.addRoute('GET', '/events', (e) => {
        e.toSseConnection({ name: 'private' });
      });
      s.addRoute('POST', '/broadcast', (e) => {
        sendSseEvent({ name: 'private', data: 'to everyone' });
        e.setStatus(204);
      });
      s.addRoute('POST', '/close', (e) => {
        closeSseConnection({ name: 'private' });
        e.setStatus(204);
      });
    });
    const stream = await EventStream.open(`${server.url}/events`);
    await waitFor(() => stream.named('pode.open').length === 1, 'the open event');
    expect((await fetch(`${server.url}/broadcast`, { method: 'POST' })).status).toBe(500);
    expect((await fetch(`${server.url}/close`, { method: 'POST' })).status).toBe(204);
    await waitFor(() => stream.ended, 'the stream to end');
    expect(stream.named('pode.close')).toHaveLength(1);
    expect(stream.events.some((event) => event.data === 'to everyone')).toBe(false);
  });

  it('a client that never reads is dropped once its buffer passes maxBufferedBytes', async () => {
    const server = await serve((s) => {
      s.setRealtimeOptions({ maxBufferedBytes: 1024 * 1024, sseHeartbeat: 0 });
      s.addRoute('GET', '/events', (e) => {
        e.toSseConnection({ name: 'firehose' });
      });
    });
    const { port } = new URL(server.url);
    const stuck = connect(Number(port), '127.0.0.1');
    stuck.write('GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
    await waitFor(() => sseConnectionCount('firehose') === 1, 'the stuck client');
    stuck.pause();
    const reader = await EventStream.open(`${server.url}/events`);
    await waitFor(() => sseConnectionCount('firehose') === 2, 'the reader');
    const chunk = 'y'.repeat(32 * 1024);
    const before = process.memoryUsage().rss;
    // Up to 100 MB offered, a little at a time so that a client that reads keeps up.
    for (let i = 0; i < 3200 && sseConnectionCount('firehose') === 2; i++) {
      sendSseEvent({ name: 'firehose', data: chunk });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await waitFor(() => sseConnectionCount('firehose') === 1, 'the stuck client to be dropped');
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    expect(reader.ended).toBe(false);
    reader.close();
    stuck.destroy();
  });
});

describe('SSE connection events (registerSseEvent)', () => {
  it('fire connect and disconnect once per connection, for each name of a list, local ones included', async () => {
    const fired: string[] = [];
    const server = await serve((s) => {
      s.registerSseEvent(
        ['Test', 'Data'],
        'connect',
        (e) => {
          fired.push(`connect:${e.name}:${e.connection.group ?? ''}`);
        },
        { eventName: 'Connected' },
      );
      s.registerSseEvent(['Test', 'Data'], 'Disconnect' as 'disconnect', (e) => {
        fired.push(`disconnect:${e.name}`);
      });
      s.addRoute('GET', '/sse', (e) => {
        e.toSseConnection({ name: 'Test', group: 'g' });
      });
      s.addRoute('GET', '/data', (e) => {
        e.toSseConnection({ name: 'Data', scope: 'local' });
        sendSseEvent({ data: 'hello', fromEvent: true });
      });
      s.addRoute('GET', '/other', (e) => {
        e.toSseConnection({ name: 'Other' });
      });
    });
    const test = await EventStream.open(`${server.url}/sse`);
    const other = await EventStream.open(`${server.url}/other`);
    const data = await EventStream.open(`${server.url}/data`);
    await waitFor(() => data.ended, 'the local stream to end with its route');
    await waitFor(() => fired.length === 3, 'three events');
    test.close();
    await waitFor(() => fired.length === 4, 'the disconnect of Test');
    expect(fired.sort()).toEqual(
      ['connect:Test:g', 'connect:Data:', 'disconnect:Data', 'disconnect:Test'].sort(),
    );
    other.close();
  });

  it('bad registrations are set-up errors', async () => {
    await expect(
      serve((s) => {
        s.registerSseEvent('Test', 'open' as 'connect', () => {});
      }),
    ).rejects.toThrow(/SSE event type must be 'connect' or 'disconnect'/);
    await expect(
      serve((s) => {
        s.registerSseEvent([], 'connect', () => {});
      }),
    ).rejects.toThrow(/registerSseEvent needs the connection name/);
    await expect(
      serve((s) => {
        s.registerSseEvent('Test', 'connect', () => {}, { eventName: 'x' });
        s.registerSseEvent(['Other', 'test'], 'connect', () => {}, { eventName: 'x' });
      }),
    ).rejects.toThrow(/connect event already registered for SSE connection test: x/);
  });
});
