/**
 * The demo `npm start` runs: the seed's session view counter on PORT (default 8080) and the
 * form-login site of examples/login-site on PORT + 1.
 *
 * Pode's intent, kept: `Enable-PodeSessionMiddleware -Duration 120 -Extend` and a route that
 * counts the views of each session in `$WebEvent.Session.Data.Views`. Each browser gets its own
 * count, kept two minutes after its last request; `/forget` removes the session.
 */
import { pathToFileURL } from 'node:url';
import { type RunningServer, removeSession, type ServerOptions, startServer } from 'pode-ts';
import { start as startLoginSite } from '../login-site/server.js';

declare module 'pode-ts' {
  interface SessionData {
    views?: number;
  }
}

/** The counter's cookie name: browsers share cookies across ports, so the login site keeps `pode.sid`. */
export const COUNTER_COOKIE = 'counter.sid';

/** Starts the view counter on `port` (0 picks a free one) and resolves to the running server. */
export function startViewCounter(
  port: number,
  address = 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
    s.enableSessionMiddleware({ name: COUNTER_COOKIE, duration: 120, extend: true });
    s.addRoute({ method: 'GET', path: '/' }, (e) => {
      e.session.data.views = (e.session.data.views ?? 0) + 1;
      e.writeJson({ views: e.session.data.views });
    });
    s.addRoute('GET', '/forget', async (e) => {
      await removeSession();
      e.writeJson({ views: 0 });
    });
  }, options);
}

/**
 * Starts the view counter on `port` and the login site on `port + 1` (both on free ports when
 * `port` is 0) and resolves to both servers: stop each when done.
 */
export async function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<{ counter: RunningServer; loginSite: RunningServer }> {
  const counter = await startViewCounter(port, address, options);
  try {
    const loginSite = await startLoginSite(port === 0 ? 0 : port + 1, address, options);
    return { counter, loginSite };
  } catch (error) {
    await counter.stop();
    throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env.npm_lifecycle_event === 'start') stopWithParent();
  const { counter, loginSite } = await start();
  console.log(
    [
      'pode-ts demo',
      `  view counter: ${counter.url}/   (reload to count, /forget to start again)`,
      `  login site:   ${loginSite.url}/   (log in as morty / pickle)`,
    ].join('\n'),
  );
}

/**
 * `npm start` runs this file under a shell (`sh -c …`), and npm passes SIGINT/SIGTERM to that
 * shell only, which exits without passing them on: a process manager's SIGTERM to npm would leave
 * this server running. So, started by npm, stop as on SIGTERM once the parent shell is gone.
 */
function stopWithParent(): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, 200);
  timer.unref();
}
