/** Secret vaults over HTTP: custom vault functions, mounted secrets and their cache, the local encrypted vault, bad input. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  dismountSecret,
  getSecret,
  mountSecret,
  readSecret,
  removeSecret,
  type ServerBuilder,
  setSecret,
  testSecret,
  testSecretVault,
  unlockSecretVault,
  unregisterSecretVault,
  updateSecret,
} from '../../src/index.js';
import { serve } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pode-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
});

/** A custom vault over a Map, recording its calls, as a script block vault over a CLI would. */
function memoryVault(s: ServerBuilder, options: { cacheTtl?: number } = {}) {
  const store = new Map<string, unknown>([['hello', { foo: 'bar', other: 'x' }]]);
  const calls: string[] = [];
  s.registerSecretVault({
    name: 'mem',
    vaultParameters: { Address: 'http://vault.local' },
    ...options,
    custom: {
      read: (parameters, key) => {
        calls.push(`read ${parameters.Address} ${key}`);
        return store.get(key) ?? null;
      },
      set: (_parameters, key, value) => {
        calls.push(`set ${key} ${JSON.stringify(value)}`);
        store.set(key, value);
      },
      remove: (_parameters, key) => {
        calls.push(`remove ${key}`);
        store.delete(key);
      },
      unregister: () => {
        calls.push('unregister');
      },
    },
  });
  return { store, calls };
}

describe('custom vaults and mounted secrets', () => {
  it('a mounted secret is read through the vault, updated through it, and expandProperty picks one member', async () => {
    let vault: ReturnType<typeof memoryVault> | undefined;
    const server = await serve((s) => {
      vault = memoryVault(s);
      s.mountSecret({ name: 'custom', vault: 'mem', key: 'hello', expandProperty: 'FOO' });
      s.addRoute('GET', '/custom', async (e) => e.writeJson({ Value: await getSecret('custom') }));
      s.addRoute('POST', '/custom', async (e) => {
        await updateSecret('custom', (e.data as { value: string }).value);
        e.setStatus(204);
      });
    });
    expect(await (await fetch(`${server.url}/custom`)).json()).toEqual({ Value: 'bar' });
    await fetch(`${server.url}/custom`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'new' }),
    });
    expect(vault?.store.get('hello')).toEqual({ FOO: 'new' });
    expect(await (await fetch(`${server.url}/custom`)).json()).toEqual({ Value: 'new' });
    expect(vault?.calls).toEqual([
      'read http://vault.local hello',
      'set hello {"FOO":"new"}',
      'read http://vault.local hello',
    ]);
  });

  it('with a cacheTtl the vault is read once until the cache expires (minutes, as in Pode)', async () => {
    let vault: ReturnType<typeof memoryVault> | undefined;
    await serve((s) => {
      vault = memoryVault(s, { cacheTtl: 1 });
      s.mountSecret({ name: 'all', vault: 'mem', key: 'hello', property: ['foo'] });
      s.mountSecret({ name: 'uncached', vault: 'mem', key: 'hello', cacheTtl: 0 });
    });
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    expect(await getSecret('all')).toEqual({ foo: 'bar' });
    expect(await getSecret('all')).toEqual({ foo: 'bar' });
    await getSecret('uncached');
    await getSecret('uncached');
    const reads = () => vault?.calls.filter((call) => call.startsWith('read')).length;
    expect(reads()).toBe(3);
    vi.advanceTimersByTime(61_000);
    await getSecret('all');
    expect(reads()).toBe(4);
  });

  it('vault-level read, set and remove work on any key, and mounts can be made and dropped while running', async () => {
    let vault: ReturnType<typeof memoryVault> | undefined;
    await serve((s) => {
      vault = memoryVault(s);
    });
    await setSecret({ key: 'k', vault: 'mem', value: 42 });
    expect(vault?.store.get('k')).toBe('42'); // numbers are stored as strings, as in Pode
    expect(await readSecret({ key: 'hello', vault: 'mem', expandProperty: 'other' })).toBe('x');
    mountSecret({ name: 'k', vault: 'mem', key: 'k' });
    expect(testSecret('k')).toBe(true);
    expect(await getSecret('k')).toBe('42');
    await dismountSecret('k', { remove: true });
    expect(testSecret('k')).toBe(false);
    expect(vault?.store.has('k')).toBe(false);
    await removeSecret({ key: 'hello', vault: 'mem' });
    expect(vault?.store.has('hello')).toBe(false);
    await unregisterSecretVault('mem');
    expect(testSecretVault('mem')).toBe(false);
    expect(vault?.calls.at(-1)).toBe('unregister');
  });

  it('unlock runs at registration with the secret, and again once its expiry passes', async () => {
    const unlocks: string[] = [];
    await serve((s) => {
      s.registerSecretVault({
        name: 'locked',
        unlockSecret: 'pa$$',
        unlockInterval: 1,
        custom: {
          read: () => 'value',
          unlock: (_parameters, secret) => {
            unlocks.push(secret);
          },
        },
      });
      s.mountSecret({ name: 'v', vault: 'locked', key: 'k' });
    });
    expect(unlocks).toEqual(['pa$$']);
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    await getSecret('v');
    expect(unlocks).toHaveLength(1);
    vi.advanceTimersByTime(61_000);
    expect(await getSecret('v')).toBe('value');
    expect(unlocks).toHaveLength(2);
  });

  it('noUnlock leaves the vault locked until unlockSecretVault; an expiry in the past is refused', async () => {
    const unlocks: string[] = [];
    let expiry: unknown = null;
    await serve((s) => {
      s.registerSecretVault({
        name: 'later',
        unlockSecret: 'pw',
        noUnlock: true,
        custom: {
          read: () => 'v',
          unlock: (_parameters, secret) => {
            unlocks.push(secret);
            return expiry;
          },
        },
      });
    });
    expect(unlocks).toEqual([]);
    await unlockSecretVault('later');
    expect(unlocks).toEqual(['pw']);
    expiry = new Date(Date.now() - 1000);
    await expect(unlockSecretVault('later')).rejects.toThrow(/not in the future/);
  });

  it('the server stop unregisters custom vaults', async () => {
    let vault: ReturnType<typeof memoryVault> | undefined;
    const server = await serve((s) => {
      vault = memoryVault(s);
    });
    await server.stop();
    expect(vault?.calls).toContain('unregister');
  });
});

describe('the local vault', () => {
  it('keeps secrets encrypted in its file, across servers, and refuses a wrong unlockSecret', async () => {
    const path = join(dir, 'local.json');
    const server = await serve(async (s) => {
      s.registerSecretVault({ name: 'local', local: { path }, unlockSecret: 'Sup3r' });
      await setSecret({ key: 'hello', vault: 'local', value: 'world' });
      s.mountSecret({ name: 'hello', vault: 'local', key: 'hello' });
      s.addRoute('GET', '/module', async (e) => e.writeJson({ Value: await getSecret('hello') }));
      s.addRoute('POST', '/module', async (e) => {
        await updateSecret('hello', (e.data as { value: unknown }).value);
        e.setStatus(204);
      });
      s.addRoute('DELETE', '/adhoc/:key', async (e) => {
        await removeSecret({ key: e.parameters.key, vault: 'local' });
        e.setStatus(204);
      });
    });
    expect(await (await fetch(`${server.url}/module`)).json()).toEqual({ Value: 'world' });
    await fetch(`${server.url}/module`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: { user: 'admin', pass: 'p' } }),
    });
    expect(await (await fetch(`${server.url}/module`)).json()).toEqual({
      Value: { user: 'admin', pass: 'p' },
    });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('admin');
    expect(text).not.toContain('world');
    await server.stop();

    // a second server with the same secret reads what the first wrote
    await serve((s) => {
      s.registerSecretVault({ name: 'local', local: { path }, unlockSecret: 'Sup3r' });
    });
    expect(await readSecret({ key: 'hello', vault: 'local', expandProperty: 'user' })).toBe(
      'admin',
    );
    await expect(
      serve((s) =>
        s.registerSecretVault({ name: 'local', local: { path }, unlockSecret: 'wrong' }),
      ),
    ).rejects.toMatchObject({
      name: 'SetupError',
      message: expect.stringContaining('unlockSecret'),
    });
  });

  it('a missing key in the local vault is a 500 for that request; the server keeps serving', async () => {
    const server = await serve((s) => {
      s.registerSecretVault({
        name: 'local',
        local: { path: join(dir, 'missing.json') },
        unlockSecret: 'x',
      });
      s.mountSecret({ name: 'nothing', vault: 'local', key: 'nothing' });
      s.addRoute('GET', '/', async (e) => e.writeJson(await getSecret('nothing')));
      s.addRoute('GET', '/ping', (e) => e.writeText('pong'));
    });
    expect((await fetch(server.url)).status).toBe(500);
    expect(await (await fetch(`${server.url}/ping`)).text()).toBe('pong');
  });
});

describe('bad secret input', () => {
  it('mounting from an unknown vault is a SetupError with a hint', async () => {
    await expect(
      serve((s) => s.mountSecret({ name: 'x', vault: 'nowhere', key: 'k' })),
    ).rejects.toMatchObject({
      name: 'SetupError',
      code: 'PODE_ERR_SECRET',
      message: expect.stringContaining("'nowhere'"),
      hint: expect.stringContaining('registerSecretVault'),
    });
  });

  it('a vault with neither custom nor local, a duplicate, or a local vault without unlockSecret is a SetupError', async () => {
    await expect(serve((s) => s.registerSecretVault({ name: 'v' }))).rejects.toMatchObject({
      name: 'SetupError',
      message: expect.stringContaining('custom or local'),
    });
    await expect(
      serve((s) => {
        s.registerSecretVault({ name: 'v', custom: { read: () => '' } });
        s.registerSecretVault({ name: 'v', custom: { read: () => '' } });
      }),
    ).rejects.toThrow(/already registered/);
    await expect(
      serve((s) => s.registerSecretVault({ name: 'v', local: true })),
    ).rejects.toMatchObject({
      name: 'SetupError',
      message: expect.stringContaining('unlockSecret'),
    });
    await expect(
      serve((s) =>
        s.registerSecretVault({ name: 'v', unlockSecret: 's', custom: { read: () => '' } }),
      ),
    ).rejects.toThrow(/no unlock\(\) function/);
  });

  it('a vault whose init fails stops the start-up with a SetupError', async () => {
    await expect(
      serve((s) =>
        s.registerSecretVault({
          name: 'v',
          init: () => {
            throw new Error('cannot reach the vault');
          },
          custom: { read: () => '' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'SetupError',
      message: expect.stringContaining('cannot reach the vault'),
    });
  });

  it('an unknown mounted secret in a request is a 500; a vault without set() refuses updates', async () => {
    const server = await serve((s) => {
      s.registerSecretVault({ name: 'ro', custom: { read: () => 'v' } });
      s.mountSecret({ name: 'ro', vault: 'ro', key: 'k' });
      s.addRoute('GET', '/unknown', async (e) => e.writeJson(await getSecret('unknown')));
      s.addRoute('POST', '/ro', async (e) => {
        await updateSecret('ro', 'new');
        e.setStatus(204);
      });
      s.addRoute('GET', '/ro', async (e) => e.writeJson(await getSecret('ro')));
    });
    expect((await fetch(`${server.url}/unknown`)).status).toBe(500);
    expect((await fetch(`${server.url}/ro`, { method: 'POST' })).status).toBe(500);
    expect(await (await fetch(`${server.url}/ro`)).json()).toBe('v');
    await expect(getSecret('unknown')).rejects.toMatchObject({
      name: 'SecretError',
      message: expect.stringContaining("no secret named 'unknown'"),
    });
    await expect(updateSecret('ro', 'x')).rejects.toThrow(/no set\(\) function/);
    await expect(setSecret({ key: 'k', vault: 'ro', value: [1, 2] })).rejects.toThrow(
      /must be a string, an object of values, or bytes/,
    );
  });
});
