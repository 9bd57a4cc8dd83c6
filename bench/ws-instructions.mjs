/**
 * S7 by instruction count: each peer of bench/servers/ws-count.mjs runs under
 * `valgrind --tool=callgrind`, and clients here send it `small` then `large` echo round trips
 * (in two runs); (Ir(large) − Ir(small)) / (large − small) is the server's user-space
 * instructions per message, start-up and warm-up cancelled out. Instruction counts repeat
 * from run to run on a loaded machine, where CPU time does not; they leave out the kernel's
 * share (the socket read and write, the same for every peer).
 *
 *   node bench/ws-instructions.mjs [--peers raw,raw-json,pode] [--small 2000] [--large 6000] [--clients 4]
 *   --no-valgrind: process.cpuUsage() instead (user + system µs per message)
 *   --single-threaded: V8 compiles and collects on the main thread, which is all that is counted
 *
 * Peers: raw (ws echoing the bytes: the limit), raw-json (ws doing the signal protocol's own
 * work: decode, JSON.parse, send the `message` back as text), raw-als, pode, pode-lite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    peers: { type: 'string', default: 'raw,raw-json,pode,pode-lite' },
    small: { type: 'string', default: '2000' },
    large: { type: 'string', default: '6000' },
    clients: { type: 'string', default: '4' },
    'no-valgrind': { type: 'boolean', default: false },
    'single-threaded': { type: 'boolean', default: false },
  },
});
const valgrind = !values['no-valgrind'];
const clients = Number(values.clients);
const script = fileURLToPath(new URL('./servers/ws-count.mjs', import.meta.url));
const PATHS = { raw: '/', 'raw-als': '/', 'raw-json': '/', pode: '/echo', 'pode-lite': '/echo' };

/** Starts `peer`, plays `count` round trips, stops it; resolves to its Ir (or CPU µs). */
async function run(peer, count) {
  const dir = mkdtempSync(join(tmpdir(), 'ws-ir-'));
  const out = join(dir, 'callgrind.out');
  const args = valgrind
    ? [
        '--tool=callgrind',
        `--callgrind-out-file=${out}`,
        '--separate-threads=yes',
        process.execPath,
      ]
    : [];
  const cpuFile = join(dir, 'cpu.json');
  const child = spawn(
    valgrind ? 'valgrind' : process.execPath,
    [
      ...args,
      ...(valgrind
        ? []
        : ['--import', `data:text/javascript,${encodeURIComponent(cpuHook(cpuFile))}`]),
      // --single-threaded (V8's flag): the compiler and GC run on the main thread too, so the
      // count is all of the server's work, including whatever optimising compile or major GC
      // falls into the measured window (a diagnosis: it shows where the run-to-run noise is).
      ...(values['single-threaded'] ? ['--single-threaded'] : []),
      script,
      peer,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).port));
    child.once('exit', (code) => reject(new Error(`${peer} exited with ${code}: ${stderr}`)));
  });
  const url = `ws://127.0.0.1:${port}${PATHS[peer]}`;
  const sockets = await Promise.all(
    Array.from(
      { length: clients },
      () =>
        new Promise((resolve, reject) => {
          const socket = new WebSocket(url, { perMessageDeflate: false });
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  const payload = JSON.stringify({ message: 'hello from the benchmark client' });
  const each = Math.ceil(count / clients);
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise((resolve) => {
          let left = each;
          socket.on('message', () => {
            left--;
            if (left === 0) resolve();
            else socket.send(payload);
          });
          socket.send(payload);
        }),
    ),
  );
  for (const socket of sockets) socket.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  let figure;
  if (valgrind) {
    // The main thread only (-01): the compiler and GC threads run on their own schedule.
    const text = readFileSync(`${out}-01`, 'utf8');
    figure = Number(/^totals:\s+(\d+)/m.exec(text)?.[1] ?? /^summary:\s+(\d+)/m.exec(text)?.[1]);
  } else {
    figure = JSON.parse(readFileSync(cpuFile, 'utf8'));
  }
  rmSync(dir, { recursive: true, force: true });
  return figure;
}

/** CPU mode: the server writes its process.cpuUsage() (µs) when it exits. */
function cpuHook(file) {
  return `import { writeFileSync } from 'node:fs';
process.on('exit', () => { const u = process.cpuUsage(); writeFileSync(${JSON.stringify(file)}, JSON.stringify(u.user + u.system)); });`;
}

const small = Number(values.small);
const large = Number(values.large);
const results = {};
for (const peer of values.peers.split(',')) {
  const a = await run(peer, small);
  const b = await run(peer, large);
  results[peer] = (b - a) / (each(large) - each(small));
  console.log(
    `${peer}: ${results[peer].toFixed(valgrind ? 0 : 2)} ${valgrind ? 'instructions' : 'µs CPU'} per message`,
  );
}
const base = results.raw;
if (base !== undefined) {
  for (const [peer, value] of Object.entries(results))
    console.log(`${peer}: ${(value / base).toFixed(3)}× raw`);
}

function each(count) {
  return Math.ceil(count / clients) * clients;
}
