/**
 * The demo `npm start` runs: a small styled site on PORT (default 8080) that shows what pode-ts
 * is. Eta views with a layout and a partial (views/), a stylesheet from the `public/` folder, a
 * form login kept in the session, the session's view counter, a flash message after a form post,
 * and a download sent with `setResponseAttachment`.
 *
 * Pode's intent, kept: `Set-PodeViewEngine`, `Write-PodeViewResponse -FlashMessages`,
 * `Enable-PodeSessionMiddleware -Duration 120 -Extend`, `New-PodeAuthScheme -Form | Add-PodeAuth`
 * with `-Login`/`-Logout` routes, `$WebEvent.Session.Data.Views`, `Add-PodeFlashMessage`,
 * `Enable-PodeCsrfMiddleware` and `Set-PodeResponseAttachment`.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  addFlashMessage,
  form,
  getFlashMessage,
  newCsrfToken,
  type RunningServer,
  type ServerOptions,
  startServer,
} from 'pode-ts';

declare module 'pode-ts' {
  interface AuthUser {
    username: string;
    name: string;
  }
  interface SessionData {
    views?: number;
  }
}

const here = dirname(fileURLToPath(import.meta.url));
/** The site's folder (views/ and public/): this file's, or examples/demo when run from the build. */
export const SITE_ROOT = existsSync(join(here, 'views'))
  ? here
  : resolve(here, '../../../examples/demo');

/** The file `/download` sends, in public/files. */
export const DOWNLOAD = 'pode-ts-cheatsheet.txt';

/** Starts the demo site on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer(
    (s) => {
      s.addEndpoint({ address, port, protocol: 'http' });
      s.setViewEngine({ type: 'eta' });
      s.enableSessionMiddleware({
        secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64'),
        duration: 120,
        extend: true,
      });
      s.enableCsrfMiddleware();
      s.addAuth('Login', form(), ({ username, password }) => checkPassword(username, password), {
        failureUrl: '/login',
        failureMessage: 'Wrong username or password.',
        successUrl: '/',
      });

      s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) =>
        e.writeView('login', {
          user: null,
          csrf: newCsrfToken(),
          errors: getFlashMessage('auth-error'),
        }),
      );
      s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
      s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });

      // The home page: the session's view counter, and any flash message (read once).
      s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => {
        e.session.data.views = (e.session.data.views ?? 0) + 1;
        return e.writeView(
          'index',
          { user: e.auth.user, views: e.session.data.views, csrf: newCsrfToken() },
          { flashMessages: true },
        );
      });
      s.addRoute({ method: 'POST', path: '/reset', authentication: 'Login' }, (e) => {
        e.session.data.views = 0;
        addFlashMessage('info', 'The counter starts again.');
        e.redirect('/');
      });
      // public/files/… found through the public folder, sent with Content-Disposition: attachment.
      s.addRoute({ method: 'GET', path: '/download', authentication: 'Login' }, (e) =>
        e.setResponseAttachment(`/files/${DOWNLOAD}`),
      );
    },
    { root: SITE_ROOT, ...options },
  );
}

// ---- users ---------------------------------------------------------------------------------

interface StoredUser {
  name: string;
  salt: Buffer;
  hash: Buffer;
}

const USERS = new Map<string, StoredUser>(
  [
    ['morty', 'Morty Smith', 'pickle'],
    ['summer', 'Summer Smith', 'sunshine'],
  ].map(([username, name, password]) => {
    const salt = randomBytes(16);
    return [username, { name, salt, hash: scryptSync(password, salt, 32) }];
  }),
);
// Unknown users are checked against this too, so both answers take as long.
const NOBODY: StoredUser = { name: '', salt: randomBytes(16), hash: randomBytes(32) };

function checkPassword(username: string, password: string) {
  const stored = USERS.get(username.toLowerCase());
  const candidate = scryptSync(password, (stored ?? NOBODY).salt, 32);
  const matches = timingSafeEqual(candidate, (stored ?? NOBODY).hash);
  return stored !== undefined && matches
    ? { user: { username: username.toLowerCase(), name: stored.name } }
    : null;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env.npm_lifecycle_event === 'start') stopWithParent();
  const server = await start();
  console.log(
    [
      'pode-ts demo',
      `  site: ${server.url}/   (log in as morty / pickle)`,
      '  views, public/ CSS, a form login, the session counter, a flash message, a download',
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
