/** Shared state and locks in one process: Pode's filters, atomic save, restore, re-entrant locks. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  getState,
  getStateNames,
  lockObject,
  newLockable,
  newSemaphore,
  removeState,
  restoreState,
  saveState,
  setState,
  testState,
  useMutex,
  useSemaphore,
} from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pode-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  await restoreState(join(dir, 'empty.json')).catch(() => {});
  for (const name of await getStateNames()) await removeState(name);
});

describe('state', () => {
  it('set, get, test and remove; in one process the value is the live object', async () => {
    const hash = { views: 0 };
    expect(await setState('hash', hash)).toBe(hash);
    (await getState<{ views: number }>('hash'))!.views++;
    expect(hash.views).toBe(1);
    expect(await testState('hash')).toBe(true);
    expect(await removeState('hash')).toBe(hash);
    expect(await testState('hash')).toBe(false);
    expect(await getState('hash')).toBeNull();
  });

  it("names are filtered by scope, include, exclude and pattern, as Pode's", async () => {
    await setState('users', [], { scope: ['Auth'] });
    await setState('tokens', [], { scope: ['auth', 'Cache'] });
    await setState('hits', 0, { scope: ['cache'] });
    await setState('misc', 1);
    expect((await getStateNames()).sort()).toEqual(['hits', 'misc', 'tokens', 'users']);
    expect((await getStateNames({ scope: ['AUTH'] })).sort()).toEqual(['tokens', 'users']);
    expect((await getStateNames({ scope: ['cache'], exclude: ['HITS'] })).sort()).toEqual([
      'tokens',
    ]);
    expect(await getStateNames({ include: ['misc', 'nope'] })).toEqual(['misc']);
    expect((await getStateNames({ pattern: '^[hm]' })).sort()).toEqual(['hits', 'misc']);
  });

  it('save writes JSON Pode can read, atomically; restore replaces, or merges', async () => {
    const file = join(dir, 'state.json');
    await setState('count', 5, { scope: ['keep'] });
    await setState('list', ['a', 'b']);
    await setState('secret', 'x');
    await saveState(file, { exclude: ['secret'] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      count: { Value: 5, Scope: ['keep'] },
      list: { Value: ['a', 'b'], Scope: [] },
    });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await setState('count', 99);
    await restoreState(file, { merge: true });
    expect(await getState('count')).toBe(5);
    expect(await getState('secret')).toBe('x');
    await restoreState(file);
    expect(await testState('secret')).toBe(false);
    expect(await getStateNames({ scope: ['keep'] })).toEqual(['count']);
  });

  it('a failed save leaves the previous file whole and no temporary file behind', async () => {
    const file = join(dir, 'whole.json');
    await setState('a', 1);
    await saveState(file);
    const before = readFileSync(file, 'utf8');
    await setState('bad', 10n);
    await expect(saveState(file)).rejects.toThrow(/BigInt/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it("restore reads Pode's version-2 wrapper and bare values; a missing file does nothing; bad JSON throws", async () => {
    const file = join(dir, 'v2.json');
    writeFileSync(
      file,
      JSON.stringify({
        __pode_state_metadata__: { Version: 2 },
        __pode_state_data__: { a: { Value: 1, Scope: ['s'] }, b: 'plain' },
      }),
    );
    await restoreState(file);
    expect(await getState('a')).toBe(1);
    expect(await getState('b')).toBe('plain');
    await restoreState(join(dir, 'missing.json'));
    expect(await getState('a')).toBe(1);
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    await expect(restoreState(join(dir, 'bad.json'))).rejects.toMatchObject({
      code: 'PODE_ERR_STATE',
    });
  });

  it('bad names and options are refused', async () => {
    await expect(setState('', 1)).rejects.toMatchObject({ code: 'PODE_ERR_STATE' });
    await expect(getState(42 as never)).rejects.toMatchObject({ code: 'PODE_ERR_STATE' });
    await expect(setState('x', 1, { scopes: ['a'] } as never)).rejects.toThrow(
      /Did you mean 'scope'/,
    );
    await expect(getStateNames({ scope: [1] } as never)).rejects.toThrow(/array of strings/);
  });
});

describe('locks', () => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

  async function race(lock: (fn: () => Promise<void>) => Promise<void>): Promise<number> {
    let counter = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        lock(async () => {
          const read = counter;
          await pause();
          counter = read + 1;
        }),
      ),
    );
    return counter;
  }

  it('lockObject (global, a lockable, any object) and useMutex make read-modify-write safe', async () => {
    expect(await race((fn) => lockObject(fn))).toBe(50);
    expect(await race((fn) => lockObject(newLockable('things'), fn))).toBe(50);
    expect(await race((fn) => lockObject({}, fn).then(() => {}))).toBeLessThan(50); // a new object each: no exclusion
    const shared = {};
    expect(await race((fn) => lockObject(shared, fn))).toBe(50);
    expect(await race((fn) => useMutex('m', fn))).toBe(50);
  });

  it('locks are re-entrant: a holder asking again runs at once', async () => {
    const result = await lockObject(async () => {
      await pause();
      return lockObject(() => useMutex('inner', () => useMutex('inner', () => 'nested')));
    });
    expect(result).toBe('nested');
  });

  it('useSemaphore lets at most count holders in', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        useSemaphore('pool', 3, async () => {
          inside++;
          most = Math.max(most, inside);
          await pause();
          inside--;
        }),
      ),
    );
    expect(most).toBe(3);
    await expect(useSemaphore('pool', 4, () => 1)).rejects.toThrow(/count of 3/);
    await expect(useSemaphore('pool2', 0, () => 1)).rejects.toThrow(/1 or more/);
    newSemaphore('declared', 2);
    expect(() => newSemaphore('declared', 5)).toThrow(/count of 2/);
    let inDeclared = 0;
    let mostDeclared = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        useSemaphore('declared', async () => {
          inDeclared++;
          mostDeclared = Math.max(mostDeclared, inDeclared);
          await pause();
          inDeclared--;
        }),
      ),
    );
    expect(mostDeclared).toBe(2);
  });

  it('the lock is released when the function throws', async () => {
    await expect(useMutex('thrower', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(useMutex('thrower', () => 'free')).resolves.toBe('free');
    await expect(lockObject(null as never, () => 1)).rejects.toMatchObject({
      code: 'PODE_ERR_LOCK',
    });
  });
});
