import { describe, expect, it } from 'vitest';
import type {
  ServerBuilder,
  SessionChange,
  SessionOptions,
  SessionRecord,
  SessionStore,
} from '../../src/index.js';
import { Client, serve } from '../helpers.js';
import { addSessionRoutes, TestStore } from './fixtures.js';

interface Answer {
  id: string;
  isNew: boolean;
  data: Record<string, unknown>;
}

function app(options: SessionOptions) {
  return (s: ServerBuilder) => {
    s.enableSessionMiddleware({ secret: 'key', ...options });
    const show = (e: Parameters<Parameters<ServerBuilder['addEndware']>[0]>[0]) =>
      e.writeJson({ id: e.session.id, isNew: e.session.isNew, data: e.session.data });
    s.addRoute('GET', '/', show);
    addSessionRoutes(s, show);
  };
}

/** Runs a whole session life over a store: create, resume, change, regenerate, remove. */
async function lifeCycle(storage: SessionStore & { records: Map<string, unknown> }, url: string) {
  const client = new Client(url);
  const first = await client.json<Answer>('/set?step=1');
  expect(first.isNew).toBe(true);
  expect(storage.records.has(first.id)).toBe(true);
  expect(await client.json<Answer>('/set?step=2')).toEqual({
    id: first.id,
    isNew: false,
    data: { step: '2' },
  });
  const regenerated = await client.json<Answer>('/regenerate');
  expect(regenerated.id).not.toBe(first.id);
  expect(storage.records.has(first.id)).toBe(false);
  expect(await client.json<Answer>('/')).toEqual({
    id: regenerated.id,
    isNew: false,
    data: { step: '2' },
  });
  await client.fetch('/remove');
  expect(storage.records.size).toBe(0);
  expect((await client.json<Answer>('/')).isNew).toBe(true);
}

describe('custom stores', () => {
  it('a synchronous store works through a whole session life', async () => {
    const storage = new TestStore();
    const server = await serve(app({ storage }));
    await lifeCycle(storage, server.url);
  });

  it('an asynchronous store works through a whole session life', async () => {
    const storage = new TestStore({ async: true, delayMs: 5 });
    const server = await serve(app({ storage }));
    await lifeCycle(storage, server.url);
  });

  it('a plain object literal of functions is a store', async () => {
    const records = new Map<string, SessionRecord>();
    const storage = {
      records,
      get: async (id: string) => records.get(id) ?? null,
      set: async (id: string, record: SessionRecord) => void records.set(id, record),
      delete: (id: string) => records.delete(id),
    };
    const server = await serve(app({ storage }));
    await lifeCycle(storage, server.url);
  });

  it('receives the versioned record with ISO-8601 dates, and the expiry as a Date', async () => {
    const storage = new TestStore();
    let expiryArgument: unknown;
    const spy: SessionStore = {
      get: (id) => storage.get(id),
      set: (id, record, expiry) => {
        expiryArgument = expiry;
        return storage.set(id, record, expiry);
      },
      delete: (id) => storage.delete(id),
    };
    const server = await serve(app({ storage: spy, duration: 120 }));
    const before = Date.now();
    const { id } = await new Client(server.url).json<Answer>('/set?a=1');
    const record = storage.record(id)!;
    expect(Object.keys(record).sort()).toEqual(['data', 'metadata', 'version']);
    expect(record.version).toBe(1);
    expect(record.data).toEqual({ a: '1' });
    expect(record.metadata.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(record.metadata.created)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(record.metadata.expires) - Date.parse(record.metadata.created)).toBe(120_000);
    expect(expiryArgument).toBeInstanceOf(Date);
    expect((expiryArgument as Date).toISOString()).toBe(record.metadata.expires);
  });

  it('uses a store’s update() for changes to stored sessions instead of get + set', async () => {
    const storage = new TestStore();
    const updates: { id: string; change: SessionChange }[] = [];
    const atomic: SessionStore = {
      get: (id) => storage.get(id),
      set: (id, record, expiry) => storage.set(id, record, expiry),
      delete: (id) => storage.delete(id),
      update: (id, change, metadata, expiry) => {
        updates.push({ id, change });
        const current = storage.record(id);
        if (current === undefined) return false;
        for (const key of change.unset) delete current.data[key];
        Object.assign(current.data, change.set);
        storage.set(id, { version: 1, metadata, data: current.data }, expiry);
        return true;
      },
    };
    const server = await serve(app({ storage: atomic }));
    const client = new Client(server.url);
    const { id } = await client.json<Answer>('/set?a=1&b=2');
    storage.resetCounts();
    await client.fetch('/set?b=3&c=4');
    expect(updates).toEqual([{ id, change: { set: { b: '3', c: '4' }, unset: [] } }]);
    expect(storage.history).toEqual([`get ${id}`, `set ${id}`]); // the load, and the update's own write
    expect(storage.record(id)?.data).toEqual({ a: '1', b: '3', c: '4' });
  });
});

describe('the default memory store', () => {
  it('keeps no reference to objects the request holds: later changes to them are not saved', async () => {
    const held: { list?: string[] } = {};
    const server = await serve((s) => {
      s.enableSessionMiddleware();
      s.addRoute('GET', '/keep', (e) => {
        held.list = ['a'];
        e.session.data.list = held.list;
        e.writeText('kept');
      });
      s.addRoute('GET', '/read', (e) => {
        const list = e.session.data.list as string[];
        list.push('changed-in-read'); // a change that is saved with this request...
        e.writeJson(e.session.data.list);
      });
      s.addRoute('GET', '/', (e) => e.writeJson(e.session.data.list));
    });
    const client = new Client(server.url);
    await client.fetch('/keep');
    held.list!.push('changed-after');
    expect(await client.json('/')).toEqual(['a']);
    expect(await client.json('/read')).toEqual(['a', 'changed-in-read']);
    expect(await client.json('/')).toEqual(['a', 'changed-in-read']);
  });

  it('is used when no storage is given, and needs no secret', async () => {
    const server = await serve(app({ secret: undefined }));
    const client = new Client(server.url);
    await client.fetch('/set?x=1');
    expect(await client.json<Answer>('/')).toMatchObject({ isNew: false, data: { x: '1' } });
  });
});
