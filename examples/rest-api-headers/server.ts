/**
 * A small notes API whose session travels in a header instead of a cookie (`useHeaders`), for
 * clients that do not keep cookies: scripts, mobile apps, curl.
 *
 * The client logs in with `POST /login`; the response carries the signed session id in the
 * `pode.sid` header (and names it in `Access-Control-Expose-Headers`, so browser code on another
 * origin can read it). The client sends that header back on every request. Sessions last ten
 * minutes after the last request (`extend`), and the header is re-sent on every response.
 * Logging in regenerates the session id, so an id handed out before the login is worth nothing
 * after it.
 *
 * Run it: npm run build:examples && node .examples-dist/examples/rest-api-headers/server.js
 * (PORT and HOST pick where it listens: default localhost:8083). README.md drives it with curl.
 */
import { pathToFileURL } from 'node:url';
import { type RunningServer, type ServerOptions, startServer, type WebEvent } from 'pode-ts';

declare module 'pode-ts' {
  interface SessionData {
    username?: string;
    notes?: string[];
  }
}

/** The request and response header that carries the session. */
export const SESSION_HEADER = 'pode.sid';

/** Starts the API on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8083),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
    s.enableSessionMiddleware({
      useHeaders: true,
      name: SESSION_HEADER,
      duration: 600,
      extend: true,
      // Set SESSION_SECRET to keep sessions valid across restarts (with a shared store).
      secret: process.env.SESSION_SECRET,
    });

    s.addRoute('POST', '/login', async (e) => {
      const username = String((e.data as { username?: unknown }).username ?? '').trim();
      if (!/^[\w.-]{1,40}$/.test(username)) {
        e.writeJson(
          { error: 'Send {"username": "..."}: letters, digits, . _ -' },
          { statusCode: 400 },
        );
        return;
      }
      await e.session.regenerate(); // a new id for the logged-in session
      e.session.data.username = username;
      e.session.data.notes ??= [];
      e.writeJson({ username });
    });

    s.addRoute({ method: 'GET', path: '/notes', middleware: [requireLogin] }, (e) => {
      e.writeJson({ username: e.session.data.username, notes: e.session.data.notes ?? [] });
    });

    s.addRoute({ method: 'POST', path: '/notes', middleware: [requireLogin] }, (e) => {
      const text = String((e.data as { text?: unknown }).text ?? '').trim();
      if (text === '') {
        e.writeJson({ error: 'Send {"text": "..."}' }, { statusCode: 400 });
        return;
      }
      e.session.data.notes = [...(e.session.data.notes ?? []), text];
      e.writeJson({ notes: e.session.data.notes }, { statusCode: 201 });
    });

    s.addRoute({ method: 'DELETE', path: '/notes', middleware: [requireLogin] }, (e) => {
      e.session.data.notes = [];
      e.setStatus(204);
    });

    s.addRoute('POST', '/logout', async (e) => {
      await e.session.remove();
      e.setStatus(204);
    });
  }, options);
}

/** Route middleware: a session without a username gets 401 and the route does not run. */
function requireLogin(e: WebEvent): boolean {
  if (e.session.data.username !== undefined) return true;
  e.writeJson(
    { error: `Log in first: POST /login, then send the ${SESSION_HEADER} header` },
    { statusCode: 401 },
  );
  return false;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`rest-api-headers: ${server.url}`);
}
