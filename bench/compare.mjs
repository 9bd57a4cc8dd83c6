/**
 * Before/after comparisons that a noisy machine cannot blur: each server runs in its own process,
 * but its requests come from in-memory sockets handed to its own `http.Server` (no kernel, no
 * client process competing for the cores), and the servers take turns in short slices so that a
 * slow spell of the machine hits them alike. Per variant it prints the median CPU µs per request
 * (the in-memory client's work included, the same for every variant), the median of the per-slice
 * differences to the first variant, and their ratio.
 *
 *   node bench/compare.mjs [--scenario S2] [--slices 18] [--requests 10000] [--warmup N]
 *                          [--connections 50] [--processes 3] [--profile DIR] variant…
 *
 * A variant is a bench server (`node`, `pode`, `pode-lite`) or `name=dir`: pode.mjs on the pode-ts
 * build in `dir` (a directory inside this repository, so that its imports resolve), e.g.
 *
 *   npm run build && cp -r dist .dist-before     # .dist-before/ is ignored by git
 *   … change src/ … && npm run build
 *   node bench/compare.mjs --scenario S2 before=.dist-before pode node
 *
 * S0 is the hello route, S1 the view counter with each connection keeping its cookie, S2 the
 * view counter without cookies (a new session per request; the default warm-up of 150,000
 * requests fills the memory store to its cap first), S3 the S1 server with its sessions in the Redis
 * at 127.0.0.1:6379 (real Redis round trips; the HTTP side stays in memory; the keys expire after
 * 120 s). OA (issue 20) POSTs a JSON body to a route described with OpenAPI: compare
 * `pode-oa-plain pode-oa-validated` (the same route with its body validated by ajv).
 * This is a development aid: the figures of
 * issue 6 come from `npm run bench`, which measures real connections.
 */
import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, ROOT_DIR } from './harness.mjs';

const SELF = fileURLToPath(import.meta.url);
// Per scenario: the bench server's mode, whether each connection keeps its cookie, and the
// default warm-up (S2's fills the memory store to its cap first).
const SCENARIOS = {
  S0: { mode: 'hello', keepCookie: false, warmup: 20_000 },
  S1: { mode: 'cookie', keepCookie: true, warmup: 20_000 },
  S2: { mode: 'cookie', keepCookie: false, warmup: 150_000 },
  S3: { mode: 'redis', keepCookie: true, warmup: 20_000 },
  S5: { mode: 'static', keepCookie: false, warmup: 20_000, path: '/static/style.css' },
  'S5-304': {
    mode: 'static',
    keepCookie: false,
    warmup: 20_000,
    path: '/static/style.css',
    conditional: true,
  },
  S6: { mode: 'view', keepCookie: false, warmup: 20_000 },
  // OpenAPI (issue 20): a JSON body POSTed to a described route; compare pode-oa-plain with
  // pode-oa-validated (the same route with its body validated).
  OA: {
    mode: 'openapi',
    keepCookie: false,
    warmup: 20_000,
    body: '{"name":"Rex","status":"available","tags":["dog","small"],"age":3}',
  },
};

async function compare() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scenario: { type: 'string', default: 'S2' },
      slices: { type: 'string', default: '18' },
      requests: { type: 'string', default: '10000' },
      warmup: { type: 'string' },
      connections: { type: 'string', default: '50' },
      processes: { type: 'string', default: '3' },
      profile: { type: 'string' },
    },
  });
  const scenario = values.scenario;
  if (SCENARIOS[scenario] === undefined)
    fail(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`);
  const slices = whole(values.slices, 'slices');
  const requests = whole(values.requests, 'requests');
  const warmup = whole(values.warmup ?? String(SCENARIOS[scenario].warmup), 'warmup');
  const connections = whole(values.connections, 'connections');
  const processes = whole(values.processes, 'processes');
  if (positionals.length === 0)
    fail('name at least one variant: node, pode, pode-lite or name=dir');
  // --profile DIR: each server writes a CPU profile there when it exits (read it with
  // `node bench/profile.mjs --analyze FILE`); the warm-up is in it too.
  const execArgv =
    values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`];

  // Several processes per variant, used in turn: two processes of the same build differ by a few
  // tenths of a µs (JIT and heap layout), and one process per variant would carry that bias.
  const variants = [];
  for (const spec of positionals) {
    const [name, dir] = spec.includes('=') ? spec.split('=') : [spec, undefined];
    const peer = dir === undefined ? name : 'pode';
    const env = { ...process.env };
    if (dir !== undefined) env.BENCH_PODE_DIST = resolve(ROOT_DIR, dir);
    const children = [];
    for (let i = 0; i < processes; i++) {
      const child = fork(SELF, ['--serve', peer, scenario, String(connections)], {
        env,
        execArgv,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      await new Promise((ready, failed) => {
        child.once('message', ready);
        child.once('exit', (code) => failed(new Error(`${spec} exited with code ${code}`)));
      });
      child.removeAllListeners('exit');
      children.push(child);
    }
    variants.push({ name, children, cpu: [] });
  }
  const run = (child, count) =>
    new Promise((done) => {
      child.once('message', (message) => done(message.cpuPerRequest));
      child.send({ count });
    });

  console.log(
    `${scenario}: ${variants.length} variant(s) × ${processes} process(es), warm-up ${warmup} ` +
      `requests each, then ${slices} slices of ${requests} requests, taking turns, ` +
      `${connections} in-memory connections`,
  );
  for (const variant of variants) {
    for (const child of variant.children) await run(child, warmup);
  }
  for (let slice = 0; slice < slices; slice++) {
    const order = slice % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      variant.cpu.push(await run(variant.children[slice % processes], requests));
    }
  }
  const first = variants[0];
  for (const variant of variants) {
    const differences = variant.cpu.map((value, i) => value - first.cpu[i]);
    const ratios = variant.cpu.map((value, i) => value / first.cpu[i]);
    console.log(
      `${variant.name.padEnd(12)} ${median(variant.cpu).toFixed(2).padStart(7)} µs/req` +
        `   − ${first.name}: ${median(differences).toFixed(2).padStart(6)} µs` +
        `   ÷ ${first.name}: ${median(ratios).toFixed(3)}` +
        `   (slices ${Math.min(...variant.cpu).toFixed(2)}–${Math.max(...variant.cpu).toFixed(2)})`,
    );
    for (const child of variant.children) child.disconnect();
  }
}

/** The peer this process serves (for its error messages). */
let servedPeer = '';

// The server side: one bench server, its http.Server driven by in-memory connections.
async function serve(peer, scenario, connectionCount) {
  servedPeer = peer;
  const servers = [];
  const createServer = http.createServer;
  http.createServer = (...args) => {
    const server = createServer(...args);
    servers.push(server);
    return server;
  };
  syncBuiltinESMExports();
  const { mode, keepCookie, path = '/', conditional = false, body } = SCENARIOS[scenario];
  // S5-304: the ETag every peer's send computes (W/"<size hex>-<mtime ms hex>") in If-None-Match.
  let extra = '';
  if (conditional) {
    const info = statSync(new URL('./site/static/style.css', import.meta.url));
    extra = `If-None-Match: W/"${info.size.toString(16)}-${info.mtime.getTime().toString(16)}"\r\n`;
  }
  // OA: a JSON body POSTed (the cookie line, when any, goes between the head and the body).
  const request =
    body === undefined
      ? `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}`
      : `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
  const expected = conditional ? 'HTTP/1.1 304' : 'HTTP/1.1 200';
  process.argv.splice(2, process.argv.length - 2, mode);
  await import(`./servers/${peer}.mjs`);
  const server = servers[0];
  if (server === undefined) fail(`${peer} made no http.Server`);
  if (!server.listening) await new Promise((listening) => server.once('listening', listening));

  let remaining = 0;
  let finished = () => {};
  // Made at the first run, not now: Node answers 408 on a connection that sends nothing for
  // headersTimeout after it opened, and a process may wait longer than that for its turn.
  let connections;
  const connect = () =>
    Array.from({ length: Number(connectionCount) }, () => {
      const connection = new MemoryConnection(
        server,
        keepCookie,
        request,
        body ?? '',
        expected,
        () => {
          remaining--;
          if (remaining >= connections.length) setImmediate(() => connection.send());
          else if (remaining === 0) finished();
        },
      );
      return connection;
    });
  process.on('message', async ({ count }) => {
    connections ??= connect();
    const before = process.cpuUsage();
    await new Promise((done) => {
      remaining = count;
      finished = done;
      for (const connection of connections.slice(0, count)) {
        setImmediate(() => connection.send());
      }
    });
    const used = process.cpuUsage(before);
    process.send({ cpuPerRequest: (used.user + used.system) / count });
  });
  process.send({ ready: true });
}

/** One keep-alive connection: a request at a time, answered responses counted. */
class MemoryConnection {
  #socket;
  #received = '';
  #cookie;
  #keepCookie;
  #onResponse;
  #request;
  #body;
  #expected;

  constructor(server, keepCookie, request, body, expected, onResponse) {
    this.#keepCookie = keepCookie;
    this.#request = request;
    this.#body = body;
    this.#expected = expected;
    this.#onResponse = onResponse;
    const connection = this;
    this.#socket = new (class extends Duplex {
      remoteAddress = '127.0.0.1';
      remotePort = 40000;
      _read() {}
      _write(chunk, _encoding, callback) {
        connection.#receive(chunk);
        callback();
      }
      _writev(chunks, callback) {
        for (const { chunk } of chunks) connection.#receive(chunk);
        callback();
      }
      setTimeout() {
        return this;
      }
      setNoDelay() {
        return this;
      }
      setKeepAlive() {
        return this;
      }
    })();
    server.emit('connection', this.#socket);
  }

  send() {
    const cookie = this.#cookie === undefined ? '' : `Cookie: ${this.#cookie}\r\n`;
    this.#socket.push(`${this.#request}${cookie}\r\n${this.#body}`);
  }

  #receive(chunk) {
    this.#received += chunk.toString('latin1');
    const headEnd = this.#received.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const head = this.#received.slice(0, headEnd);
    const length = head.startsWith('HTTP/1.1 304')
      ? 0
      : Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.#received.length < headEnd + 4 + length) return;
    this.#received = this.#received.slice(headEnd + 4 + length);
    if (!head.startsWith(this.#expected)) {
      const dist = process.env.BENCH_PODE_DIST ? ` (${process.env.BENCH_PODE_DIST})` : '';
      fail(`${servedPeer}${dist}: unexpected response: ${head.split('\r\n')[0]}`);
    }
    if (this.#keepCookie) {
      const cookie = /\r\nset-cookie: *([^;\r]+)/i.exec(head)?.[1];
      if (cookie !== undefined) this.#cookie = cookie;
    }
    this.#onResponse();
  }
}

function whole(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) fail(`--${name} must be a whole number of 1 or more`);
  return value;
}

function fail(message) {
  console.error(`bench/compare: ${message}`);
  process.exit(2);
}

// Last, once the class above is initialised: a forked server, or the comparison.
if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4], process.argv[5]);
else await compare();
