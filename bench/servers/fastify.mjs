/**
 * fastify 5 + @fastify/cookie + @fastify/session (its memory store, or connect-redis over
 * ioredis in the redis mode: @fastify/session takes express-session stores): cookie `sid`,
 * 120 s, rolling, empty sessions not saved.
 */
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';
import Fastify from 'fastify';
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
const app = Fastify({ logger: false });

if (mode === 'hello') {
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
