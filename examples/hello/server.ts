/**
 * The README's quick start: a view counter kept in a session. Each browser (each cookie jar)
 * gets its own count; the count survives for two minutes of inactivity.
 *
 * Run it: npm run build:examples && node .examples-dist/examples/hello/server.js
 * (PORT and HOST pick where it listens: default localhost:8080).
 */
import { pathToFileURL } from 'node:url';
import { type RunningServer, type ServerOptions, startServer } from 'pode-ts';

declare module 'pode-ts' {
  interface SessionData {
    views?: number;
  }
}

/** Starts the view counter on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
    s.enableSessionMiddleware({ duration: 120, extend: true });
    s.addRoute({ method: 'GET', path: '/' }, (e) => {
      e.session.data.views = (e.session.data.views ?? 0) + 1;
      e.writeJson({ views: e.session.data.views });
    });
  }, options);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`hello: ${server.url}`);
}
