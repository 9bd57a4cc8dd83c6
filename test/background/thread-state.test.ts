/**
 * threadId() and the state collections with real processes: under threads: 2 each worker
 * answers its own thread number, and items added with tryAdd to a state list from both workers
 * (the converter's read, tryAdd, write back, under the lock) are all kept. Run against dist/.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundProcess } from './processes.js';

const processes: BackgroundProcess[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((child) => child.kill()));
});

function start(env: Record<string, string>): BackgroundProcess {
  const child = new BackgroundProcess(env);
  processes.push(child);
  return child;
}

/** One call on a new connection, so the cluster may hand it to either worker. */
function call(url: string, method = 'GET'): Promise<{ value: number; pid: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent: false, timeout: 60_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        if (response.statusCode !== 200)
          reject(new Error(`${url}: ${response.statusCode} ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    outgoing.on('error', reject);
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${url} timed out`)));
    outgoing.end();
  });
}

describe('threadId and state collections across processes', () => {
  it('one process: threadId() is 1', async () => {
    const server = start({ THREADS: '1', CRON: '0 0 1 1 *' });
    const url = await server.url();
    expect((await call(`${url}/thread`)).value).toBe(1);
  }, 30_000);

  it('threads: 2: each worker has its own thread number; tryAdd from both keeps every item', async () => {
    const server = start({ THREADS: '2', CRON: '0 0 1 1 *' });
    const url = await server.url();
    const byPid = new Map<number, Set<number>>();
    // the second worker may start listening a little later on a loaded machine: bounded by 200
    // calls and 20 s, 50 ms apart
    const until = Date.now() + 20_000;
    for (let attempt = 0; attempt < 200 && byPid.size < 2 && Date.now() < until; attempt++) {
      const answer = await call(`${url}/thread`);
      byPid.set(answer.pid, (byPid.get(answer.pid) ?? new Set()).add(answer.value));
      if (byPid.size < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(byPid.size).toBe(2);
    const ids = [...byPid.values()].map((set) => [...set]);
    // one number per worker, different workers different numbers, each 1 or 2
    for (const set of ids) expect(set).toHaveLength(1);
    expect(new Set(ids.flat())).toEqual(new Set([1, 2]));
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(`${url}/push?times=100`, 'POST')),
    );
    expect(new Set(answers.map((answer) => answer.pid)).size).toBe(2);
    expect(Math.max(...answers.map((answer) => answer.value))).toBe(400);
  }, 60_000);
});
