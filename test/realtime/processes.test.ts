/**
 * Broadcasts across processes, with real processes: `threads: 2` (the primary relays over IPC)
 * and two separate servers sharing the real Redis (pub/sub on a random channel). Two clients
 * held by different processes each get every broadcast exactly once, over WebSockets and SSE.
 * The servers run test/fixtures/realtime-server.mjs against dist/ (build first).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TestSocket, waitFor } from './support.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/realtime-server.mjs', import.meta.url));
const children: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
});

/** Starts the fixture; resolves to its URL once it listens. */
function startFixture(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fixture did not start')), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url !== undefined) {
          clearTimeout(timer);
          resolve(parsed.url);
        }
      } catch {
        // not ours
      }
    });
    child.once('exit', (code) => reject(new Error(`the fixture exited with ${code}`)));
  });
}

/** A WebSocket on /live and the pid of the process holding it. */
async function liveSocket(url: string): Promise<{ socket: TestSocket; pid: number }> {
  const socket = await TestSocket.open(`${url.replace(/^http/, 'ws')}/live`);
  socket.send({ message: 'whoami' });
  const pid = (JSON.parse(await socket.nth(1, 10_000)) as { pid: number }).pid;
  return { socket, pid };
}

/** WebSockets on `urls` (round robin) until two are held by different processes (bounded). */
async function socketsOnTwoProcesses(urls: string[]): Promise<TestSocket[]> {
  const opened: { socket: TestSocket; pid: number }[] = [];
  for (let i = 0; i < 20; i++) {
    const next = await liveSocket(urls[i % urls.length]);
    const other = opened.find((entry) => entry.pid !== next.pid);
    if (other !== undefined) {
      for (const entry of opened) if (entry !== other) entry.socket.close();
      return [other.socket, next.socket];
    }
    opened.push(next);
  }
  throw new Error('every connection landed on the same process');
}

/** An SSE stream on /events collecting `message` events, and the pid holding it. */
async function sseStream(
  url: string,
): Promise<{ messages: string[]; pid: number; stop: () => void }> {
  const abort = new AbortController();
  const response = await fetch(`${url}/events`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const messages: string[] = [];
  let pid = 0;
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          if (block.includes('event: whoami')) pid = (JSON.parse(data) as { pid: number }).pid;
          if (block.includes('event: message')) messages.push(data);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  await waitFor(() => pid !== 0, 'the SSE whoami', 10_000);
  return { messages, pid, stop: () => abort.abort() };
}

async function sseOnTwoProcesses(urls: string[]) {
  const opened: Awaited<ReturnType<typeof sseStream>>[] = [];
  for (let i = 0; i < 20; i++) {
    const next = await sseStream(urls[i % urls.length]);
    const other = opened.find((entry) => entry.pid !== next.pid);
    if (other !== undefined) {
      for (const entry of opened) if (entry !== other) entry.stop();
      return [other, next];
    }
    opened.push(next);
  }
  throw new Error('every stream landed on the same process');
}

async function broadcast(url: string, text: string): Promise<void> {
  const response = await fetch(`${url}/send?text=${encodeURIComponent(text)}`, {
    method: 'POST',
    headers: { connection: 'close' },
  });
  expect(response.status).toBe(200);
}

/** Sends three broadcasts, then checks each client got each exactly once (after a settling pause). */
async function expectExactlyOnce(sendTo: string[], received: () => string[][]): Promise<void> {
  const texts = ['first', 'second', 'third'];
  for (const [index, text] of texts.entries()) await broadcast(sendTo[index % sendTo.length], text);
  await waitFor(
    () => received().every((list) => texts.every((text) => list.includes(text))),
    'every client to get every broadcast',
    10_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would arrive by now
  for (const list of received()) expect([...list].sort()).toEqual([...texts].sort());
}

describe('broadcasts across processes', () => {
  it('threads: 2: a broadcast from one worker reaches WebSocket and SSE clients on both workers exactly once', async () => {
    const url = await startFixture({ THREADS: '2' });
    const [one, two] = await socketsOnTwoProcesses([url]);
    await expectExactlyOnce([url], () => [one.messages.slice(1), two.messages.slice(1)]);
    one.close();
    two.close();
    const [a, b] = await sseOnTwoProcesses([url]);
    await expectExactlyOnce([url], () => [a.messages, b.messages]);
    a.stop();
    b.stop();
  }, 60_000);

  it('two servers on one Redis channel: a broadcast on either reaches the clients of both exactly once', async () => {
    const channel = `pode-ts:test:realtime:${randomUUID()}`;
    const [first, second] = await Promise.all([
      startFixture({ REDIS_CHANNEL: channel }),
      startFixture({ REDIS_CHANNEL: channel }),
    ]);
    const [one, two] = await socketsOnTwoProcesses([first, second]);
    await expectExactlyOnce([first, second], () => [one.messages.slice(1), two.messages.slice(1)]);
    one.close();
    two.close();
    const [a, b] = await sseOnTwoProcesses([first, second]);
    await expectExactlyOnce([second, first], () => [a.messages, b.messages]);
    a.stop();
    b.stop();
  }, 60_000);
});
