/**
 * S7: WebSocket echo. Round trips per second and server CPU per round trip of pode-ts's signals
 * against the `ws` library on node:http (the limit) and @fastify/websocket, with 50 clients each
 * sending `{"message":"…"}` and waiting for its echo; then idle connections held by pode-ts (and
 * raw ws) with the server's memory per connection. Servers are their own processes on
 * 127.0.0.1, the clients run here; every figure is the median over rounds.
 *
 *   node bench/websocket.mjs                       # 3 rounds of 5 s, 10,000 idle connections
 *   node bench/websocket.mjs --smoke               # 1 round of 1 s, 500 idle connections
 *   options: --rounds N --duration S --clients N --idle N --rate N (messages/s of the
 *   fixed-rate phase) --settle MS (from a phase's start to its measured window; 1000)
 *   --pin (Linux: the servers on core 1, this process and its clients on core 0, with taskset)
 *   --peers raw,raw-als,raw-json,fastify,pode,pode-lite
 *   Peers: raw (ws echoing the bytes: the limit), raw-als (the same with an AsyncLocalStorage
 *   entered), raw-json (ws doing the signal protocol's JSON by hand), fastify, pode, pode-lite
 *   (pode-ts with asyncContext: false).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    clients: { type: 'string', default: '50' },
    idle: { type: 'string' },
    peers: { type: 'string', default: 'raw,fastify,pode' },
    rate: { type: 'string', default: '4000' },
    settle: { type: 'string' },
    pin: { type: 'boolean', default: false },
  },
});
const smoke = values.smoke;
const rounds = Number(values.rounds ?? (smoke ? 1 : 3));
const duration = Number(values.duration ?? (smoke ? 1 : 5)) * 1000;
const clients = Number(values.clients);
const idle = Number(values.idle ?? (smoke ? 500 : 10_000));
const peers = values.peers.split(',');
const rate = Number(values.rate);
/** ms from the start of a phase to the start of its measured window (0: the window opens at once). */
const settle = Number(values.settle ?? (smoke ? 200 : 1000));
const pin = values.pin;
if (pin) spawnSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const PATHS = {
  raw: '/',
  'raw-als': '/',
  'raw-json': '/',
  fastify: '/echo',
  pode: '/echo',
  'pode-lite': '/echo',
};

class Server {
  constructor(peer) {
    this.peer = peer;
    this.pending = new Map();
    this.nextId = 0;
    // pode-lite: pode-ts's server with asyncContext: false (no async_hooks).
    const file = peer === 'pode-lite' ? 'pode' : peer;
    const script = fileURLToPath(new URL(`./servers/ws-${file}.mjs`, import.meta.url));
    const command = [process.execPath, '--expose-gc', script];
    // --pin: the server on its own core (taskset -c 1), away from the clients (core 0).
    if (pin) command.unshift('taskset', '-c', '1');
    this.child = spawn(command[0], command.slice(1), {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: { ...process.env, ...(peer === 'pode-lite' ? { BENCH_ASYNC_CONTEXT: 'off' } : {}) },
    });
    this.child.on('message', (message) => {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
    this.port = new Promise((resolve, reject) => {
      this.child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).port));
      this.child.once('exit', (code) => reject(new Error(`${peer} exited with ${code}`)));
    });
  }

  stats(type = 'stats') {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ type, id });
    });
  }

  async url() {
    return `ws://127.0.0.1:${await this.port}${PATHS[this.peer]}`;
  }

  stop() {
    this.child.kill('SIGTERM');
  }
}

function open(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * 50 clients in echo loops for `ms`: round trips counted and the server's CPU in µs per round
 * trip. The window opens `settle` ms after the loops start, so the server's work for the
 * phase's new connections (upgrades, and closing the previous phase's) is not charged to
 * messages: connections are measured on their own (idle connections, below).
 */
async function echo(server, ms) {
  const url = await server.url();
  const sockets = await Promise.all(Array.from({ length: clients }, () => open(url)));
  let trips = 0;
  let running = true;
  const payload = JSON.stringify({ message: 'hello from the benchmark client' });
  for (const socket of sockets) {
    socket.on('message', () => {
      trips++;
      if (running) socket.send(payload);
    });
  }
  for (const socket of sockets) socket.send(payload);
  await new Promise((resolve) => setTimeout(resolve, settle));
  const before = await server.stats();
  const started = process.hrtime.bigint();
  const tripsBefore = trips;
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await server.stats();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const counted = trips - tripsBefore;
  running = false;
  await new Promise((resolve) => setTimeout(resolve, 200)); // the last echoes
  for (const socket of sockets) socket.terminate();
  const cpu = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  return { tripsPerSecond: counted / seconds, cpuPerTrip: cpu / counted };
}

/**
 * The same load for every peer: `rate` messages per second in all, spread over the clients
 * every 10 ms without waiting for the echoes; the server's CPU per echoed message. A peer
 * that answers faster in the closed loop gets no more messages here, so its CPU per message
 * is not lowered by batching. The window opens `settle` ms into the phase, as in `echo`.
 */
async function fixedRate(server, ms) {
  const url = await server.url();
  const sockets = await Promise.all(Array.from({ length: clients }, () => open(url)));
  let echoed = 0;
  for (const socket of sockets) socket.on('message', () => echoed++);
  const payload = JSON.stringify({ message: 'hello from the benchmark client' });
  const perTick = rate / 100;
  let owed = 0;
  let sent = 0;
  const timer = setInterval(() => {
    owed += perTick;
    for (; owed >= 1; owed--) {
      sockets[Math.floor(Math.random() * sockets.length)].send(payload);
      sent++;
    }
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, settle));
  const before = await server.stats();
  const sentBefore = sent;
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await server.stats();
  // Messages sent inside the window (their echoes are the server's work in it; the few in
  // flight at either edge cancel out).
  const counted = sent - sentBefore;
  clearInterval(timer);
  // Every message must come back (a peer that dropped some would look cheaper): up to 5 s.
  for (let waited = 0; echoed < sent && waited < 5000; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of sockets) socket.terminate();
  const cpu = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  if (echoed !== sent) throw new Error(`${server.peer} echoed ${echoed} of ${sent} messages`);
  return { echoed: counted, cpuPerMessage: cpu / counted };
}

/** `count` idle connections: the server's memory (after a full GC) per connection. */
async function idleConnections(server, count) {
  const url = await server.url();
  const base = await server.stats('gc');
  const sockets = [];
  for (let opened = 0; opened < count; opened += 500) {
    const batch = Math.min(500, count - opened);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => open(url)))));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const held = await server.stats('gc');
  for (const socket of sockets) socket.terminate();
  return {
    count: sockets.length,
    rssPerConnection: (held.memory.rss - base.memory.rss) / sockets.length,
    heapPerConnection: (held.memory.heapUsed - base.memory.heapUsed) / sockets.length,
  };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const servers = Object.fromEntries(peers.map((peer) => [peer, new Server(peer)]));
const results = Object.fromEntries(peers.map((peer) => [peer, []]));
const kill = () => {
  for (const server of Object.values(servers)) server.stop();
};
process.on('exit', kill);
// Twice what the run should take (each phase: settle + duration + opening and closing 50
// sockets), plus the idle connections: a hung peer cannot keep it running.
const budget =
  2 * (peers.length * (rounds + 1) * 2 * (settle + duration + 1500)) + 180_000 + idle * 10;
const deadline = setTimeout(() => {
  console.error(`S7 gave up after ${Math.round(budget / 1000)} s`);
  process.exit(1);
}, budget);
try {
  for (const peer of peers) await echo(servers[peer], Math.min(1000, duration)); // warm-up
  for (let round = 0; round < rounds; round++) {
    const order = peers.map((_, index) => peers[(index + round) % peers.length]);
    for (const peer of order) {
      const closed = await echo(servers[peer], duration);
      const open = await fixedRate(servers[peer], duration);
      results[peer].push({ ...closed, ...open });
    }
  }
  const base = results.raw === undefined ? undefined : median(results.raw.map((r) => r.cpuPerTrip));
  const fixedBase =
    results.raw === undefined ? undefined : median(results.raw.map((r) => r.cpuPerMessage));
  // Paired (as S0–S6's CPU targets): the ratio to raw ws taken in each round, seconds apart,
  // then the median over rounds; steadier than a ratio of two medians on a machine that swings.
  const paired = (peer, key, against = 'raw') =>
    results[against] === undefined
      ? undefined
      : median(results[peer].map((r, round) => r[key] / results[against][round][key]));
  console.log(
    'S7 WebSocket echo (median of %d rounds of %d s, %d clients)',
    rounds,
    duration / 1000,
    clients,
  );
  console.log(
    `peer        round trips/s  CPU µs/round trip  × raw  paired   CPU µs/message at ${rate}/s  × raw  paired`,
  );
  const ratio = (value, against) =>
    value === undefined || against === undefined ? '' : (value / against).toFixed(2);
  for (const peer of peers) {
    const trips = median(results[peer].map((r) => r.tripsPerSecond));
    const cpu = median(results[peer].map((r) => r.cpuPerTrip));
    const fixed = median(results[peer].map((r) => r.cpuPerMessage));
    console.log(
      `${peer.padEnd(10)} ${trips.toFixed(0).padStart(14)}  ${cpu.toFixed(2).padStart(17)}  ${ratio(cpu, base).padStart(5)}  ${ratio(paired(peer, 'cpuPerTrip'), 1).padStart(6)}   ${fixed.toFixed(2).padStart(24)}  ${ratio(fixed, fixedBase).padStart(5)}  ${ratio(paired(peer, 'cpuPerMessage'), 1).padStart(6)}`,
    );
  }
  // raw-json is the protocol's floor (Pode's JSON messages on ws, by hand): how far pode-ts's
  // own layer is from it, paired as above.
  if (results['raw-json'] !== undefined) {
    for (const peer of peers.filter((name) => name.startsWith('pode'))) {
      console.log(
        `${peer} × raw-json, paired: closed loop ${ratio(paired(peer, 'cpuPerTrip', 'raw-json'), 1)}, fixed rate ${ratio(paired(peer, 'cpuPerMessage', 'raw-json'), 1)}`,
      );
    }
  }
  for (const peer of peers.filter((name) => name === 'raw' || name === 'pode')) {
    const held = await idleConnections(servers[peer], idle);
    console.log(
      `${peer}: ${held.count} idle connections held; server memory per connection: RSS ${(held.rssPerConnection / 1024).toFixed(1)} KiB, heap ${(held.heapPerConnection / 1024).toFixed(1)} KiB`,
    );
  }
} finally {
  clearTimeout(deadline);
  kill();
}
