/** Pode's cache over HTTP: memory items with TTL, custom storages, the default TTL and storage, bad input. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearCache,
  getCache,
  getCacheDefaultStorage,
  getCacheDefaultTtl,
  getCacheStorage,
  removeCache,
  removeCacheStorage,
  setCache,
  setCacheDefaultStorage,
  testCache,
  testCacheStorage,
} from '../../src/index.js';
import { serve } from '../helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-memory cache', () => {
  it('a value set by one request is read by the next, and a route can test, remove and clear', async () => {
    const server = await serve((s) => {
      s.addRoute('PUT', '/items/:key', async (e) => {
        await setCache(e.parameters.key, e.data);
        e.setStatus(204);
      });
      s.addRoute('GET', '/items/:key', async (e) => {
        e.writeJson({
          exists: await testCache(e.parameters.key),
          value: await getCache(e.parameters.key),
        });
      });
      s.addRoute('DELETE', '/items/:key', async (e) => {
        await removeCache(e.parameters.key);
        e.setStatus(204);
      });
      s.addRoute('DELETE', '/items', async (e) => {
        await clearCache();
        e.setStatus(204);
      });
    });
    const put = (key: string, body: unknown) =>
      fetch(`${server.url}/items/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('a', { n: 1 })).status).toBe(204);
    await put('b', { n: 2 });
    expect(await (await fetch(`${server.url}/items/a`)).json()).toEqual({
      exists: true,
      value: { n: 1 },
    });
    await fetch(`${server.url}/items/a`, { method: 'DELETE' });
    expect(await (await fetch(`${server.url}/items/a`)).json()).toEqual({
      exists: false,
      value: null,
    });
    await fetch(`${server.url}/items`, { method: 'DELETE' });
    expect(await (await fetch(`${server.url}/items/b`)).json()).toEqual({
      exists: false,
      value: null,
    });
  });

  it('an item expires after its TTL; the default TTL is 3600 s unless set', async () => {
    await serve((s) => {
      expect(getCacheDefaultTtl()).toBe(3600);
      s.setCacheDefaultTtl(0); // ignored, as in Pode
      expect(getCacheDefaultTtl()).toBe(3600);
      s.setCacheDefaultTtl(60);
    });
    expect(getCacheDefaultTtl()).toBe(60);
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    await setCache('short', 'x', { ttl: 2 });
    await setCache('default', 'y');
    const meta = await getCache<{ value: string; ttl: number; expiry: Date }>('default', {
      metadata: true,
    });
    expect(meta?.ttl).toBe(60);
    expect(meta?.value).toBe('y');
    vi.advanceTimersByTime(2500);
    expect(await testCache('short')).toBe(false);
    expect(await getCache('short')).toBeNull();
    expect(await getCache('default')).toBe('y');
    vi.advanceTimersByTime(58_000);
    expect(await getCache('default')).toBeNull();
  });

  it('the value is the live object, as in Pode (one process)', async () => {
    await serve(() => {});
    const list = [1];
    await setCache('list', list);
    (await getCache<number[]>('list'))?.push(2);
    expect(list).toEqual([1, 2]);
  });
});

describe('custom cache storages', () => {
  it('a default custom storage receives get, set (with the TTL), test, remove and clear', async () => {
    const calls: string[] = [];
    const data = new Map<string, unknown>();
    const server = await serve((s) => {
      s.setCacheDefaultTtl(30);
      s.addCacheStorage({
        name: 'custom',
        default: true,
        get: async (key, metadata) => {
          calls.push(`get ${key} ${metadata}`);
          return data.get(key);
        },
        set: (key, value, ttl) => {
          calls.push(`set ${key} ${ttl}`);
          data.set(key, value);
        },
        test: (key) => data.has(key),
        remove: (key) => {
          calls.push(`remove ${key}`);
          data.delete(key);
        },
        clear: () => {
          calls.push('clear');
          data.clear();
        },
      });
      s.addRoute('GET', '/', async (e) => {
        if (!(await testCache('cpu'))) await setCache('cpu', 42);
        e.writeJson({ cpu: await getCache('cpu') });
      });
    });
    expect(getCacheDefaultStorage()).toBe('custom');
    expect(testCacheStorage('custom')).toBe(true);
    expect(await (await fetch(server.url)).json()).toEqual({ cpu: 42 });
    expect(await (await fetch(server.url)).json()).toEqual({ cpu: 42 });
    await removeCache('cpu');
    await clearCache();
    expect(calls).toEqual(['set cpu 30', 'get cpu false', 'get cpu false', 'remove cpu', 'clear']);
  });

  it('a storage that is not the default is used only when named', async () => {
    const data = new Map<string, unknown>();
    await serve((s) => {
      s.addCacheStorage({
        name: 'side',
        get: (key) => data.get(key),
        set: (key, value) => void data.set(key, value),
        test: (key) => data.has(key),
        remove: (key) => void data.delete(key),
        clear: () => {},
      });
    });
    await setCache('k', 'memory');
    await setCache('k', 'side', { storage: 'side' });
    expect(await getCache('k')).toBe('memory');
    expect(await getCache('k', { storage: 'side' })).toBe('side');
    expect(data.get('k')).toBe('side');
  });

  it('a storage that throws makes that request a 500; the server keeps serving', async () => {
    const server = await serve((s) => {
      s.addCacheStorage({
        name: 'down',
        default: true,
        get: () => {
          throw new Error('connection refused');
        },
        set: () => {},
        test: () => false,
        remove: () => {},
        clear: () => {},
      });
      s.addRoute('GET', '/cached', async (e) => e.writeJson({ v: await getCache('v') }));
      s.addRoute('GET', '/ping', (e) => e.writeText('pong'));
    });
    expect((await fetch(`${server.url}/cached`)).status).toBe(500);
    expect(await (await fetch(`${server.url}/ping`)).text()).toBe('pong');
  });
});

describe('storage management', () => {
  it('removing the default storage makes memory the default again', async () => {
    await serve((s) => {
      s.addCacheStorage({
        name: 'gone',
        default: true,
        get: () => 'from storage',
        set: () => {},
        test: () => true,
        remove: () => {},
        clear: () => {},
      });
    });
    expect(await getCache('k')).toBe('from storage');
    expect(getCacheStorage('gone')?.name).toBe('gone');
    removeCacheStorage('gone');
    expect(getCacheDefaultStorage()).toBeNull();
    expect(getCacheStorage('gone')).toBeNull();
    expect(await getCache('k')).toBeNull();
  });
});

describe('bad cache input', () => {
  const storage = {
    get: () => null,
    set: () => {},
    test: () => false,
    remove: () => {},
    clear: () => {},
  };

  it('a storage missing a function is a SetupError naming it', async () => {
    const { get: _get, ...noGet } = storage;
    await expect(
      serve((s) => s.addCacheStorage({ name: 'x', ...noGet } as never)),
    ).rejects.toMatchObject({
      name: 'SetupError',
      code: 'PODE_ERR_CACHE',
      message: expect.stringContaining("'get()'"),
    });
  });

  it('two storages of one name, or an unknown default storage, are SetupErrors with a hint', async () => {
    await expect(
      serve((s) => {
        s.addCacheStorage({ name: 'x', ...storage });
        s.addCacheStorage({ name: 'x', ...storage });
      }),
    ).rejects.toMatchObject({
      name: 'SetupError',
      message: expect.stringContaining('already exists'),
    });
    await expect(serve((s) => s.setCacheDefaultStorage('nowhere'))).rejects.toMatchObject({
      name: 'SetupError',
      hint: expect.stringContaining('s.addCacheStorage'),
    });
  });

  it('an unknown storage named in the set-up is a SetupError; in a request, a 500', async () => {
    await expect(
      serve(async () => {
        await setCache('k', 1, { storage: 'nowhere' });
      }),
    ).rejects.toMatchObject({ name: 'SetupError', message: expect.stringContaining("'nowhere'") });
    const server = await serve((s) => {
      s.addRoute('GET', '/', async (e) => e.writeJson(await getCache('k', { storage: 'nowhere' })));
    });
    expect((await fetch(server.url)).status).toBe(500);
    await expect(getCache('k', { storage: 'nowhere' })).rejects.toMatchObject({
      name: 'CacheError',
      code: 'PODE_ERR_CACHE',
    });
    expect(() => setCacheDefaultStorage('nowhere')).toThrow(/no cache storage named 'nowhere'/);
  });

  it('an empty key or an unknown option is refused', async () => {
    await serve(() => {});
    await expect(setCache('', 1)).rejects.toThrow(/non-empty string key/);
    await expect(getCache('k', { metdata: true } as never)).rejects.toThrow(
      /Did you mean 'metadata'/,
    );
  });
});
