/**
 * fastify 5 + @fastify/cookie + @fastify/session (its memory store, or connect-redis over
 * ioredis in the redis mode: @fastify/session takes express-session stores): cookie `sid`,
 * 120 s, rolling, empty sessions not saved. S5: @fastify/static; S6: Eta through @fastify/view.
 */
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';
import Fastify from 'fastify';
import {
  DURATION_SECONDS,
  ETA_OPTIONS,
  HELLO,
  ready,
  redisClient,
  redisPrefix,
  SECRET,
  SITE_DIR,
  serverMode,
  VIEW_DATA,
} from './common.mjs';

const mode = serverMode(['hello', 'cookie', 'redis', 'static', 'view']);
const app = Fastify({ logger: false });

if (mode === 'static') {
  // S5: @fastify/static (itself on @fastify/send) on bench/site/static.
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, { root: `${SITE_DIR}static`, prefix: '/static/' });
} else if (mode === 'view') {
  // S6: the same Eta as the other peers through @fastify/view, in production mode (cached).
  const { default: fastifyView } = await import('@fastify/view');
  const { Eta } = await import('eta');
  await app.register(fastifyView, {
    engine: { eta: new Eta({ views: `${SITE_DIR}views`, ...ETA_OPTIONS }) },
    root: `${SITE_DIR}views`,
    production: true,
  });
  app.get('/', (_request, reply) => reply.view('page', VIEW_DATA));
} else if (mode === 'hello') {
  app.get('/', (_request, reply) => {
    reply.send(HELLO);
  });
} else {
  const store =
    mode === 'redis'
      ? new RedisStore({ client: await redisClient(), prefix: redisPrefix('fastify') })
      : undefined;
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: SECRET,
    cookieName: 'sid',
    cookie: { maxAge: DURATION_SECONDS * 1000, secure: false, httpOnly: true, sameSite: 'lax' },
    rolling: true,
    saveUninitialized: false,
    store,
  });
  app.get('/', (request, reply) => {
    const views = (request.session.get('views') ?? 0) + 1;
    request.session.set('views', views);
    reply.send({ views });
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
ready(app.server.address().port);
