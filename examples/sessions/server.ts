/**
 * The session view counter of the seed, with a sliding expiry and a custom id generator.
 *
 * Every visit adds one to a counter kept in the visitor's session. The session lasts two minutes
 * after the last visit (`extend: true` re-sends the cookie on every response with a fresh
 * Max-Age), and new session ids come from `generator` (here a random UUID) instead of the
 * default nanoid. `/forget` removes the session; `/about` shows where the expiry stands.
 *
 * Run it: npm run build:examples && node .examples-dist/examples/sessions/server.js
 * (PORT and HOST pick where it listens: default localhost:8082). See README.md for a curl walk.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  getSessionDuration,
  getSessionExpiry,
  type RunningServer,
  type ServerOptions,
  sessionScope,
  startServer,
} from 'pode-ts';

declare module 'pode-ts' {
  interface SessionData {
    views?: number;
  }
}

/** The session lifetime in seconds, restarted by every visit. */
export const DURATION = 120;

/** Starts the view counter on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8082),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
    s.enableSessionMiddleware({
      duration: DURATION,
      extend: true,
      // Any function returning 1–256 characters of [A-Za-z0-9_.~-], sync or async.
      generator: () => randomUUID(),
    });

    // The seed's counter, written against e.session.
    s.addRoute({ method: 'GET', path: '/' }, (e) => {
      e.session.data.views = (e.session.data.views ?? 0) + 1;
      e.writeJson({ views: e.session.data.views });
    });

    // The same counter through sessionScope (Pode's $session:), from a helper function.
    s.addRoute('GET', '/scoped', (e) => {
      e.writeJson({ views: countView() });
    });

    // When the session ends if the visitor stops now, and its length; reading changes nothing.
    s.addRoute('GET', '/about', (e) => {
      e.writeJson({
        views: e.session.data.views ?? 0,
        expires: getSessionExpiry().toISOString(),
        durationSeconds: getSessionDuration(),
      });
    });

    // Ends the session: the record is deleted and the browser told to drop the cookie.
    s.addRoute('GET', '/forget', async (e) => {
      await e.session.remove();
      e.writeJson({ forgotten: true });
    });
  }, options);
}

/** Adds one view to the current request's session, wherever it is called from. */
function countView(): number {
  sessionScope.views = (sessionScope.views ?? 0) + 1;
  return sessionScope.views;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`sessions: ${server.url}`);
}
