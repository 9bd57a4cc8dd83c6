/**
 * The memory check (issue 6), run by `npm run bench` at the end or alone with
 * `npm run bench -- --memory` (or `node --expose-gc bench/memory.mjs`):
 *
 * 1. store: 100,000 sessions written into pode-ts's MemoryStore the way the session middleware
 *    writes them (`store.set(id, record, expiry)` with a SPEC §6.3 record and a small data
 *    object), heap used measured after a full GC before and after. Target: ≤ 60 MB.
 * 2. flood: a pode-ts server with `maxSessions` = 20,000 gets 3 × 40,000 requests that send no
 *    cookie (a new session each, as in S2); the heap after each phase (after a GC in the
 *    server) must stay flat once the cap is reached.
 *
 * Prints what it measured; with --json, the last line is `RESULT <json>` for run.mjs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import { MemoryStore } from '../dist/index.js';
import { drive, newJars, startPeer } from './harness.mjs';

const STORE_SESSIONS = 100_000;
const STORE_TARGET_MB = 60;
const FLOOD_CAP = 20_000;
const FLOOD_PHASE_REQUESTS = 40_000;
const FLOOD_PHASES = 3;
const MB = 1024 * 1024;

if (typeof globalThis.gc !== 'function') {
  // Re-run this script with --expose-gc: the figures need a full collection before reading.
  const rerun = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(rerun.status ?? 1);
}

const json = process.argv.includes('--json');
const skipFlood = process.argv.includes('--store-only');

const store = measureStore();
log(
  `store: ${STORE_SESSIONS.toLocaleString('en')} sessions use ${(store.heapBytes / MB).toFixed(1)} MB of heap ` +
    `(${Math.round(store.bytesPerSession)} B each); target ≤ ${STORE_TARGET_MB} MB: ${store.pass ? 'met' : 'NOT met'}`,
);
const flood = skipFlood ? undefined : await measureFlood();
if (flood !== undefined) {
  log(
    `flood: maxSessions ${FLOOD_CAP.toLocaleString('en')}, ${FLOOD_PHASES} × ${FLOOD_PHASE_REQUESTS.toLocaleString('en')} new sessions: ` +
      `heap after each phase ${flood.phases.map((phase) => `${(phase.heapUsed / MB).toFixed(1)} MB`).join(', ')}; ` +
      `RSS ${flood.phases.map((phase) => `${(phase.rss / MB).toFixed(0)} MB`).join(', ')}; ` +
      `bounded: ${flood.pass ? 'yes' : 'NO'}`,
  );
}
if (json) process.stdout.write(`RESULT ${JSON.stringify({ store, flood })}\n`);
process.exit(store.pass && (flood === undefined || flood.pass) ? 0 : 1);

function measureStore() {
  collect();
  const before = process.memoryUsage().heapUsed;
  const memoryStore = new MemoryStore({ maxSessions: STORE_SESSIONS });
  const now = Date.now();
  for (let i = 0; i < STORE_SESSIONS; i++) {
    // What the middleware writes for a new session (sessions/middleware.ts, #writeFull).
    const expiry = new Date(now + 120_000);
    memoryStore.set(
      nanoid(),
      {
        version: 1,
        metadata: { created: new Date(now).toISOString(), expires: expiry.toISOString() },
        data: { views: 1 + (i % 100), user: `user-${i}` },
      },
      expiry,
    );
  }
  collect();
  const heapBytes = process.memoryUsage().heapUsed - before;
  const size = memoryStore.size;
  memoryStore.close();
  return {
    sessions: size,
    record: "{ version: 1, metadata: { created, expires }, data: { views: n, user: 'user-n' } }",
    heapBytes,
    bytesPerSession: heapBytes / size,
    targetBytes: STORE_TARGET_MB * MB,
    pass: size === STORE_SESSIONS && heapBytes <= STORE_TARGET_MB * MB,
  };
}

async function measureFlood() {
  const server = await startPeer('pode', 'cookie', {
    env: { BENCH_MAX_SESSIONS: String(FLOOD_CAP) },
    nodeFlags: ['--expose-gc'],
  });
  try {
    const start = await server.gc();
    const phases = [];
    for (let phase = 0; phase < FLOOD_PHASES; phase++) {
      const run = await drive(server.url, newJars('plain', 50), {
        connections: 50,
        amount: FLOOD_PHASE_REQUESTS,
      });
      if (run.non2xx > 0 || run.errors > 0) {
        throw new Error(`flood phase ${phase + 1}: ${run.non2xx} non-2xx, ${run.errors} errors`);
      }
      const stats = await server.gc();
      phases.push({
        requests: run.requests,
        heapUsed: stats.memory.heapUsed,
        rss: stats.memory.rss,
      });
    }
    // Past the cap, more sessions must not mean more heap: allow GC noise, not growth.
    const growth = phases[phases.length - 1].heapUsed - phases[0].heapUsed;
    return {
      maxSessions: FLOOD_CAP,
      requestsPerPhase: FLOOD_PHASE_REQUESTS,
      heapAtStart: start.memory.heapUsed,
      phases,
      growthBytes: growth,
      pass: growth <= 4 * MB + 0.1 * phases[0].heapUsed,
    };
  } finally {
    await server.stop();
  }
}

function collect() {
  for (let i = 0; i < 3; i++) globalThis.gc();
}

function log(line) {
  (json ? process.stderr : process.stdout).write(`${line}\n`);
}
