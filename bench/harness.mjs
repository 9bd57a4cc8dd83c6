/**
 * The pieces run.mjs, memory.mjs and profile.mjs share: starting a server script as its own
 * process (and making sure it dies with us), asking it for its CPU and memory figures over IPC,
 * driving it with autocannon with a cookie or header jar per connection, and a few statistics.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
export const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Every peer, in the order the tables list them. */
export const PEERS = ['node', 'pode', 'pode-lite', 'fastify', 'koa', 'express'];

/** The peers with sessions (every scenario but S0); pode-lite only differs from pode without them. */
export const SESSION_PEERS = ['node', 'pode', 'fastify', 'koa', 'express'];

/** The peers of S5 and S6 (static files, views); koa is left out (issue 16 names these). */
export const SITE_PEERS = ['node', 'pode', 'pode-lite', 'fastify', 'express'];

/** What each peer is in S5 (static files) and S6 (views), for the tables. */
export const SITE_LABELS = {
  static: {
    node: 'node:http + @fastify/send',
    pode: 'pode-ts (addStaticRoute)',
    'pode-lite': 'pode-ts, asyncContext: false',
    fastify: 'fastify 5 + @fastify/static',
    express: 'express 5 + serve-static',
  },
  view: {
    node: 'node:http + Eta',
    pode: "pode-ts (setViewEngine 'eta', writeView)",
    'pode-lite': 'pode-ts, asyncContext: false',
    fastify: 'fastify 5 + @fastify/view (Eta)',
    express: 'express 5 + res.render (Eta)',
  },
};

/** The packages the S5/S6 peers need besides their own (the node peer's @fastify/send and Eta are pode-ts's). */
const SITE_PACKAGES = { fastify: ['@fastify/static', '@fastify/view'], express: [] };

/** What each peer is, for the tables. */
export const PEER_LABELS = {
  node: 'node:http + hand-written session',
  pode: 'pode-ts',
  'pode-lite': 'pode-ts, asyncContext: false',
  fastify: 'fastify 5 + @fastify/session',
  koa: 'koa 3 + koa-session (server-side store)',
  express: 'express 5 + express-session',
};

/** The packages each peer needs from bench/node_modules. */
const PEER_PACKAGES = {
  node: [],
  pode: [],
  'pode-lite': [],
  fastify: ['fastify', '@fastify/session', '@fastify/cookie'],
  koa: ['koa', 'koa-session'],
  express: ['express', 'express-session'],
};

/**
 * Throws a message saying how to install what is missing: the pode-ts build, or the peers'
 * packages (installed apart from the root's, with `npm install --prefix bench`).
 */
export function checkInstalled(peers, needsRedis, needsSite = false) {
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
    throw new Error('pode-ts is not built: run `npm run build` (npm run bench does it for you).');
  }
  const missing = new Set();
  for (const peer of peers) {
    for (const name of [
      ...PEER_PACKAGES[peer],
      ...(needsSite ? (SITE_PACKAGES[peer] ?? []) : []),
    ]) {
      if (!existsSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))) {
        missing.add(name);
      }
    }
  }
  if (
    needsRedis &&
    !existsSync(new URL('./node_modules/connect-redis/package.json', import.meta.url))
  ) {
    missing.add('connect-redis');
  }
  if (missing.size > 0) {
    throw new Error(
      `The benchmark peers are not installed (missing ${[...missing].join(', ')}): run \`npm install --prefix bench\`.`,
    );
  }
}

// ---- server processes --------------------------------------------------------------------------

const children = new Set();

function killAll() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/**
 * Starts `bench/servers/<peer>.mjs <mode>` and resolves once it prints its port:
 * `{ peer, mode, port, url, pid, stats(), gc(), stop() }`. Rejects with its stderr when it
 * exits first or takes longer than `timeoutMs` to start.
 */
export function startPeer(peer, mode, { env = {}, nodeFlags = [], timeoutMs = 20_000 } = {}) {
  const script = fileURLToPath(new URL(`./servers/${peer}.mjs`, import.meta.url));
  const child = spawn(process.execPath, [...nodeFlags, script, mode], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 8_000) stderr += chunk;
  });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${peer} (${mode}) did not start within ${timeoutMs} ms. ${stderr.trim()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`${peer} (${mode}) exited with code ${code} before listening. ${stderr.trim()}`),
      );
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', function onData(chunk) {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      clearTimeout(timer);
      let port;
      try {
        port = JSON.parse(stdout.slice(0, newline)).port;
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`${peer} (${mode}) printed no port: ${stdout.slice(0, newline)}`));
        return;
      }
      resolve(peerHandle(peer, mode, child, port, exited, () => stderr));
    });
  });
}

function peerHandle(peer, mode, child, port, exited, stderr) {
  let nextId = 0;
  const ask = (type) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${peer} did not answer a ${type} request`));
      }, 10_000);
      function onMessage(message) {
        if (message?.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      }
      child.on('message', onMessage);
      child.send({ type, id });
    });
  return {
    peer,
    mode,
    port,
    pid: child.pid,
    url: `http://127.0.0.1:${port}/`,
    /** `{ cpu: { user, system } (µs), memory: process.memoryUsage(), … }` from the server. */
    stats: () => ask('stats'),
    /** The same after a full garbage collection (the server needs --expose-gc). */
    gc: () => ask('gc'),
    stderr,
    /** SIGTERM (the server exits normally, writing a --cpu-prof profile), SIGKILL after 5 s. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` within `timeoutMs`. */
export function canConnect(port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---- load ----------------------------------------------------------------------------------------

/**
 * The client behaviours: `plain` sends no cookie (S0, S2); `cookie` keeps a cookie jar per
 * connection (S1, S3); `header` keeps the `pode.sid` response header per connection and sends it
 * back (S4). Jars are kept by connection index, so the same 50 sessions live across rounds.
 */
export function newJars(kind, connections) {
  return { kind, jars: Array.from({ length: connections }, () => new Map()) };
}

/**
 * Drives `url` with autocannon for `seconds` (or `amount` requests) over `connections`
 * connections, without pipelining, and resolves to
 * `{ requests, seconds, rps, p50, p99, non2xx, errors, timeouts, jarChanges }`, latencies in ms
 * from every 2xx response (exact, not autocannon's whole-millisecond histogram). With `expect`
 * (a status, e.g. 304 for S5-304), latencies are those of responses with that status and
 * `non2xx` counts the responses with any other; `headers` are sent on every request.
 */
export async function drive(url, jars, { seconds, connections, amount, headers, expect }) {
  let index = 0;
  let jarChanges = 0;
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let unexpected = 0;
  const setupClient =
    jars.kind === 'plain'
      ? undefined
      : (client) => {
          const jar = jars.jars[index++ % jars.jars.length];
          const send = () => client.setHeaders(requestHeaders(jars.kind, jar));
          if (jar.size > 0) send();
          client.on('headers', ({ headers }) => {
            if (updateJar(jars.kind, jar, headers)) {
              jarChanges++;
              send();
            }
          });
        };
  const instance = autocannon({
    url,
    connections,
    pipelining: 1,
    setupClient,
    ...(headers === undefined ? {} : { headers }),
    ...(amount === undefined ? { duration: seconds } : { amount }),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (expect === undefined ? statusCode < 200 || statusCode >= 300 : statusCode !== expect) {
      unexpected++;
      return;
    }
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  const sorted = latencies.subarray(0, count).sort();
  const requests = result.requests.total;
  const elapsed = result.duration > 0 ? result.duration : seconds;
  return {
    requests,
    seconds: elapsed,
    rps: requests / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    non2xx: expect === undefined ? result.non2xx : unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    jarChanges,
  };
}

function requestHeaders(kind, jar) {
  if (kind === 'header') return { 'pode.sid': jar.get('pode.sid') };
  return { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
}

// `headers` is the parser's flat [name, value, name, value, …] list.
function updateJar(kind, jar, headers) {
  let changed = false;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i].toLowerCase();
    if (kind === 'header' && name === 'pode.sid') {
      if (jar.get('pode.sid') !== headers[i + 1]) {
        jar.set('pode.sid', headers[i + 1]);
        changed = true;
      }
    } else if (kind === 'cookie' && name === 'set-cookie') {
      const line = headers[i + 1];
      const semicolon = line.indexOf(';');
      const pair = semicolon === -1 ? line : line.slice(0, semicolon);
      const equals = pair.indexOf('=');
      if (equals < 1) continue;
      const cookie = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (jar.get(cookie) !== value) {
        jar.set(cookie, value);
        changed = true;
      }
    }
  }
  return changed;
}

// ---- statistics ----------------------------------------------------------------------------------

/** The value at fraction `p` of an ascending array (nearest rank). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** The median of a list of numbers (NaN for none). */
export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One figure of a run's results: a median (`rps`, `cpuPerRequest`, …) or `pairedRatio`, for a
 * scenario and peer; undefined when that peer did not run or failed.
 */
export function figure(results, scenarioId, peer, key) {
  const entry = results
    .find((scenario) => scenario.id === scenarioId)
    ?.peers.find((candidate) => candidate.peer === peer);
  if (entry?.status !== 'ok') return undefined;
  return key === 'pairedRatio' ? entry.pairedRatio : entry.median?.[key];
}

/** Total CPU microseconds (user + system) between two stats answers. */
export function cpuDelta(before, after) {
  return after.cpu.user + after.cpu.system - (before.cpu.user + before.cpu.system);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
