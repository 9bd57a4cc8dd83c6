/**
 * Profiles one server under one scenario with `node --cpu-prof` and prints where its CPU went:
 *
 *   node bench/profile.mjs [--scenario S1] [--peer pode] [--seconds 15] [--warmup 3]
 *                          [--connections 50] [--dir /tmp/pode-ts-profiles] [--top 25]
 *   node bench/profile.mjs --analyze /tmp/pode-ts-profiles/CPU.….cpuprofile
 *
 * The profile is written outside the repository (default /tmp/pode-ts-profiles). Samples taken
 * before the warm-up ended are left out. Self time is what a function spent in its own code;
 * total time includes what it called. pode-ts functions are mapped back to src/ through the
 * build's source maps.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drive, newJars, ROOT_DIR, sleep, startPeer } from './harness.mjs';

const MODES = {
  S0: ['hello', 'plain'],
  S1: ['cookie', 'cookie'],
  S2: ['cookie', 'plain'],
  S3: ['redis', 'cookie'],
  S4: ['header', 'header'],
  S5: ['static', 'plain', 'static/style.css'],
  'S5-304': ['static', 'plain', 'static/style.css', true],
  S6: ['view', 'plain'],
};

const { values: flags } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'S1' },
    peer: { type: 'string', default: 'pode' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    dir: { type: 'string', default: '/tmp/pode-ts-profiles' },
    top: { type: 'string', default: '25' },
    analyze: { type: 'string' },
  },
});

const top = Number(flags.top);
const sourceMaps = new Map();
if (flags.analyze !== undefined) {
  report(JSON.parse(readFileSync(flags.analyze, 'utf8')), 0, top);
  process.exit(0);
}

const modes = MODES[flags.scenario];
if (modes === undefined) {
  console.error(`--scenario must be one of ${Object.keys(MODES).join(', ')}`);
  process.exit(2);
}
const [mode, client, path = '', conditional = false] = modes;
mkdirSync(flags.dir, { recursive: true });
const existing = new Set(readdirSync(flags.dir));
const spawnedAt = Date.now();
const server = await startPeer(flags.peer, mode, {
  nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${flags.dir}`],
  env: { BENCH_REDIS_PREFIX: `pode-bench:profile:${process.pid}:` },
});
const jars = newJars(client, Number(flags.connections));
const load = { connections: Number(flags.connections) };
if (conditional) {
  // S5-304: every request sends the file's ETag back (the harness checks the 304s).
  const etag = (await fetch(server.url + path)).headers.get('etag');
  Object.assign(load, { headers: { 'if-none-match': etag }, expect: 304 });
}
if (Number(flags.warmup) > 0)
  await drive(server.url + path, jars, { ...load, seconds: Number(flags.warmup) });
const warmedAfterMs = Date.now() - spawnedAt;
const before = await server.stats();
const run = await drive(server.url + path, jars, { ...load, seconds: Number(flags.seconds) });
const after = await server.stats();
await sleep(50);
await server.stop();
const cpu = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
console.log(
  `${flags.peer} ${flags.scenario}: ${run.requests} responses in ${run.seconds} s (${Math.round(run.rps)} req/s), ` +
    `p99 ${run.p99.toFixed(2)} ms, ${(cpu / run.requests).toFixed(1)} µs CPU/req ` +
    `(user ${((after.cpu.user - before.cpu.user) / run.requests).toFixed(1)}), ${run.non2xx} non-2xx`,
);
const written = readdirSync(flags.dir)
  .filter((name) => name.endsWith('.cpuprofile') && !existing.has(name))
  .map((name) => join(flags.dir, name))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
if (written.length === 0) {
  console.error(`no profile was written in ${flags.dir}`);
  process.exit(1);
}
console.log(`profile: ${written[0]}`);
report(
  JSON.parse(readFileSync(written[0], 'utf8')),
  warmedAfterMs * 1000,
  top,
  (after.cpu.user - before.cpu.user) / run.requests,
);
process.exit(0);

/** Prints the categories, the top self-time functions, and pode-ts's own functions. */
function report(profile, skipMicros, limit, userMicrosPerRequest) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const self = new Map();
  const total = new Map();
  const categories = new Map();
  let time = profile.startTime;
  let sampled = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (time - profile.startTime < skipMicros || delta <= 0) continue;
    const node = nodes.get(profile.samples[i]);
    const key = keyOf(node.callFrame);
    sampled += delta;
    self.set(key, (self.get(key) ?? 0) + delta);
    const category = categoryOf(node.callFrame);
    categories.set(category, (categories.get(category) ?? 0) + delta);
    if (category === '(idle)' || category === 'writev') continue;
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parents.get(id)) {
      const ancestor = keyOf(nodes.get(id).callFrame);
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      total.set(ancestor, (total.get(ancestor) ?? 0) + delta);
    }
  }
  // The profiler samples wall time: time in (idle) is waiting, and most of the time seen in the
  // native writev is the server thread descheduled while the woken client runs on a shared core.
  // Shares below are of the rest ("busy"), which tracks the process's user CPU time.
  const idle = categories.get('(idle)') ?? 0;
  const writev = categories.get('writev') ?? 0;
  const busy = sampled - idle - writev;
  const perRequest = userMicrosPerRequest === undefined ? undefined : userMicrosPerRequest / busy;
  const pct = (micros) =>
    `${((100 * micros) / busy).toFixed(1).padStart(5)} %${perRequest === undefined ? '' : ` ${(micros * perRequest).toFixed(1).padStart(5)} µs`}`;
  console.log(
    `\nsampled ${(sampled / 1e6).toFixed(2)} s after the warm-up: (idle) ${((100 * idle) / sampled).toFixed(1)} %, ` +
      `writev ${((100 * writev) / sampled).toFixed(1)} %, busy ${((100 * busy) / sampled).toFixed(1)} %.\n` +
      `Shares below are of busy time${perRequest === undefined ? '' : ', with µs per request scaled to the measured user CPU per request'}.\n\nwhere the busy time went:`,
  );
  for (const [category, micros] of [...categories].sort((a, b) => b[1] - a[1])) {
    if (category === '(idle)' || category === 'writev' || micros < busy / 1000) continue;
    console.log(`  ${pct(micros)}  ${category}`);
  }
  console.log(`\ntop ${limit} functions by self time:`);
  const ranked = [...self].filter(
    ([key]) => !key.startsWith('(idle)\t') && !key.startsWith('writev\t'),
  );
  for (const [key, micros] of ranked.sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`  ${pct(micros)}  ${describe(key)}`);
  }
  const ours = (entries) => entries.filter(([key]) => key.includes(`${ROOT_DIR}dist/`));
  console.log(`\npode-ts functions by self time:`);
  for (const [key, micros] of ours([...self])
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)) {
    console.log(`  ${pct(micros)}  self  ${pct(total.get(key))} total  ${describe(key)}`);
  }
  console.log(`\npode-ts functions by total time (self + callees):`);
  for (const [key, micros] of ours([...total])
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)) {
    console.log(`  ${pct(micros)}  ${describe(key)}`);
  }
}

function keyOf(frame) {
  return `${frame.functionName || '(anonymous)'}\t${frame.url}\t${frame.lineNumber}\t${frame.columnNumber}`;
}

function categoryOf(frame) {
  const url = frame.url;
  if (url === '') return frame.functionName || '(native)';
  if (url.includes(`${ROOT_DIR}dist/`)) return 'pode-ts (dist/)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return `dependency ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return `node core (${url.slice(5).split('/')[0]})`;
  if (url.includes(`${ROOT_DIR}bench/`)) return 'bench server script';
  return url;
}

function describe(key) {
  const [name, url, line, column] = key.split('\t');
  if (url === '') return name;
  const where = url.startsWith('file://') ? fileURLToPath(url) : url;
  const original = originalPosition(where, Number(line), Number(column));
  const shown =
    original ??
    `${where.startsWith(ROOT_DIR) ? relative(ROOT_DIR, where) : where}:${Number(line) + 1}`;
  return `${name}  ${shown}`;
}

// dist/… positions mapped back to src/… through the build's source maps.
function originalPosition(file, line, column) {
  if (!file.startsWith(`${ROOT_DIR}dist/`)) return undefined;
  if (!sourceMaps.has(file)) {
    try {
      sourceMaps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      sourceMaps.set(file, undefined);
    }
  }
  const entry = sourceMaps.get(file)?.findEntry(line, column);
  if (entry === undefined || entry.originalSource === undefined) return undefined;
  const source = entry.originalSource.startsWith('file://')
    ? fileURLToPath(entry.originalSource)
    : join(file, '..', entry.originalSource);
  return `${relative(ROOT_DIR, source)}:${entry.originalLine + 1}`;
}
