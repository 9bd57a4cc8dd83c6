/**
 * Flood protection: 100,000 cookie-less requests, each creating a stored session, leave memory
 * bounded: the memory store's cap holds and the heap does not grow with the request count.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';

const MAX_SESSIONS = 2_000;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

async function startFloodServer(): Promise<{ url: string }> {
  const script = fileURLToPath(new URL('../fixtures/flood-server.mjs', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', script], {
    env: { ...process.env, MAX_SESSIONS: String(MAX_SESSIONS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  return { url: `http://127.0.0.1:${port}` };
}

async function heap(url: string): Promise<{ heapUsed: number; rss: number; sessions: number }> {
  const response = await fetch(`${url}/__heap`);
  return (await response.json()) as { heapUsed: number; rss: number; sessions: number };
}

function flood(url: string, amount: number): Promise<autocannon.Result> {
  return autocannon({ url: `${url}/`, connections: 20, amount, timeout: 10 });
}

describe('a flood of new sessions', () => {
  it('keeps the store at its cap and the heap bounded over 100,000 cookie-less requests', async () => {
    const { url } = await startFloodServer();
    const warm = await flood(url, 10_000);
    expect(warm.non2xx).toBe(0);
    const before = await heap(url);
    expect(before.sessions).toBeLessThanOrEqual(MAX_SESSIONS);

    const result = await flood(url, 100_000);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.requests.total).toBeGreaterThanOrEqual(100_000);

    const after = await heap(url);
    expect(after.sessions).toBeLessThanOrEqual(MAX_SESSIONS);
    expect(after.sessions).toBeGreaterThan(MAX_SESSIONS / 2);
    // The store was full before and after: anything above a few MiB would be a per-request leak.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * 1024 * 1024);
  }, 180_000);
});
