/**
 * What every benchmark server shares: its mode from the command line, the secret, the Redis
 * client for the `redis` mode, and the wiring to the harness (the port printed on stdout, CPU and
 * memory figures sent over the IPC channel, exit when the harness goes away).
 *
 * Usage: node bench/servers/<peer>.mjs <mode>, mode one of
 *   hello   GET / → {"hello":"world"}, no sessions (S0)
 *   cookie  GET / → {"views":n}, a session in a cookie, 120 s, sliding expiry (S1, S2)
 *   redis   as cookie, with the sessions in Redis at 127.0.0.1:6379 (S3)
 *   header  as cookie, with the session id in a `pode.sid` request/response header (S4)
 *   static  GET /static/style.css → bench/site/static/style.css, 1 KB, with ETag (S5, S5-304)
 *   view    GET / → bench/site/views/page.eta rendered by Eta: a layout, a partial, 20 rows (S6)
 * Environment: BENCH_REDIS_PREFIX (the Redis key prefix), BENCH_MAX_SESSIONS (pode-ts only).
 */

import { fileURLToPath } from 'node:url';

export const MODES = ['hello', 'cookie', 'redis', 'header', 'static', 'view'];

/** The folder of S5's static file and S6's views (bench/site). */
export const SITE_DIR = fileURLToPath(new URL('../site/', import.meta.url));

/** S5: the URL path of the 1 KB file every peer serves from bench/site/static. */
export const STATIC_PATH = '/static/style.css';

/** S6: the view's data, the same object for every peer: a title, a user and 20 table rows. */
export const VIEW_DATA = {
  title: 'Orders',
  user: 'Morty <morty@example.com>',
  rows: Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    name: `Customer ${i + 1} & Sons`,
    email: `customer${i + 1}@example.com`,
    amount: 10.5 * (i + 1),
    status: i % 3 === 0 ? 'shipped' : i % 3 === 1 ? 'paid' : '<pending>',
  })),
};

/** S6: the options every peer's Eta instance gets (compiled templates cached, output escaped). */
export const ETA_OPTIONS = { cache: true, autoEscape: true };

/** The mode this server was started in; exits with a usage message on anything else. */
export function serverMode(supported = MODES) {
  const mode = process.argv[2] ?? 'hello';
  if (!supported.includes(mode)) {
    console.error(`unsupported mode '${mode}': use one of ${supported.join(', ')}`);
    process.exit(2);
  }
  return mode;
}

/** The signing secret every peer uses (fastify's session plugin wants 32 characters or more). */
export const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** Session lifetime in seconds, with sliding expiry, in every session scenario. */
export const DURATION_SECONDS = 120;

/** The JSON body of the hello scenario. */
export const HELLO = { hello: 'world' };

/** The Redis key prefix for this server (unique per run, so the harness can clean up). */
export function redisPrefix(peer) {
  return process.env.BENCH_REDIS_PREFIX ?? `pode-bench:${process.pid}:${peer}:`;
}

/** An ioredis client on 127.0.0.1:6379 (imported lazily: only the redis mode needs it). */
export async function redisClient() {
  const { Redis } = await import('ioredis');
  // The settings docs/scaling.md recommends (the same client for every peer).
  const client = new Redis({
    host: '127.0.0.1',
    port: 6379,
    maxRetriesPerRequest: 1,
    socketTimeout: 5000,
  });
  client.on('error', () => {}); // reported by the failing requests, not as an unhandled event
  return client;
}

/**
 * Tells the harness the server is listening (one JSON line on stdout) and answers its stats
 * requests over IPC: `{ type: 'stats' }` → process.cpuUsage() and memoryUsage(), `{ type: 'gc' }`
 * runs a full collection first when the process has --expose-gc.
 */
export function ready(port, extra = () => ({})) {
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid })}\n`);
  process.on('message', (message) => {
    if (message === null || typeof message !== 'object') return;
    if (message.type === 'gc' && typeof globalThis.gc === 'function') globalThis.gc();
    if (message.type === 'stats' || message.type === 'gc') {
      process.send?.({
        id: message.id,
        cpu: process.cpuUsage(),
        memory: process.memoryUsage(),
        ...extra(),
      });
    }
  });
}

// Exit (normally, so `node --cpu-prof` writes its profile) on a signal or when the harness is gone.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
process.on('disconnect', () => process.exit(0));
