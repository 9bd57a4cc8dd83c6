/**
 * pode-ts from this repository's build (dist/): sessions with `duration: 120, extend: true`, the
 * default memory store (or RedisStore from pode-ts/redis in the redis mode), `useHeaders` in the
 * header mode. BENCH_MAX_SESSIONS sets the memory store's cap (the memory check uses it);
 * BENCH_ASYNC_CONTEXT=off starts it with `asyncContext: false` (pode-lite.mjs); BENCH_PODE_DIST
 * names another build directory to use instead of dist/. BENCH_LIMITS=on adds an access rule and
 * a rate rule, and puts S1's route behind a sessionless custom authentication and a role access
 * check (pode-limited.mjs).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  HELLO,
  ready,
  redisClient,
  redisPrefix,
  SECRET,
  SITE_DIR,
  serverMode,
  VIEW_DATA,
} from './common.mjs';

// BENCH_PODE_DIST: another pode-ts build to measure instead of dist/ (bench/compare.mjs uses it).
const dist = process.env.BENCH_PODE_DIST
  ? pathToFileURL(`${process.env.BENCH_PODE_DIST}/`)
  : new URL('../../dist/', import.meta.url);
const pode = await import(new URL('index.js', dist).href);
const { startServer } = pode;
const mode = serverMode();
const sessionOptions = { duration: 120, extend: true };
if (mode === 'header') sessionOptions.useHeaders = true;
if (process.env.BENCH_MAX_SESSIONS !== undefined) {
  sessionOptions.maxSessions = Number(process.env.BENCH_MAX_SESSIONS);
}
if (mode === 'redis') {
  const entry = new URL('redis/index.js', dist);
  if (!existsSync(entry)) {
    console.error('pode-ts/redis is not built (dist/redis/index.js is missing)');
    process.exit(3);
  }
  const { RedisStore } = await import(entry.href);
  sessionOptions.storage = new RedisStore({
    client: await redisClient(),
    prefix: redisPrefix('pode'),
  });
  sessionOptions.secret = SECRET;
}

const server = await startServer(
  (s) => {
    s.addEndpoint({ address: '127.0.0.1', port: 0 });
    if (process.env.BENCH_LIMITS === 'on') {
      s.addLimitAccessRule('local', {
        action: 'allow',
        components: [pode.newLimitIpComponent({ ip: '127.0.0.1' })],
      });
      s.addLimitRateRule('per-ip', {
        limit: 1_000_000_000,
        components: [pode.newLimitIpComponent(), pode.newLimitRouteComponent({ path: '/' })],
      });
      // One access check on S1's route: a role access method over a user every request has.
      const reader = { Username: 'bench', Roles: ['Reader'] };
      s.addAuth(
        'Bench',
        pode.custom((e) => e.method),
        () => ({ user: reader }),
        {
          sessionless: true,
        },
      );
      s.addAccess('Rbac', pode.newAccessScheme({ type: 'role' }));
    }
    if (mode === 'hello') {
      s.addRoute('GET', '/', (e) => e.writeJson(HELLO));
      return;
    }
    if (mode === 'static') {
      // S5: a static route on bench/site/static (Add-PodeStaticRoute), the server root bench/site.
      s.addStaticRoute('/static', './static');
      return;
    }
    if (mode === 'view') {
      // S6: Eta views from bench/site/views (Set-PodeViewEngine, Write-PodeViewResponse).
      s.setViewEngine({ type: 'eta' });
      s.addRoute('GET', '/', (e) => e.writeView('page', VIEW_DATA));
      return;
    }
    s.enableSessionMiddleware(sessionOptions);
    const counter = (e) => {
      const views = (e.session.data.views ?? 0) + 1;
      e.session.data.views = views;
      e.writeJson({ views });
    };
    if (process.env.BENCH_LIMITS === 'on') {
      s.addRoute(
        { method: 'GET', path: '/', authentication: 'Bench', access: 'Rbac', role: 'Reader' },
        counter,
      );
    } else {
      s.addRoute('GET', '/', counter);
    }
  },
  {
    logger: false,
    handleSignals: false,
    root: SITE_DIR,
    asyncContext: process.env.BENCH_ASYNC_CONTEXT !== 'off',
  },
);

ready(server.endpoints[0].port);
