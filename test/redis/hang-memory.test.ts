/**
 * A Redis that hangs (connection open, nothing answered) for 30 s under steady load: requests
 * needing Redis get 503, the server's heap stays flat (ioredis would otherwise keep every
 * timed-out command until Redis answers), and everything recovers once Redis answers again.
 * Redis is the shared test Redis behind a TCP proxy of our own that can stop forwarding while
 * keeping every socket open. The server runs in a child process started with --expose-gc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sleep } from '../helpers.js';
import { deleteKeys, REDIS_PORT, redisClient, uniquePrefix } from './helpers.js';

const PAUSE_MS = 30_000;
const WORKERS = 20; // requests in flight at most
const MIN_INTERVAL_MS = 50; // per worker: at most 400 requests a second in all
const VISITORS = 200;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP proxy to the test Redis that can stop forwarding (both ways) while keeping its sockets. */
class PausableProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #held: { to: Socket; chunk: Buffer }[] = [];
  #paused = false;

  constructor() {
    this.#server = createServer((client) => {
      const upstream = connect(REDIS_PORT, '127.0.0.1');
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.#sockets.add(from);
        from.on('data', (chunk: Buffer) => {
          if (this.#paused) this.#held.push({ to, chunk });
          else to.write(chunk);
        });
        from.on('error', () => {});
        from.on('close', () => {
          this.#sockets.delete(from);
          to.destroy();
        });
      }
    });
  }

  async listen(): Promise<number> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  pause(): void {
    this.#paused = true;
  }

  /** Forwards what was held back, in order, then forwards as usual. */
  resume(): void {
    this.#paused = false;
    for (const { to, chunk } of this.#held.splice(0)) if (!to.destroyed) to.write(chunk);
  }

  close(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.close();
  }
}

interface Heap {
  heapUsed: number;
  pending: number | null;
}

async function startServer(redisPort: number, prefix: string): Promise<string> {
  const script = fileURLToPath(new URL('../fixtures/redis-hang-server.mjs', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--no-warnings', script], {
    env: { ...process.env, REDIS_PORT: String(redisPort), PREFIX: prefix, MAX_PENDING: '100' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  return `http://127.0.0.1:${port}`;
}

async function heap(url: string): Promise<Heap> {
  return (await (await fetch(`${url}/__heap`)).json()) as Heap;
}

/** Steady load on /count from cookie-carrying visitors until stopped; counts statuses. */
class Load {
  readonly statuses = new Map<number | string, number>();
  #running = true;
  readonly #done: Promise<void[]>;

  constructor(url: string, cookies: string[]) {
    let next = 0;
    this.#done = Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (this.#running) {
          const started = Date.now();
          const cookie = cookies[next++ % cookies.length];
          let status: number | string;
          try {
            const response = await fetch(`${url}/count`, {
              headers: { cookie },
              signal: AbortSignal.timeout(10_000),
            });
            await response.arrayBuffer();
            status = response.status;
          } catch (error) {
            status = (error as Error).name;
          }
          this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
          const left = MIN_INTERVAL_MS - (Date.now() - started);
          if (left > 0) await sleep(left);
        }
      }),
    );
  }

  /** The counts so far, then starts counting afresh. */
  take(): Record<string, number> {
    const counts = Object.fromEntries(this.statuses);
    this.statuses.clear();
    return counts;
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#done;
  }
}

describe('a hanging Redis', () => {
  it('keeps the heap flat for 30 s of load while Redis hangs, answers 503 meanwhile, and recovers', async () => {
    const prefix = uniquePrefix();
    const redis = redisClient();
    cleanups.push(async () => {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    });
    const proxy = new PausableProxy();
    cleanups.push(() => proxy.close());
    const url = await startServer(await proxy.listen(), prefix);

    const cookies: string[] = [];
    for (let visitor = 0; visitor < VISITORS; visitor++) {
      const response = await fetch(`${url}/count`);
      expect(response.status).toBe(200);
      cookies.push(response.headers.getSetCookie()[0].split(';')[0]);
    }
    const load = new Load(url, cookies);
    cleanups.push(() => load.stop());
    await sleep(5_000);
    const before = await heap(url);
    const warm = load.take();
    expect(warm, JSON.stringify(warm)).toEqual({ '200': expect.any(Number) });

    proxy.pause();
    await sleep(PAUSE_MS / 3);
    const early = await heap(url);
    await sleep(PAUSE_MS - PAUSE_MS / 3);
    const late = await heap(url);
    const paused = load.take();
    proxy.resume();
    const results = { before, early, late, paused };
    console.log(JSON.stringify(results));

    // Every request needed Redis: all but those in flight at the moment of the pause got 503.
    expect(Object.keys(paused).sort()).toEqual(['200', '503'].filter((key) => key in paused));
    expect(paused['503']).toBeGreaterThan(1_000);
    // Flat: the store stopped at maxPending (100) unanswered commands, about 7 KB each (measured:
    // 0.7 MB; before the cap, every timed-out request kept its command, 17 MB in these 30 s).
    expect(early.pending).toBe(100);
    expect(late.heapUsed - before.heapUsed).toBeLessThan(3 * 1024 * 1024);
    expect(late.heapUsed - early.heapUsed).toBeLessThan(1024 * 1024);

    // Redis answers again: requests succeed by themselves and the queue drains.
    const deadline = Date.now() + 10_000;
    for (;;) {
      await sleep(500);
      const recent = load.take();
      if (recent['200'] > 0 && recent['503'] === undefined) break;
      if (Date.now() > deadline) throw new Error(`No recovery: ${JSON.stringify(recent)}`);
    }
    await load.stop();
    const after = await heap(url);
    console.log(JSON.stringify({ after }));
    expect(after.pending).toBe(0);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(2 * 1024 * 1024);
  }, 90_000);
});
