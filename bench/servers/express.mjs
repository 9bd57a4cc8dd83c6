/**
 * express 5 + express-session (its MemoryStore, or connect-redis over ioredis in the redis mode),
 * with their defaults except what the scenarios fix: cookie `sid`, 120 s, rolling, no resave, no
 * empty sessions saved.
 */
import { RedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
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
const app = express();

if (mode === 'hello') {
  app.get('/', (_request, response) => {
    response.json(HELLO);
  });
} else {
  const store =
    mode === 'redis'
      ? new RedisStore({ client: await redisClient(), prefix: redisPrefix('express') })
      : undefined;
  app.use(
    session({
      secret: SECRET,
      name: 'sid',
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { maxAge: DURATION_SECONDS * 1000, httpOnly: true, sameSite: 'lax' },
      store,
    }),
  );
  app.get('/', (request, response) => {
    request.session.views = (request.session.views ?? 0) + 1;
    response.json({ views: request.session.views });
  });
}

const server = app.listen(0, '127.0.0.1', () => ready(server.address().port));
