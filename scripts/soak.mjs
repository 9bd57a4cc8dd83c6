// Soak test: drives mixed session traffic at a pode-ts server for a configurable time and
// reports errors, p99 latency and the server's RSS over time. Loopback only, bounded.
//
//   npm run soak                        # 60 s
//   npm run soak -- --duration=600      # 10 minutes
//   npm run soak -- --duration=30 --connections=10 --window=5
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  }),
);
const duration = Math.min(Number(args.duration ?? 60), 24 * 3600);
const connections = Math.min(Number(args.connections ?? 20), 200);
const windowSeconds = Math.max(1, Math.min(Number(args.window ?? 10), duration));

const script = fileURLToPath(new URL('./soak-server.mjs', import.meta.url));
const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
const stop = () => child.kill('SIGTERM');
process.on('exit', stop);
const [line] = await once(child.stdout, 'data');
const { port } = JSON.parse(line.toString());
const url = `http://127.0.0.1:${port}`;

async function stats() {
  const response = await fetch(`${url}/__stats`);
  return response.json();
}

// Each connection keeps its own cookie jar, like a browser: counter, login, counter, logout…
function setupClient(client) {
  let cookie;
  client.on('headers', (headers) => {
    const setCookie = headers['set-cookie'];
    const line = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (line) cookie = line.includes('Max-Age=0') ? undefined : line.split(';')[0];
  });
  const withCookie = (request) => {
    request.headers = cookie ? { ...request.headers, cookie } : request.headers;
    return request;
  };
  client.setRequests([
    { method: 'GET', path: '/', setupRequest: withCookie },
    { method: 'GET', path: '/', setupRequest: withCookie },
    { method: 'POST', path: '/login', setupRequest: withCookie },
    { method: 'GET', path: '/', setupRequest: withCookie },
    { method: 'GET', path: '/hello' },
    { method: 'GET', path: '/', headers: {} },
    { method: 'POST', path: '/logout', setupRequest: withCookie },
  ]);
}

const rows = [];
const started = Date.now();
let totalErrors = 0;
let totalNon2xx = 0;
console.log(
  `soak: ${duration}s against ${url}, ${connections} connections, windows of ${windowSeconds}s`,
);
console.log(
  '| t (s) | req/s | p50 ms | p99 ms | errors | non-2xx | RSS MiB | heap MiB | sessions |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
while ((Date.now() - started) / 1000 < duration) {
  const seconds = Math.min(windowSeconds, Math.ceil(duration - (Date.now() - started) / 1000));
  if (seconds <= 0) break;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    setupClient,
    timeout: 10,
  });
  const server = await stats();
  totalErrors += result.errors + result.timeouts;
  totalNon2xx += result.non2xx;
  const row = {
    t: Math.round((Date.now() - started) / 1000),
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rss: (server.rss / 2 ** 20).toFixed(1),
    heap: (server.heapUsed / 2 ** 20).toFixed(1),
    sessions: server.sessions,
  };
  rows.push(row);
  console.log(`| ${Object.values(row).join(' | ')} |`);
}
stop();
const p99s = rows.map((row) => row.p99).sort((a, b) => a - b);
console.log(
  `\nsoak done: ${rows.length} windows, errors ${totalErrors}, non-2xx ${totalNon2xx}, worst p99 ${p99s.at(-1)} ms, RSS first ${rows[0]?.rss} MiB → last ${rows.at(-1)?.rss} MiB`,
);
process.exit(totalErrors === 0 && totalNon2xx === 0 ? 0 : 1);
