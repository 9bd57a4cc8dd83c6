/**
 * express 5 + express-session (its MemoryStore, or connect-redis over ioredis in the redis mode),
 * with their defaults except what the scenarios fix: cookie `sid`, 120 s, rolling, no resave, no
 * empty sessions saved. S5: `express.static` (serve-static); S6: Eta through `res.render`.
 */
import { relative } from 'node:path';
import { RedisStore } from 'connect-redis';
import { Eta } from 'eta';
import express from 'express';
import session from 'express-session';
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
const app = express();

if (mode === 'static') {
  // S5: serve-static (express's own static middleware) on bench/site/static.
  app.use('/static', express.static(`${SITE_DIR}static`));
} else if (mode === 'view') {
  // S6: the same Eta as the other peers through express's view system, view cache on (as
  // NODE_ENV=production sets it).
  const views = `${SITE_DIR}views`;
  const eta = new Eta({ views, ...ETA_OPTIONS });
  app.engine('eta', (path, data, done) => {
    try {
      done(null, eta.render(`./${relative(views, path)}`, data));
    } catch (error) {
      done(error);
    }
  });
  app.set('views', views);
  app.set('view engine', 'eta');
  app.set('view cache', true);
  app.get('/', (_request, response) => {
    response.render('page', VIEW_DATA);
  });
} else if (mode === 'hello') {
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
