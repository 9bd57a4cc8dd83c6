/**
 * The practical limit: raw node:http with a minimal hand-written session. The id is signed like
 * pode-ts's (`s:<id>.<Base64 HMAC-SHA256>`, checked in constant time), the data lives in a Map
 * (or in Redis as JSON), and a valid incoming signed value is sent back as it came (no re-sign).
 * No cap on the Map: a flood of new sessions grows it (see S2's RSS).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import {
  DURATION_SECONDS,
  HELLO,
  ready,
  redisClient,
  redisPrefix,
  SECRET,
  serverMode,
} from './common.mjs';

const mode = serverMode();
const SITE_MODES = new Set(['static', 'view']);
const NAME = mode === 'header' ? 'pode.sid' : 'sid';
const HEADER = NAME.toLowerCase();
const JSON_TYPE = 'application/json; charset=utf-8';
const LIFETIME = DURATION_SECONDS * 1000;

/** In-memory sessions: id → { data, expires }. */
const sessions = new Map();
const redis = mode === 'redis' ? await redisClient() : undefined;
const prefix = redisPrefix('node');

// S5 and S6 (static, view) are answered by site.mjs; the session modes below.
const server = createServer(
  SITE_MODES.has(mode)
    ? await siteResponder(mode)
    : (request, response) => {
        if (request.method !== 'GET' || request.url !== '/') {
          response.statusCode = 404;
          response.end();
          return;
        }
        if (mode === 'hello') {
          response.setHeader('Content-Type', JSON_TYPE);
          // Serialised per request, as every other peer does with the same object.
          response.end(JSON.stringify(HELLO));
          return;
        }
        const incoming =
          mode === 'header' ? request.headers[HEADER] : readCookie(request.headers.cookie, NAME);
        const id = typeof incoming === 'string' ? unsign(incoming) : null;
        if (redis === undefined) {
          const now = Date.now();
          let entry = id === null ? undefined : sessions.get(id);
          let signed = incoming;
          let key = id;
          if (entry === undefined || entry.expires <= now) {
            key = randomUUID();
            signed = sign(key);
            entry = { data: {}, expires: 0 };
            sessions.set(key, entry);
          }
          entry.data.views = (entry.data.views ?? 0) + 1;
          entry.expires = now + LIFETIME;
          respond(response, signed, now, entry.data.views);
          return;
        }
        loadFromRedis(id).then(
          async (data) => {
            const key = data === null ? randomUUID() : id;
            const session = data ?? {};
            session.views = (session.views ?? 0) + 1;
            await redis.set(prefix + key, JSON.stringify(session), 'EX', DURATION_SECONDS);
            respond(response, data === null ? sign(key) : incoming, Date.now(), session.views);
          },
          () => {
            response.statusCode = 503;
            response.end();
          },
        );
      },
);

async function siteResponder(siteMode) {
  const { siteHandler } = await import('./site.mjs');
  return siteHandler(siteMode);
}

server.listen(0, '127.0.0.1', () =>
  ready(server.address().port, () => ({ sessions: sessions.size })),
);

async function loadFromRedis(id) {
  if (id === null) return null;
  const json = await redis.get(prefix + id);
  return json === null ? null : JSON.parse(json);
}

function respond(response, signed, now, views) {
  if (mode === 'header') {
    response.setHeader(NAME, signed);
    response.setHeader('Access-Control-Expose-Headers', NAME);
  } else {
    response.setHeader(
      'Set-Cookie',
      `${NAME}=${signed}; Path=/; Max-Age=${DURATION_SECONDS}; Expires=${new Date(now + LIFETIME).toUTCString()}; HttpOnly; SameSite=Lax`,
    );
  }
  response.setHeader('Content-Type', JSON_TYPE);
  response.end(`{"views":${views}}`);
}

function sign(id) {
  return `s:${id}.${createHmac('sha256', SECRET).update(id).digest('base64')}`;
}

function unsign(value) {
  const dot = value.lastIndexOf('.');
  if (!value.startsWith('s:') || dot < 3 || value.length - dot - 1 !== 44) return null;
  const id = value.slice(2, dot);
  const expected = createHmac('sha256', SECRET).update(id).digest();
  const given = Buffer.from(value.slice(dot + 1), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

function readCookie(header, name) {
  if (header === undefined) return undefined;
  const start = header.startsWith(`${name}=`) ? 0 : header.indexOf(`; ${name}=`) + 2;
  if (start === 1) return undefined;
  const from = start + name.length + 1;
  const end = header.indexOf(';', from);
  return header.slice(from, end === -1 ? undefined : end);
}
