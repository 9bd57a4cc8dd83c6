/**
 * koa 3 + koa-session with a server-side store (a Map with lazy expiry, or JSON in Redis over
 * ioredis in the redis mode): cookie `sid` (signed by koa's keygrip), 120 s, rolling.
 */
import Koa from 'koa';
import session from 'koa-session';
import {
  DURATION_SECONDS,
  HELLO,
  ready,
  redisClient,
  redisPrefix,
  SECRET,
  serverMode,
} from './common.mjs';

const mode = serverMode(['hello', 'cookie', 'redis']);
const app = new Koa();
app.keys = [SECRET];

if (mode !== 'hello') {
  const store = mode === 'redis' ? redisStore(await redisClient(), redisPrefix('koa')) : mapStore();
  app.use(
    session(
      {
        key: 'sid',
        maxAge: DURATION_SECONDS * 1000,
        rolling: true,
        httpOnly: true,
        signed: true,
        sameSite: 'lax',
        store,
      },
      app,
    ),
  );
}

app.use((ctx) => {
  if (ctx.method !== 'GET' || ctx.path !== '/') {
    ctx.status = 404;
    return;
  }
  if (mode === 'hello') {
    ctx.body = HELLO;
    return;
  }
  ctx.session.views = (ctx.session.views ?? 0) + 1;
  ctx.body = { views: ctx.session.views };
});

const server = app.listen(0, '127.0.0.1', () => ready(server.address().port));

/** koa-session's external store contract over a Map: key → { session, expires }. */
function mapStore() {
  const entries = new Map();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expires <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.session;
    },
    set(key, value, maxAge) {
      entries.set(key, { session: value, expires: Date.now() + maxAge });
    },
    destroy(key) {
      entries.delete(key);
    },
  };
}

/** The same contract over Redis (JSON values with a TTL). */
function redisStore(client, prefix) {
  return {
    async get(key) {
      const json = await client.get(prefix + key);
      return json === null ? undefined : JSON.parse(json);
    },
    async set(key, value, maxAge) {
      await client.set(prefix + key, JSON.stringify(value), 'PX', maxAge);
    },
    async destroy(key) {
      await client.del(prefix + key);
    },
  };
}
