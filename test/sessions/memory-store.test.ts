import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type SessionRecord } from '../../src/index.js';
import { sleep } from '../helpers.js';

const stores: MemoryStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function makeStore(options?: ConstructorParameters<typeof MemoryStore>[0]): MemoryStore {
  const store = new MemoryStore(options);
  stores.push(store);
  return store;
}

function record(data: Record<string, unknown>, expires: Date): SessionRecord {
  return {
    version: 1,
    metadata: { created: new Date().toISOString(), expires: expires.toISOString() },
    data,
  };
}

const inMs = (ms: number) => new Date(Date.now() + ms);

describe('MemoryStore', () => {
  it('gives back what was set, and null for an unknown id', () => {
    const store = makeStore();
    const expiry = inMs(60_000);
    const written = record({ views: 1 }, expiry);
    store.set('a', written, expiry);
    expect(store.get('a')).toEqual(written);
    expect(store.get('b')).toBeNull();
    expect(store.size).toBe(1);
  });

  it('clones on write: changing the record after set does not change the store', () => {
    const store = makeStore();
    const expiry = inMs(60_000);
    const written = record({ list: [1, 2], nested: { a: 1 } }, expiry);
    store.set('a', written, expiry);
    (written.data.list as number[]).push(3);
    (written.data.nested as { a: number }).a = 2;
    written.data.extra = true;
    expect(store.get('a')?.data).toEqual({ list: [1, 2], nested: { a: 1 } });
  });

  it('clones on read: changing a record read does not change the store, nor the next read', () => {
    const store = makeStore();
    const expiry = inMs(60_000);
    store.set('a', record({ list: [1] }, expiry), expiry);
    const read = store.get('a')!;
    (read.data.list as number[]).push(2);
    read.data.added = 'x';
    const again = store.get('a')!;
    expect(again.data).toEqual({ list: [1] });
    expect(again).not.toBe(read);
    expect(Object.isFrozen(again.data)).toBe(false);
  });

  it('does not give back an expired record, and forgets it', async () => {
    const store = makeStore();
    store.set('a', record({}, inMs(30)), inMs(30));
    expect(store.get('a')).not.toBeNull();
    await sleep(50);
    expect(store.get('a')).toBeNull();
    expect(store.size).toBe(0);
  });

  it('deletes a record, and deleting an unknown id is fine', () => {
    const store = makeStore();
    store.set('a', record({}, inMs(60_000)), inMs(60_000));
    store.delete('a');
    store.delete('never');
    expect(store.get('a')).toBeNull();
    expect(store.size).toBe(0);
  });

  it('sweeps expired records on its timer, without any read', async () => {
    const store = makeStore({ sweepIntervalMs: 20 });
    store.set('short', record({}, inMs(10)), inMs(10));
    store.set('long', record({}, inMs(60_000)), inMs(60_000));
    expect(store.size).toBe(2);
    const deadline = Date.now() + 2_000;
    while (store.size > 1 && Date.now() < deadline) await sleep(20);
    expect(store.size).toBe(1);
    expect(store.get('long')).not.toBeNull();
  });

  it('sweep() removes only expired records and says how many', () => {
    const store = makeStore();
    const now = Date.now();
    store.set('a', record({}, new Date(now + 100)), new Date(now + 100));
    store.set('b', record({}, new Date(now + 300)), new Date(now + 300));
    store.set('c', record({}, new Date(now + 200)), new Date(now + 200));
    expect(store.sweep(now + 250)).toBe(2);
    expect(store.size).toBe(1);
    expect(store.sweep(now + 250)).toBe(0);
    expect(store.sweep(now + 1_000)).toBe(1);
  });

  it('sweeps by the latest expiry of a record whose expiry moved', () => {
    const store = makeStore();
    const now = Date.now();
    store.set('a', record({}, new Date(now + 100)), new Date(now + 100));
    store.set('a', record({ moved: true }, new Date(now + 500)), new Date(now + 500));
    expect(store.sweep(now + 200)).toBe(0);
    expect(store.get('a')?.data).toEqual({ moved: true });
    expect(store.sweep(now + 600)).toBe(1);
  });

  it('uses an unref’d timer: a process holding a store exits by itself', () => {
    const built = resolve('dist/index.js');
    expect(existsSync(built)).toBe(true);
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { MemoryStore } = await import(${JSON.stringify(`file://${built}`)});
         const store = new MemoryStore({ sweepIntervalMs: 50 });
         const expiry = new Date(Date.now() + 60000);
         store.set('a', { version: 1, metadata: { created: '', expires: expiry.toISOString() }, data: {} }, expiry);
         console.log('alive', store.size);`,
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(child.stdout.trim()).toBe('alive 1');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('caps the number of records at maxSessions, evicting the soonest-expiring', () => {
    const store = makeStore({ maxSessions: 3 });
    const now = Date.now();
    const put = (id: string, ms: number) =>
      store.set(id, record({ id }, new Date(now + ms)), new Date(now + ms));
    put('late', 50_000);
    put('soonest', 10_000);
    put('middle', 30_000);
    put('latest', 60_000);
    expect(store.size).toBe(3);
    expect(store.get('soonest')).toBeNull();
    // a newcomer that expires sooner than every record kept is the one evicted
    put('early', 20_000);
    expect(store.get('early')).toBeNull();
    expect(store.get('middle')).not.toBeNull();
    put('later', 40_000);
    expect(store.get('middle')).toBeNull();
    expect(store.get('later')).not.toBeNull();
    expect(store.get('late')).not.toBeNull();
    expect(store.get('latest')).not.toBeNull();
  });

  it('evicts by the current expiry of a record whose expiry moved', () => {
    const store = makeStore({ maxSessions: 2 });
    const now = Date.now();
    const put = (id: string, ms: number) =>
      store.set(id, record({}, new Date(now + ms)), new Date(now + ms));
    put('a', 10_000);
    put('b', 20_000);
    put('a', 90_000); // a is now the latest
    put('c', 30_000);
    expect(store.get('b')).toBeNull();
    expect(store.get('a')).not.toBeNull();
    expect(store.get('c')).not.toBeNull();
  });

  it('stays bounded under a flood of new records', () => {
    const store = makeStore({ maxSessions: 100 });
    const now = Date.now();
    for (let i = 0; i < 5_000; i++) {
      const expiry = new Date(now + 60_000 + (i % 7) * 1_000);
      store.set(`id${i}`, record({ i }, expiry), expiry);
    }
    expect(store.size).toBe(100);
  });

  it('applies a change with update(), and refuses a record that is gone', () => {
    const store = makeStore();
    const expiry = inMs(60_000);
    store.set('a', record({ keep: 1, drop: 2, change: 3 }, expiry), expiry);
    const later = inMs(120_000);
    const metadata = { created: 'c', expires: later.toISOString() };
    const applied = store.update(
      'a',
      { set: { change: { deep: [1] }, added: 'x' }, unset: ['drop'] },
      metadata,
      later,
    );
    expect(applied).toBe(true);
    expect(store.get('a')).toEqual({
      version: 1,
      metadata,
      data: { keep: 1, change: { deep: [1] }, added: 'x' },
    });
    expect(store.update('gone', { set: { a: 1 }, unset: [] }, metadata, later)).toBe(false);
    expect(store.get('gone')).toBeNull();
  });

  it('clones the values of an update', () => {
    const store = makeStore();
    const expiry = inMs(60_000);
    store.set('a', record({}, expiry), expiry);
    const value = { list: [1] };
    store.update('a', { set: { value }, unset: [] }, record({}, expiry).metadata, expiry);
    value.list.push(2);
    expect(store.get('a')?.data).toEqual({ value: { list: [1] } });
  });

  it('drops every record on close', () => {
    const store = makeStore();
    store.set('a', record({}, inMs(60_000)), inMs(60_000));
    store.close();
    expect(store.size).toBe(0);
    expect(store.get('a')).toBeNull();
  });

  it('refuses a maxSessions that is not a whole number of 1 or more', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new MemoryStore({ maxSessions: bad })).toThrow(/maxSessions/);
    }
  });
});
