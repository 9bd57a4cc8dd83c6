/**
 * A port of Pode's `examples/Middleware.ps1`.
 *
 * The original's intent: show the places logic can sit around a route. A global middleware
 * limited to one path, a global middleware that blocks PowerShell clients with a 403 and
 * otherwise stores the client's User-Agent for later steps, a route middleware that rejects one
 * IP address before the route runs, and two small JSON routes (`/users`, `/alive`).
 *
 * Added here to show the rest of the pipeline: a global middleware with a route filter that
 * rejects `/api/*` requests without the right `X-API-Key` header (401), and an endware that logs
 * every request with its status, which runs even when a middleware stopped the request.
 * (Pode's rate-limit rule from the original is not ported: pode-ts has no limit rules.)
 *
 * Run it: npm run build:examples && node .examples-dist/examples/middleware/server.js
 *   curl http://localhost:8081/users
 *   curl -A 'PowerShell/7.4' http://localhost:8081/users     → 403
 *   curl http://localhost:8081/api/status                     → 401
 *   curl -H 'X-API-Key: let-me-in' http://localhost:8081/api/status
 */
import { pathToFileURL } from 'node:url';
import {
  type Middleware,
  type RunningServer,
  type ServerOptions,
  setResponseStatus,
  startServer,
  type WebEvent,
  writeJsonResponse,
} from 'pode-ts';

declare module 'pode-ts' {
  interface WebEventMetadata {
    agent?: string;
  }
}

/** The API key `/api/*` requests must send in `X-API-Key` (from the environment, or a demo value). */
export const API_KEY = process.env.API_KEY ?? 'let-me-in';

/** The address the route middleware turns away, as in the original. */
const REJECTED_IP = '10.10.1.8';

/** Where the request log goes: the console, or a function a test passes. */
type LogLine = (line: string) => void;

/** Starts the server on `port` (0 picks a free one) and resolves to it. */
export function start(
  port = Number(process.env.PORT ?? 8081),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
  log: LogLine = console.log,
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });

    // Runs only for requests to /users (Pode: Add-PodeMiddleware -Route '/users').
    s.addMiddleware('RouteMiddleware', (e) => e.setHeader('X-Route-Middleware', 'users'), {
      route: '/users',
    });

    // Blocks PowerShell clients; everyone else's User-Agent is kept for later steps.
    s.addMiddleware('BlockPowershell', (e) => {
      const agent = e.headers['user-agent'] ?? '';
      if (agent.toLowerCase().includes('powershell')) {
        e.setStatus(403);
        return false;
      }
      e.metadata.agent = agent;
    });

    // Rejects /api/* requests without the right key; other paths never run it.
    s.addMiddleware({ name: 'ApiKey', route: '/api/*' }, (e) => {
      if (e.getHeader('x-api-key') !== API_KEY) {
        e.setStatus(401, { description: 'An X-API-Key header is required' });
        return false;
      }
    });

    // Runs after every request, stopped ones and 404s included.
    s.addEndware((e) => {
      log(`${e.method} ${e.path} ${e.response.statusCode} ${e.elapsed}ms`);
    });

    s.addRoute({ method: 'GET', path: '/users', middleware: [rejectIp] }, (e) => {
      e.writeJson({ users: ['John', 'Bill'], agent: e.metadata.agent });
    });

    s.addRoute('GET', '/alive', () => writeJsonResponse({ alive: true }));

    s.addRoute('GET', '/api/status', (e) => e.writeJson({ status: 'ok', path: e.path }));
  }, options);
}

/** Route middleware: checked before the `/users` route runs. */
const rejectIp: Middleware = (e: WebEvent) => {
  if (e.remoteAddress === REJECTED_IP) {
    setResponseStatus(403);
    return false;
  }
  return true;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`middleware example: ${server.url}/users`);
}
