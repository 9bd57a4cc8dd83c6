import { describe, expect, it } from 'vitest';
import {
  getSessionExpiry,
  type ServerBuilder,
  type SessionOptions,
  signValue,
} from '../../src/index.js';
import { Client, parseSetCookie, serve, sleep } from '../helpers.js';
import { sessionCookie, TestStore } from './fixtures.js';

interface Answer {
  id: string;
  isNew: boolean;
  expiry: number;
  views: number;
}

/** `/` counts views and answers the id, whether it is new and its expiry (ms). */
function counter(options: SessionOptions) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware(options);
    s.addRoute('GET', '/', (e) => {
      const views = ((e.session.data.views as number | undefined) ?? 0) + 1;
      e.session.data.views = views;
      e.writeJson({
        id: e.session.id,
        isNew: e.session.isNew,
        expiry: getSessionExpiry().getTime(),
        views,
      });
    });
    s.addRoute('GET', '/peek', (e) =>
      e.writeJson({
        id: e.session.id,
        isNew: e.session.isNew,
        expiry: e.session.expiry.getTime(),
        views: e.session.data.views ?? 0,
      }),
    );
  };
}

const HOUR = 60 * 60 * 1000;

describe('duration', () => {
  it('ends the session duration seconds after it was created, changes or not (no extend)', async () => {
    const server = await serve(counter({ duration: 1.5 }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    expect(first.expiry - Date.now()).toBeGreaterThan(1_000);
    expect(first.expiry - Date.now()).toBeLessThanOrEqual(1_500);
    await sleep(800);
    const second = await client.json<Answer>('/');
    expect(second).toMatchObject({ id: first.id, views: 2, expiry: first.expiry });
    await sleep(900);
    // the client still sends the cookie; the server says it is over
    const third = await client.fetch('/', {
      headers: { cookie: `pode.sid=${client.jar.get('pode.sid')}` },
    });
    const answer = (await third.json()) as Answer;
    expect(answer).toMatchObject({ isNew: true, views: 1 });
    expect(answer.id).not.toBe(first.id);
  });

  it('is checked by the framework on load: a store that never expires records still gives a new session', async () => {
    const storage = new TestStore();
    const server = await serve(counter({ duration: 1, secret: 'key', storage }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    const stored = storage.record(first.id)!;
    expect(Date.parse(stored.metadata.expires)).toBe(first.expiry);
    expect(storage.records.get(first.id)!.expiry.getTime()).toBe(first.expiry);
    await sleep(1_150);
    const response = await fetch(server.url, {
      headers: { cookie: `pode.sid=${signValue(first.id, 'key')}` },
    });
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ isNew: true, views: 1 });
    expect(storage.records.has(first.id)).toBe(false);
  });
});

describe('extend', () => {
  it('slides the expiry to now + duration on every request, re-sending the cookie', async () => {
    const server = await serve(counter({ duration: 1, extend: true }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    let last = first;
    for (let i = 0; i < 3; i++) {
      await sleep(550);
      const response = await client.fetch('/peek');
      const answer = (await response.json()) as Answer;
      expect(answer.id).toBe(first.id);
      expect(answer.views).toBe(1);
      // the extended expiry is already visible during the request
      expect(answer.expiry).toBeGreaterThan(last.expiry);
      const cookie = parseSetCookie(sessionCookie(response)!);
      expect(cookie.attributes['max-age']).toBe('1');
      last = answer;
    }
    // 1.65 s after creation: alive only because it was extended
    await sleep(1_150);
    expect(await client.json<Answer>('/')).toMatchObject({ isNew: true, views: 1 });
  });

  it('stops at absoluteDuration since creation, whatever extend does', async () => {
    const server = await serve(counter({ duration: 1, extend: true, absoluteDuration: 1.6 }));
    const client = new Client(server.url);
    const started = Date.now();
    const first = await client.json<Answer>('/');
    expect(first.expiry - started).toBeLessThanOrEqual(1_000 + 50);
    await sleep(700);
    const second = await client.fetch('/peek');
    expect(((await second.json()) as Answer).id).toBe(first.id);
    await sleep(700);
    const cookie = client.cookieHeader();
    const third = await client.fetch('/peek');
    const thirdAnswer = (await third.json()) as Answer;
    expect(thirdAnswer.id).toBe(first.id);
    // capped: the session lasts only until the absolute end, not a full duration from now
    expect(thirdAnswer.expiry).toBeLessThanOrEqual(first.expiry - 1_000 + 1_600 + 50);
    await sleep(400);
    const fourth = await client.fetch('/peek', { headers: { cookie } });
    const answer = (await fourth.json()) as Answer;
    expect(answer.isNew).toBe(true);
    expect(answer.id).not.toBe(first.id);
  });
});

describe('absoluteDuration and the cookie', () => {
  it('caps Max-Age at the time left before the absolute end', async () => {
    const server = await serve(counter({ duration: 100, extend: true, absoluteDuration: 5 }));
    const client = new Client(server.url);
    const first = await client.fetch('/');
    expect(parseSetCookie(sessionCookie(first)!).attributes['max-age']).toBe('5');
    const second = await client.fetch('/peek');
    expect(
      Number(parseSetCookie(sessionCookie(second)!).attributes['max-age']),
    ).toBeLessThanOrEqual(5);
  });
});

describe('duration 0', () => {
  it('sends a browser-session cookie and keeps the record 24 h from the last save', async () => {
    const storage = new TestStore();
    const server = await serve(counter({ duration: 0, secret: 'key', storage }));
    const client = new Client(server.url);
    const response = await client.fetch('/');
    const first = (await response.json()) as Answer;
    const cookie = parseSetCookie(sessionCookie(response)!);
    expect(cookie.attributes).not.toHaveProperty('max-age');
    expect(cookie.attributes).not.toHaveProperty('expires');
    expect(Math.abs(first.expiry - (Date.now() + 24 * HOUR))).toBeLessThan(2_000);
    const stored = storage.records.get(first.id)!;
    expect(Math.abs(stored.expiry.getTime() - (Date.now() + 24 * HOUR))).toBeLessThan(2_000);
    expect(Date.parse(storage.record(first.id)!.metadata.expires)).toBe(stored.expiry.getTime());

    await sleep(30);
    const second = await client.json<Answer>('/');
    expect(second.id).toBe(first.id);
    // saved again: 24 h from this save
    expect(storage.records.get(first.id)!.expiry.getTime()).toBeGreaterThan(
      stored.expiry.getTime(),
    );
  });

  it('with absoluteDuration ends the session at the absolute limit', async () => {
    const server = await serve(counter({ absoluteDuration: 1 }));
    const client = new Client(server.url);
    const first = await client.json<Answer>('/');
    expect(first.expiry - Date.now()).toBeLessThanOrEqual(1_000);
    await sleep(1_100);
    expect(await client.json<Answer>('/')).toMatchObject({ isNew: true, views: 1 });
  });
});
