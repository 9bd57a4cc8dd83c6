/**
 * The benchmark (issue 6): pode-ts beside raw node:http, fastify, koa and express, sessions on.
 *
 *   npm run bench                      the full run: every scenario, 7 interleaved rounds of 4 s
 *                                      after a 3 s warm-up per server, then the memory check;
 *                                      writes bench/results.md and bench/results.json
 *   npm run bench -- --smoke           a second per peer and scenario, one round, no warm-up, no
 *                                      files written; exits 0 when every server answered 2xx
 *   npm run bench -- --memory          only the memory check (bench/memory.mjs)
 *   options: --rounds N --duration S --warmup S --connections N --scenarios S1,S3
 *            --peers node,pode --no-memory
 *
 * Each server is its own process on 127.0.0.1 (bench/servers/<peer>.mjs); the figure compared is
 * the server's own CPU time per request, read from the server process around each run, because
 * client and server share the machine's cores and req/s swings between runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  BENCH_DIR,
  canConnect,
  checkInstalled,
  cpuDelta,
  drive,
  figure,
  median,
  newJars,
  PEER_LABELS,
  PEERS,
  ROOT_DIR,
  SESSION_PEERS,
  SITE_LABELS,
  SITE_PEERS,
  sleep,
  startPeer,
} from './harness.mjs';
import { updateReadme } from './readme-table.mjs';

/** The scenarios of issue 6, and S5/S6 of issue 16 (web sites). */
const SCENARIOS = [
  {
    id: 'S0',
    title: 'hello: GET / → JSON, no sessions',
    mode: 'hello',
    client: 'plain',
    peers: PEERS,
  },
  {
    id: 'S1',
    title: 'view counter: session cookie kept per connection, 120 s, extend on',
    mode: 'cookie',
    client: 'cookie',
    peers: SESSION_PEERS,
  },
  {
    id: 'S2',
    title: 'view counter, no cookie sent: a new session on every request',
    mode: 'cookie',
    client: 'plain',
    peers: SESSION_PEERS,
    memory: true,
  },
  {
    id: 'S3',
    title: 'S1 with the sessions in Redis (127.0.0.1:6379)',
    mode: 'redis',
    client: 'cookie',
    peers: SESSION_PEERS,
    redis: true,
  },
  {
    id: 'S4',
    title: 'header sessions: the pode.sid header kept per connection',
    mode: 'header',
    client: 'header',
    peers: ['node', 'pode'],
  },
  {
    id: 'S5',
    title: 'static file: GET /static/style.css (1 KB) → 200, no cookie',
    mode: 'static',
    client: 'plain',
    path: '/static/style.css',
    peers: SITE_PEERS,
    site: true,
  },
  {
    id: 'S5-304',
    title: "static file revalidated: the same GET with the file's ETag in If-None-Match → 304",
    mode: 'static',
    client: 'plain',
    path: '/static/style.css',
    conditional: true,
    peers: SITE_PEERS,
    site: true,
  },
  {
    id: 'S6',
    title: 'rendered view: GET / → Eta page with a layout, a partial and a 20-row table',
    mode: 'view',
    client: 'plain',
    path: '/',
    peers: SITE_PEERS,
    site: true,
  },
];

/** Reference figures from the issue (server CPU µs per request, measured on 2026-11-30). */
const ISSUE_REFERENCE = {
  S0: { node: 22, fastify: 34, koa: 40, express: 131 },
  S1: { node: 36, fastify: 94, koa: 104, express: 242 },
};

const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    'no-memory': { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    scenarios: { type: 'string' },
    peers: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (flags.help) {
  console.log(
    'npm run bench [-- --smoke | --memory] [--rounds N] [--duration S] [--warmup S] [--connections N] [--scenarios S0,S1] [--peers node,pode] [--no-memory]',
  );
  process.exit(0);
}

const smoke = flags.smoke;
const config = {
  rounds: positive('rounds', smoke ? 1 : 7),
  duration: positive('duration', smoke ? 1 : 4),
  warmup: positive('warmup', smoke ? 0 : 3, true),
  connections: positive('connections', smoke ? 10 : 50),
  scenarios: pick(
    'scenarios',
    SCENARIOS.map((scenario) => scenario.id),
  ),
  peers: pick('peers', PEERS),
};

if (flags.memory) process.exit(await runMemoryCheck(false).then((memory) => (memory?.ok ? 0 : 1)));

// Smoke runs are bounded whatever happens: CI must never hang on them.
const deadline = smoke
  ? setTimeout(() => {
      console.error('bench --smoke: did not finish within 240 s');
      process.exit(1);
    }, 240_000)
  : undefined;
deadline?.unref();

const startedAt = new Date();
const environment = {
  date: startedAt.toISOString(),
  node: process.version,
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  podeBuild: buildInfo(),
};
const scenarios = SCENARIOS.filter((scenario) => config.scenarios.includes(scenario.id));
try {
  checkInstalled(
    config.peers,
    scenarios.some((scenario) => scenario.redis),
    scenarios.some((scenario) => scenario.site),
  );
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

console.log(
  `pode-ts bench${smoke ? ' (smoke)' : ''}: ${config.rounds} round(s) × ${config.duration} s, warm-up ${config.warmup} s, ` +
    `${config.connections} connections; node ${environment.node}, ${environment.cpu}, load ${environment.loadAverageAtStart.join(' ')}`,
);

const runId = `${process.pid}-${Date.now().toString(36)}`;
const failures = [];
const results = [];
for (const scenario of scenarios) {
  results.push(await runScenario(scenario));
}

const summary = {
  environment,
  config: { ...config, smoke },
  scenarios: results,
  targets: targetsOf(results),
};

console.log(`\n${markdownTables(summary)}`);
if (!smoke && !flags['no-memory']) summary.memory = await runMemoryCheck(true);
if (!smoke) {
  writeFileSync(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  writeFileSync(new URL('./results.md', import.meta.url), resultsMarkdown(summary));
  updateReadme(summary);
  console.log('\nwrote bench/results.md and bench/results.json, and the table in README.md');
}
if (failures.length > 0) {
  console.error(
    `\n${failures.length} failure(s):\n${failures.map((line) => `  - ${line}`).join('\n')}`,
  );
  process.exit(1);
}
process.exit(0);

// ---- one scenario --------------------------------------------------------------------------------

async function runScenario(scenario) {
  console.log(`\n${scenario.id} ${scenario.title}`);
  const outcome = { id: scenario.id, title: scenario.title, peers: [] };
  const entries = [];
  const peers = scenario.peers.filter((peer) => config.peers.includes(peer));
  if (scenario.redis && !(await canConnect(6379))) {
    console.log('  skipped: no Redis on 127.0.0.1:6379');
    outcome.skipped = 'no Redis on 127.0.0.1:6379';
    return outcome;
  }
  for (const peer of peers) {
    const label = SITE_LABELS[scenario.mode]?.[peer] ?? PEER_LABELS[peer];
    const entry = { peer, label, status: 'ok', rounds: [] };
    outcome.peers.push(entry);
    if (scenario.redis && peer === 'pode' && !existsSync(`${ROOT_DIR}dist/redis/index.js`)) {
      entry.status = 'pending';
      entry.note = 'pode-ts/redis is not built yet (dist/redis/index.js missing)';
      console.log(`  ${peer}: pending (${entry.note})`);
      continue;
    }
    try {
      entry.server = await startPeer(peer, scenario.mode, {
        env: { BENCH_REDIS_PREFIX: `pode-bench:${runId}:${peer}:` },
      });
      entry.target = (await preflight(entry.server, scenario)) ?? { url: entry.server.url };
      entry.jars = newJars(scenario.client, config.connections);
      entries.push(entry);
    } catch (error) {
      fail(entry, scenario, error.message);
      await entry.server?.stop();
    }
  }
  try {
    if (config.warmup > 0) {
      for (const entry of entries) {
        await drive(entry.target.url, entry.jars, {
          seconds: config.warmup,
          connections: config.connections,
          headers: entry.target.headers,
          expect: entry.target.expect,
        });
      }
    }
    for (let round = 0; round < config.rounds; round++) {
      // Interleaved, starting one further along each round: A B C D, B C D A, …
      for (let k = 0; k < entries.length; k++) {
        const entry = entries[(round + k) % entries.length];
        if (entry.status !== 'ok') continue;
        const measured = await measureRound(entry, scenario);
        entry.rounds.push(measured);
        checkRound(entry, scenario, measured);
      }
      if (!smoke) process.stdout.write(`  round ${round + 1}/${config.rounds} done\n`);
    }
    for (const entry of entries) {
      if (scenario.memory && entry.status === 'ok') {
        const stats = await entry.server.stats();
        entry.rss = stats.memory.rss;
        entry.heapUsed = stats.memory.heapUsed;
      }
    }
  } finally {
    for (const entry of entries) await entry.server.stop();
    if (scenario.redis) await cleanRedis(`pode-bench:${runId}:`);
  }
  const nodeRounds = outcome.peers.find((entry) => entry.peer === 'node')?.rounds ?? [];
  for (const entry of outcome.peers) {
    delete entry.server;
    delete entry.jars;
    delete entry.target;
    if (entry.rounds.length > 0) entry.median = medianOf(entry.rounds);
    // Paired: this peer's CPU/req over node's in the same round, then the median over rounds. The
    // two ran within seconds of each other, so a slow spell of the machine mostly cancels out.
    const paired = entry.rounds
      .map((round, i) => round.cpuPerRequest / nodeRounds[i]?.cpuPerRequest)
      .filter((value) => Number.isFinite(value));
    if (paired.length > 0) entry.pairedRatio = median(paired);
    if (entry.status === 'ok' && entry.median !== undefined) {
      const m = entry.median;
      console.log(
        `  ${entry.peer.padEnd(8)} ${fixed(m.rps, 0).padStart(7)} req/s  p50 ${fixed(m.p50, 2)} ms  p99 ${fixed(m.p99, 2)} ms  ` +
          `${fixed(m.cpuPerRequest, 1)} µs CPU/req${entry.rss === undefined ? '' : `  RSS ${mb(entry.rss)} MB`}`,
      );
    }
  }
  return outcome;
}

async function measureRound(entry, scenario) {
  await sleep(smoke ? 20 : 200);
  const before = await entry.server.stats();
  const run = await drive(entry.target.url, entry.jars, {
    seconds: config.duration,
    connections: config.connections,
    headers: entry.target.headers,
    expect: entry.target.expect,
  });
  // Responses still in flight when autocannon stops are answered within a few ms.
  await sleep(50);
  const after = await entry.server.stats();
  const cpu = cpuDelta(before, after);
  const perRequest = (micros) => (run.requests > 0 ? micros / run.requests : Number.NaN);
  return {
    requests: run.requests,
    rps: run.rps,
    p50: run.p50,
    p99: run.p99,
    cpuMicros: cpu,
    cpuPerRequest: perRequest(cpu),
    userPerRequest: perRequest(after.cpu.user - before.cpu.user),
    systemPerRequest: perRequest(after.cpu.system - before.cpu.system),
    non2xx: run.non2xx,
    errors: run.errors + run.timeouts,
    ...(scenario.client === 'plain' ? {} : { newSessions: run.jarChanges }),
  };
}

function checkRound(entry, scenario, measured) {
  if (measured.requests === 0) return fail(entry, scenario, 'no response at all');
  if (measured.non2xx > 0 || measured.errors > 0) {
    fail(entry, scenario, `${measured.non2xx} non-2xx responses, ${measured.errors} errors`);
  }
  // With the jar working, only the first response on each connection brings a new id.
  if (
    measured.newSessions !== undefined &&
    measured.requests > 4 * config.connections &&
    measured.newSessions > Math.max(2 * config.connections, measured.requests / 10)
  ) {
    fail(
      entry,
      scenario,
      `the session was not kept: ${measured.newSessions} new ids in ${measured.requests} responses`,
    );
  }
}

function fail(entry, scenario, message) {
  entry.status = 'failed';
  entry.note = entry.note === undefined ? message : `${entry.note}; ${message}`;
  failures.push(`${scenario.id} ${entry.peer}: ${message}`);
  console.log(`  ${entry.peer}: FAILED: ${message}`);
}

/**
 * One request without a session, and one with it: the second must see the first's data. S5/S6
 * check the file or the page instead, and S5-304 learns the ETag it sends back. Resolves to what
 * the load sends: `{ url, headers?, expect? }`.
 */
async function preflight(server, scenario) {
  if (scenario.site) return sitePreflight(server, scenario);
  const first = await request(server.url, {});
  if (scenario.mode === 'hello') {
    if (first.body?.hello !== 'world')
      throw new Error(`GET / answered ${first.status} ${first.text}`);
    return;
  }
  if (first.body?.views !== 1)
    throw new Error(`a new session answered ${first.status} ${first.text}`);
  let headers;
  if (scenario.mode === 'header') {
    const id = first.headers.get('pode.sid');
    if (id === null) throw new Error('no pode.sid response header');
    headers = { 'pode.sid': id };
  } else {
    const cookies = first.headers.getSetCookie().map((line) => line.split(';')[0]);
    if (cookies.length === 0) throw new Error('no session cookie');
    headers = { cookie: cookies.join('; ') };
  }
  const second = await request(server.url, headers);
  if (second.body?.views !== 2) {
    throw new Error(
      `the session was not kept: the second request answered ${second.status} ${second.text}`,
    );
  }
}

async function sitePreflight(server, scenario) {
  const url = new URL(scenario.path, server.url).href;
  const first = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const body = await first.text();
  if (first.status !== 200) throw new Error(`GET ${scenario.path} answered ${first.status}`);
  if (scenario.mode === 'static') {
    if (body.length !== 1024) throw new Error(`the static file has ${body.length} bytes, not 1024`);
    const etag = first.headers.get('etag');
    if (etag === null) throw new Error('the static file came without an ETag');
    if (!scenario.conditional) return { url };
    const headers = { 'if-none-match': etag };
    // Not fetch(): it adds `Cache-Control: no-cache` to conditional requests, which rules out a 304.
    const status = await new Promise((resolve, reject) => {
      get(url, { headers, timeout: 5_000 }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on('error', reject);
    });
    if (status !== 304) throw new Error(`If-None-Match: ${etag} answered ${status}`);
    return { url, headers, expect: 304 };
  }
  const rows = body.match(/<tr><td>/g)?.length ?? 0;
  if (rows !== 20 || !body.includes('<header><h1>Orders</h1>') || !body.includes('&amp; Sons')) {
    throw new Error(`the view was not rendered as expected: ${body.slice(0, 200)}`);
  }
  return { url };
}

async function request(url, headers) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text: text.slice(0, 200), body };
}

async function cleanRedis(prefix) {
  const { Redis } = await import('ioredis');
  const client = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await client.del(...keys);
    } while (cursor !== '0');
    if (!smoke) console.log(`  removed ${removed} Redis keys under ${prefix}`);
  } catch (error) {
    console.log(`  could not clean Redis keys under ${prefix}: ${error.message}`);
  } finally {
    client.disconnect();
  }
}

// ---- the memory check -------------------------------------------------------------------------------

/** Runs bench/memory.mjs in its own process (it needs --expose-gc) and returns its figures. */
function runMemoryCheck(quietStdout) {
  console.log('\nmemory check (bench/memory.mjs)');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', `${BENCH_DIR}memory.mjs`, '--json'], {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
      if (line === undefined) {
        failures.push(`memory check: exited with ${code} and no result`);
        resolve(undefined);
        return;
      }
      const memory = JSON.parse(line.slice('RESULT '.length));
      memory.ok = code === 0;
      if (!quietStdout) console.log(memory.ok ? 'memory targets met' : 'memory targets NOT met');
      resolve(memory);
    });
  });
}

// ---- summaries --------------------------------------------------------------------------------------

function medianOf(rounds) {
  const of = (key) => median(rounds.map((round) => round[key]));
  return {
    rps: of('rps'),
    p50: of('p50'),
    p99: of('p99'),
    cpuPerRequest: of('cpuPerRequest'),
    userPerRequest: of('userPerRequest'),
    systemPerRequest: of('systemPerRequest'),
    requests: rounds.reduce((sum, round) => sum + round.requests, 0),
  };
}

/** The issue's targets, as ratios from this run. */
function targetsOf(results) {
  const ratio = (scenario, key, of, to) => {
    const a = figure(results, scenario, of, key);
    const b = figure(results, scenario, to, key);
    return a === undefined || b === undefined ? undefined : a / b;
  };
  const targets = [];
  const add = (name, value, limit) =>
    targets.push({
      name,
      value,
      limit,
      met: value === undefined ? undefined : value <= limit,
    });
  // CPU targets: the paired ratio (per round, then the median), see markdownTables.
  const paired = (scenario, peer) => figure(results, scenario, peer, 'pairedRatio');
  add('S0 CPU/req pode ÷ node', paired('S0', 'pode'), 1.1);
  add('S0 CPU/req pode (asyncContext: false) ÷ node', paired('S0', 'pode-lite'), 1.1);
  add('S1 CPU/req pode ÷ node', paired('S1', 'pode'), 1.25);
  add('S2 CPU/req pode ÷ node', paired('S2', 'pode'), 1.25);
  add('S1 p99 pode ÷ fastify', ratio('S1', 'p99', 'pode', 'fastify'), 1);
  add('S2 p99 pode ÷ fastify', ratio('S2', 'p99', 'pode', 'fastify'), 1);
  // Issue 16: S5, S5-304 and S6 within 1.10× of the fastest other peer, and ahead of express
  // (paired ratios over node, so pode ÷ peer is their quotient).
  for (const [id, peer] of ['S5', 'S5-304', 'S6'].flatMap((id) => [
    [id, 'pode'],
    [id, 'pode-lite'],
  ])) {
    const pode = paired(id, peer);
    const others = SITE_PEERS.filter((other) => !other.startsWith('pode'))
      .map((other) => paired(id, other))
      .filter((value) => value !== undefined);
    const fastest = others.length === 0 ? undefined : Math.min(...others);
    const express = paired(id, 'express');
    const name =
      peer === 'pode' ? `${id} CPU/req pode` : `${id} CPU/req pode (asyncContext: false)`;
    add(
      `${name} ÷ fastest peer`,
      pode === undefined || fastest === undefined ? undefined : pode / fastest,
      1.1,
    );
    add(
      `${name} ÷ express (ahead)`,
      pode === undefined || express === undefined ? undefined : pode / express,
      0.99999,
    );
  }
  return targets;
}

function markdownTables(summary) {
  const lines = [];
  for (const scenario of summary.scenarios) {
    lines.push(`### ${scenario.id} ${scenario.title}`, '');
    if (scenario.skipped !== undefined) {
      lines.push(`Skipped: ${scenario.skipped}.`, '');
      continue;
    }
    const memory = scenario.peers.some((entry) => entry.rss !== undefined);
    const nodeCpu = figure(summary.scenarios, scenario.id, 'node', 'cpuPerRequest');
    const reference = ISSUE_REFERENCE[scenario.id === 'S2' ? 'S1' : scenario.id];
    lines.push(
      `| peer | req/s | p50 ms | p99 ms | CPU µs/req | user / sys | × node | paired × node |${memory ? ' RSS after MB | heap after MB |' : ''}${reference ? ' issue ref µs/req |' : ''}`,
      `|---|---:|---:|---:|---:|---:|---:|---:|${memory ? '---:|---:|' : ''}${reference ? '---:|' : ''}`,
    );
    for (const entry of scenario.peers) {
      const m = entry.status === 'ok' ? entry.median : undefined;
      const cells =
        m === undefined
          ? [entry.status === 'pending' ? 'pending' : 'failed', '', '', '', '', '', '']
          : [
              fixed(m.rps, 0),
              fixed(m.p50, 2),
              fixed(m.p99, 2),
              `**${fixed(m.cpuPerRequest, 1)}**`,
              `${fixed(m.userPerRequest, 0)} / ${fixed(m.systemPerRequest, 0)}`,
              nodeCpu === undefined ? '' : `${fixed(m.cpuPerRequest / nodeCpu, 2)}×`,
              entry.pairedRatio === undefined ? '' : `${fixed(entry.pairedRatio, 2)}×`,
            ];
      if (memory)
        cells.push(
          entry.rss === undefined ? '' : mb(entry.rss),
          entry.heapUsed === undefined ? '' : mb(entry.heapUsed),
        );
      if (reference)
        cells.push(reference[entry.peer] === undefined ? '' : String(reference[entry.peer]));
      lines.push(`| ${entry.label} | ${cells.join(' | ')} |`);
      if (entry.note !== undefined) lines[lines.length - 1] += ` ${entry.note}`;
    }
    lines.push('');
  }
  lines.push(
    '### Targets (issue 6)',
    '',
    '| target | this run | limit | met |',
    '|---|---:|---:|---|',
  );
  for (const target of summary.targets) {
    lines.push(
      `| ${target.name} | ${target.value === undefined ? 'n/a' : fixed(target.value, 2)} | ≤ ${target.limit} | ${target.met === undefined ? 'n/a' : target.met ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}

function resultsMarkdown(summary) {
  const { environment, config: used } = summary;
  const lines = [
    '# pode-ts benchmark results',
    '',
    `Written by \`npm run bench\` on ${environment.date}: node ${environment.node}, ${environment.cpu}, ` +
      `load average at start ${environment.loadAverageAtStart.join(' / ')}; pode-ts at ${environment.podeBuild.commit}` +
      `${environment.podeBuild.uncommittedChanges ? ' with uncommitted changes in src/' : ''}, dist/ built ${environment.podeBuild.distBuiltAt}. ` +
      `${used.rounds} interleaved rounds of ` +
      `${used.duration} s per server after a ${used.warmup} s warm-up, ${used.connections} connections, medians over rounds.`,
    '',
    'The machine has 2 cores shared by autocannon and the server under test, and its speed swings',
    'between runs and within one (the same server has measured twice its CPU µs/req minutes apart):',
    "req/s and latency move with it. Compare **CPU µs/req** (the server process's own user + system",
    'CPU time divided by the responses it completed) within one run, and above all the **paired**',
    'ratios (per round, then the median), which the targets use. See bench/README.md for what each',
    'scenario does.',
    '',
    markdownTables(summary),
    '',
  ];
  const memory = summary.memory;
  if (memory !== undefined) {
    lines.push('### Memory', '');
    if (memory.store !== undefined) {
      lines.push(
        `- MemoryStore, ${memory.store.sessions.toLocaleString('en')} sessions of ${memory.store.record}: ` +
          `${mb(memory.store.heapBytes)} MB of heap (${Math.round(memory.store.bytesPerSession)} B each); ` +
          `target ≤ 60 MB: ${memory.store.pass ? 'met' : '**not met**'}.`,
      );
    }
    if (memory.flood !== undefined) {
      lines.push(
        `- S2-style flood on pode-ts with maxSessions ${memory.flood.maxSessions.toLocaleString('en')}: heap after ` +
          `${memory.flood.phases.length} phases of ${memory.flood.requestsPerPhase.toLocaleString('en')} new sessions: ` +
          `${memory.flood.phases.map((phase) => `${mb(phase.heapUsed)} MB`).join(', ')} (RSS ` +
          `${memory.flood.phases.map((phase) => `${mb(phase.rss)} MB`).join(', ')}); bounded: ${memory.flood.pass ? 'yes' : '**no**'}.`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

// ---- small helpers -------------------------------------------------------------------------------

/** Which pode-ts was measured: the commit, whether the tree had changes, and when dist/ was built. */
function buildInfo() {
  const git = (...args) =>
    spawnSync('git', args, { cwd: ROOT_DIR, encoding: 'utf8' }).stdout?.trim() ?? '';
  let builtAt;
  try {
    builtAt = statSync(`${ROOT_DIR}dist/index.js`).mtime.toISOString();
  } catch {
    builtAt = undefined;
  }
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    uncommittedChanges: git('status', '--porcelain', '--', 'src').length > 0,
    distBuiltAt: builtAt,
  };
}

function positive(name, fallback, allowZero = false) {
  if (flags[name] === undefined) return fallback;
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < (allowZero ? 0 : 1) || !Number.isInteger(value)) {
    console.error(
      `--${name} must be a whole number${allowZero ? '' : ' of 1 or more'}, got: ${flags[name]}`,
    );
    process.exit(2);
  }
  return value;
}

function pick(name, known) {
  if (flags[name] === undefined) return known;
  const chosen = flags[name]
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const unknown = chosen.filter((value) => !known.includes(value));
  if (unknown.length > 0 || chosen.length === 0) {
    console.error(
      `--${name}: unknown ${unknown.join(', ') || '(empty)'}; use any of ${known.join(', ')}`,
    );
    process.exit(2);
  }
  return chosen;
}

function fixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}
