/**
 * A small login site: a form login kept in the session, a home page with the user's name and a
 * per-session view counter, a CSRF-protected notes form with flash messages, and a logout button.
 *
 * Pode's intent, kept: `Enable-PodeSessionMiddleware -Duration 120 -Extend`,
 * `New-PodeAuthScheme -Form | Add-PodeAuth -Name 'Login' -FailureUrl '/login' -SuccessUrl '/'`,
 * `Add-PodeRoute -Authentication Login` on the pages, `-Login` on `/login`, `-Logout` on
 * `/logout`, and `Enable-PodeCsrfMiddleware` with `New-PodeCsrfToken` in every form.
 *
 * Run it with `npm run build:examples && node .examples-dist/examples/login-site/server.js`
 * (PORT, default 8080) and log in as morty / pickle or summer / sunshine.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  addFlashMessage,
  form,
  getFlashMessage,
  newCsrfToken,
  type RunningServer,
  type ServerOptions,
  startServer,
  type WebEvent,
} from 'pode-ts';

declare module 'pode-ts' {
  interface AuthUser {
    username: string;
    name: string;
  }
  interface SessionData {
    views?: number;
    notes?: string[];
  }
}

/** Starts the login site on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
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
      successUseOrigin: true,
    });

    s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) => {
      e.writeHtml(loginPage(getFlashMessage('auth-error')));
    });
    // A successful POST redirects to `/` (or the page first asked for); a failed one to /login.
    s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
    s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });

    s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => {
      e.session.data.views = (e.session.data.views ?? 0) + 1;
      e.writeHtml(homePage(e));
    });
    s.addRoute({ method: 'GET', path: '/notes', authentication: 'Login' }, (e) => {
      e.writeHtml(notesPage(e.session.data.notes ?? [], getFlashMessage('info')));
    });
    s.addRoute({ method: 'POST', path: '/notes', authentication: 'Login' }, (e) => {
      const note = String((e.data as { note?: unknown }).note ?? '').trim();
      if (note === '') {
        addFlashMessage('info', 'A note needs some text.');
      } else {
        e.session.data.notes = [...(e.session.data.notes ?? []), note.slice(0, 200)];
        addFlashMessage('info', 'Note saved.');
      }
      e.redirect('/notes');
    });
  }, options);
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

// ---- pages ---------------------------------------------------------------------------------

function loginPage(errors: string[]): string {
  return layout(
    'Log in',
    `${messages(errors, 'error')}
    <form method="post" action="/login">
      ${csrfField()}
      <label>Username <input name="username" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Log in</button>
    </form>`,
  );
}

function homePage(e: WebEvent): string {
  const user = e.auth.user;
  const views = e.session.data.views ?? 0;
  return layout(
    'Home',
    `<p>Hello, <strong id="name">${escapeHtml(user?.name ?? '')}</strong>!</p>
    <p>You have viewed this page <span id="views">${views}</span> time${views === 1 ? '' : 's'} in this session.</p>
    <p><a href="/notes">Your notes</a></p>
    ${logoutButton()}`,
  );
}

function notesPage(notes: string[], info: string[]): string {
  const list =
    notes.length === 0
      ? '<p>No notes yet.</p>'
      : `<ul id="notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
  return layout(
    'Notes',
    `${messages(info, 'info')}
    ${list}
    <form method="post" action="/notes">
      ${csrfField()}
      <label>New note <input name="note" maxlength="200"></label>
      <button type="submit">Save</button>
    </form>
    <p><a href="/">Home</a></p>
    ${logoutButton()}`,
  );
}

function logoutButton(): string {
  return `<form method="post" action="/logout">${csrfField()}<button type="submit" id="logout">Log out</button></form>`;
}

function csrfField(): string {
  return `<input type="hidden" name="pode.csrf" value="${escapeHtml(newCsrfToken())}">`;
}

function messages(list: string[], kind: 'error' | 'info'): string {
  return list.map((text) => `<p class="${kind}">${escapeHtml(text)}</p>`).join('');
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · pode-ts login site</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto}label{display:block;margin:.5rem 0}.error{color:#b00}.info{color:#070}</style>
</head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`pode-ts login site: ${server.url}/  (log in as morty / pickle)`);
}
