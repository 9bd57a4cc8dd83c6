/**
 * `threads: N`: the primary forks worker processes (node:cluster) that share one port and, through
 * Redis, one session; a dead worker is replaced; stop() and SIGTERM end every worker. The server
 * runs as a child process (test/fixtures/session-server.mjs against dist/: build first), since
 * cluster forks the script that called startServer.
 */
import cluster from 'node:cluster';
import { request } from 'node:http';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { sleep } from '../helpers.js';
import { deleteKeys, isAlive, redisClient, ServerProcess, uniquePrefix } from '../redis/helpers.js';

const SECRET = 'threads-test-secret-0123456789abcdef0123';

let redis: Redis;
let prefix = uniquePrefix();
const processes: ServerProcess[] = [];

beforeAll(() => {
  redis = redisClient();
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((server) => server.kill()));
  await deleteKeys(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

function startThreaded(env: Record<string, string> = {}): ServerProcess {
  prefix = uniquePrefix();
  const server = new ServerProcess({ PREFIX: prefix, SECRET, THREADS: '2', ...env });
  processes.push(server);
  return server;
}

/** A GET on a new connection each time (so the cluster may hand it to another worker). */
function getOnNewConnection(
  url: string,
  cookie: string | undefined,
): Promise<{ body: { count: number; pid: number }; setCookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { agent: false, headers: cookie === undefined ? {} : { cookie } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`${url} answered ${response.statusCode}: ${text}`));
            return;
          }
          resolve({ body: JSON.parse(text), setCookie: response.headers['set-cookie']?.[0] });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A client counting through /count: remembers its cookie and every worker pid that answered. */
class Counter {
  cookie: string | undefined;
  count = 0;
  readonly pids: number[] = [];

  constructor(readonly url: string) {}

  async next(): Promise<number> {
    const { body, setCookie } = await getOnNewConnection(`${this.url}/count`, this.cookie);
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0];
    expect(body.count).toBe(++this.count);
    this.pids.push(body.pid);
    return body.pid;
  }
}

describe('threads', () => {
  it('threads > 1 with the memory store fails at start-up, asking for a shared store, and forks nothing', async () => {
    const starting = startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.enableSessionMiddleware({ duration: 60 });
        s.addRoute('GET', '/', (e) => e.writeText('never'));
      },
      { threads: 2, logger: false, handleSignals: false },
    );
    await expect(starting).rejects.toThrow(/memory session store cannot be shared by 2 threads/);
    await expect(starting).rejects.toMatchObject({
      code: 'PODE_ERR_SESSION_SHARED_STORE',
      hint: expect.stringMatching(/shared store.*RedisStore/),
    });
    expect(Object.keys(cluster.workers ?? {})).toHaveLength(0);
  });

  it('threads: 2 serves one session from both workers, replaces a dead worker, and stop() ends them all', async () => {
    const server = startThreaded();
    const url = await server.url();
    const counter = new Counter(url);
    // Every request comes on a new connection: the pid answering must change within a few.
    for (let request = 0; request < 20 && new Set(counter.pids).size < 2; request++) {
      await counter.next();
    }
    const workers = [...new Set(counter.pids)];
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(server.child.pid);

    // Kill one worker outright: the primary forks a replacement that shares the session too.
    process.kill(workers[0], 'SIGKILL');
    await server.waitFor((line) => String(line.msg).includes('a worker process died'));
    let replacement: number | undefined;
    const deadline = Date.now() + 10_000;
    while (replacement === undefined && Date.now() < deadline) {
      const pid = await counter.next();
      if (!workers.includes(pid)) replacement = pid;
      else await sleep(50);
    }
    expect(replacement).toBeDefined();
    expect(isAlive(workers[0])).toBe(false);

    server.requestStop();
    const stopped = await server.waitFor((line) => line.stopped === true);
    expect(stopped.redisStatus).toBe('ready'); // stop() never quits the user's Redis client
    expect(await server.exited()).toEqual({ code: 0, signal: null });
    for (const pid of [workers[1], replacement!]) expect(isAlive(pid)).toBe(false);
  });

  it('SIGTERM to the primary stops every worker gracefully', async () => {
    const server = startThreaded();
    const url = await server.url();
    const counter = new Counter(url);
    for (let request = 0; request < 20 && new Set(counter.pids).size < 2; request++) {
      await counter.next();
    }
    const workers = [...new Set(counter.pids)];
    expect(workers).toHaveLength(2);
    // A request in flight when the signal arrives still completes.
    const inFlight = fetch(`${url}/slow-set/late?ms=400`, { headers: { cookie: counter.cookie! } });
    await sleep(100);
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await server.exited()).code).toBe(0);
    for (const pid of workers) expect(isAlive(pid)).toBe(false);
    await expect(fetch(`${url}/count`)).rejects.toThrow();
  });

  it('a worker whose set-up fails makes startServer reject in the primary', async () => {
    const server = startThreaded({ FAIL_IN_WORKER: '1' });
    const line = await server.waitFor((candidate) => 'error' in candidate);
    expect(line.error).toBe('A worker process failed to start: This worker refuses to start.');
    expect((await server.exited()).code).toBe(1);
  });
});
