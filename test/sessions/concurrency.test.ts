import { describe, expect, it } from 'vitest';
import type { ServerBuilder, SessionOptions } from '../../src/index.js';
import { Client, serve, sleep } from '../helpers.js';
import { addSessionRoutes, cookieId, sessionCookie } from './fixtures.js';

interface Answer {
  id: string;
  isNew: boolean;
  data: Record<string, unknown>;
}

/** A point a request reaches (`arrived`) and waits at until the test opens it. */
class Gate {
  readonly arrived: Promise<void>;
  readonly #opened: Promise<void>;
  #arrive!: () => void;
  #open!: () => void;

  constructor() {
    this.arrived = new Promise((resolve) => {
      this.#arrive = resolve;
    });
    this.#opened = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  /** Called by the route: says it has arrived, then waits for the test. */
  pass(): Promise<void> {
    this.#arrive();
    return this.#opened;
  }

  open(): void {
    this.#open();
  }
}

/**
 * Over the default memory store: `/slow?key=k&value=v&wait=ms` loads the session, waits, then
 * sets the key; `/gated?key=k&value=v` waits at `gate` instead; `/remove` and `/regenerate` act
 * at once.
 */
function app(options: SessionOptions = {}, gates: Record<string, Gate> = {}) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ duration: 60, ...options });
    const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
      e.writeJson({ id: e.session.id, isNew: e.session.isNew, data: e.session.data });
    s.addRoute('GET', '/', show);
    s.addRoute('GET', '/slow', async (e) => {
      const seen = { ...e.session.data }; // the data is read before the wait
      await sleep(Number(e.query.wait ?? 100));
      e.session.data[e.query.key ?? 'key'] = e.query.value ?? 'value';
      e.writeJson({ seen, id: e.session.id });
    });
    s.addRoute('GET', '/gated', async (e) => {
      const key = e.query.key ?? 'key';
      const seen = { ...e.session.data }; // loaded and read before the wait
      await gates[key]?.pass();
      e.session.data[key] = e.query.value ?? 'value';
      e.writeJson({ id: e.session.id, seen });
    });
    addSessionRoutes(s, show);
  };
}

describe('concurrent requests on one session', () => {
  it('two in-flight requests changing different keys both keep their change', async () => {
    const gates = { a: new Gate(), b: new Gate() };
    const server = await serve(app({}, gates));
    const client = new Client(server.url);
    await client.fetch('/set?base=1');
    const first = client.json<{ seen: Record<string, unknown> }>('/gated?key=a&value=A');
    const second = client.json<{ seen: Record<string, unknown> }>('/gated?key=b&value=B');
    await Promise.all([gates.a.arrived, gates.b.arrived]);
    gates.b.open();
    const b = await second;
    gates.a.open();
    const a = await first;
    // both started from the same data
    expect(a.seen).toEqual({ base: '1' });
    expect(b.seen).toEqual({ base: '1' });
    expect((await client.json<Answer>('/')).data).toEqual({ base: '1', a: 'A', b: 'B' });
  });

  it('keeps a key deleted by one request while another changes a different key', async () => {
    const gates = { late: new Gate() };
    const server = await serve((s) => {
      app({}, gates)(s);
      s.addRoute('GET', '/drop', (e) => {
        delete e.session.data.base;
        e.writeText('dropped');
      });
    });
    const client = new Client(server.url);
    await client.fetch('/set?base=1&other=2');
    const slow = client.fetch('/gated?key=late&value=L');
    await gates.late.arrived;
    await client.fetch('/drop');
    gates.late.open();
    await slow;
    expect((await client.json<Answer>('/')).data).toEqual({ other: '2', late: 'L' });
  });

  it('many overlapping requests each adding their own key lose none', async () => {
    const server = await serve(app());
    const client = new Client(server.url);
    await client.fetch('/set?start=0');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.fetch(`/slow?key=k${i}&value=${i}&wait=${20 + ((i * 37) % 80)}`),
      ),
    );
    const { data } = await client.json<Answer>('/');
    expect(Object.keys(data).sort()).toEqual([
      'k0',
      'k1',
      'k2',
      'k3',
      'k4',
      'k5',
      'k6',
      'k7',
      'start',
    ]);
  });

  for (const extend of [false, true]) {
    it(`a request in flight when the session is removed never brings it back${extend ? ' (extend)' : ''}`, async () => {
      const gate = new Gate();
      const server = await serve(app({ extend }, { late: gate }));
      const client = new Client(server.url);
      const { id } = await client.json<Answer>('/set?base=1');
      const cookie = client.cookieHeader();
      const slow = fetch(`${server.url}/gated?key=late&value=L`, { headers: { cookie } });
      await gate.arrived;
      await client.fetch('/remove');
      gate.open();
      const late = await slow;
      expect(late.status).toBe(200);
      expect(sessionCookie(late)).toBeUndefined();
      const replay = await fetch(server.url, { headers: { cookie } });
      const answer = (await replay.json()) as Answer;
      expect(answer.isNew).toBe(true);
      expect(answer.id).not.toBe(id);
      expect(answer.data).toEqual({});
    });

    it(`a request in flight when the session is regenerated never brings the old id back${extend ? ' (extend)' : ''}`, async () => {
      const gate = new Gate();
      const server = await serve(app({ extend }, { late: gate }));
      const client = new Client(server.url);
      const { id } = await client.json<Answer>('/set?base=1');
      const oldCookie = client.cookieHeader();
      const slow = fetch(`${server.url}/gated?key=late&value=L`, {
        headers: { cookie: oldCookie },
      });
      await gate.arrived;
      const regenerated = await client.fetch('/regenerate');
      gate.open();
      const newId = cookieId(regenerated);
      expect(newId).toBeDefined();
      expect(newId).not.toBe(id);
      const late = await slow;
      expect(late.status).toBe(200);
      expect(sessionCookie(late)).toBeUndefined();
      const replay = await fetch(server.url, { headers: { cookie: oldCookie } });
      expect(((await replay.json()) as Answer).isNew).toBe(true);
      // the regenerated session still has its data
      expect(await client.json<Answer>('/')).toMatchObject({
        id: newId,
        isNew: false,
        data: { base: '1' },
      });
    });
  }
});
