/**
 * A chat room over signals (WebSockets) with a form login: every message one user sends appears
 * on every open chat page at once, with who sent it; joins and leaves update the online count.
 *
 * Pode's intent, kept (its examples/Web-Signal.ps1 with a login in front): `Add-PodeSignalRoute
 * -Path '/chat'` runs for each message and `Send-PodeSignal` broadcasts it; the WebSocket's
 * upgrade request carries the session cookie, so `-Authentication Login` on the signal route lets
 * only logged-in users connect, and the route knows who is speaking. A global middleware refuses
 * upgrades from other origins (cross-site WebSocket hijacking).
 *
 * Run it with `npm run build:examples && node .examples-dist/examples/chat/server.js`
 * (PORT, default 8080) and log in as alice / wonderland or bob / builder in two browsers.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  form,
  getFlashMessage,
  type RunningServer,
  type ServerOptions,
  sendSignal,
  signalConnectionCount,
  startServer,
} from 'pode-ts';

declare module 'pode-ts' {
  interface AuthUser {
    username: string;
    name: string;
  }
}

/** Starts the chat on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
    s.enableSessionMiddleware({
      secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64'),
      duration: 3600,
      extend: true,
    });
    s.addAuth('Login', form(), ({ username, password }) => checkPassword(username, password), {
      failureUrl: '/login',
      failureMessage: 'Wrong username or password.',
      successUrl: '/',
    });
    // A WebSocket upgrade from another site's page would carry this site's cookie: refuse it.
    s.addMiddleware(
      'same-origin-sockets',
      (e) => {
        const origin = e.headers.origin;
        if (origin === undefined || new URL(origin).host === e.headers.host) return true;
        e.setStatus(403);
        return false;
      },
      { route: '/chat' },
    );

    s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, (e) => {
      e.writeHtml(loginPage(getFlashMessage('auth-error')));
    });
    s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
    s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
    s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, (e) => {
      e.writeHtml(chatPage(e.auth.user?.name ?? ''));
    });

    // Each message from a logged-in user goes to everyone in the room, with who said it.
    s.addSignalRoute(
      '/chat',
      (e) => {
        const text = String(e.data.message ?? '')
          .trim()
          .slice(0, 500);
        if (text === '' || e.user === undefined) return;
        sendSignal({ value: { from: e.user.name, text }, path: '/chat' });
      },
      { authentication: 'Login' },
    );
    const announce = () =>
      sendSignal({ value: { online: signalConnectionCount('/chat') }, path: '/chat' });
    s.registerSignalEvent('/chat', 'connect', announce);
    s.registerSignalEvent('/chat', 'disconnect', announce);
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
    ['alice', 'Alice', 'wonderland'],
    ['bob', 'Bob', 'builder'],
  ].map(([username, name, password]) => {
    const salt = randomBytes(16);
    return [username, { name, salt, hash: scryptSync(password, salt, 32) }];
  }),
);
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
    `${errors.map((text) => `<p class="error">${escapeHtml(text)}</p>`).join('')}
    <form method="post" action="/login">
      <label>Username <input name="username" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Log in</button>
    </form>`,
  );
}

function chatPage(name: string): string {
  return layout(
    'Chat',
    `<p>Signed in as <strong id="me">${escapeHtml(name)}</strong> · <span id="online">0</span> online ·
      <span id="status">connecting…</span></p>
    <ul id="messages"></ul>
    <form id="say">
      <input id="text" maxlength="500" autocomplete="off" placeholder="Say something" required>
      <button type="submit">Send</button>
    </form>
    <form method="post" action="/logout"><button type="submit" id="logout">Log out</button></form>
    <script>
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocket(scheme + '//' + location.host + '/chat');
      const list = document.getElementById('messages');
      socket.onopen = () => { document.getElementById('status').textContent = 'connected'; };
      socket.onclose = () => { document.getElementById('status').textContent = 'disconnected'; };
      socket.onmessage = (event) => {
        const data = JSON.parse(event.data);
        if (data.online !== undefined) {
          document.getElementById('online').textContent = String(data.online);
          return;
        }
        const item = document.createElement('li');
        const who = document.createElement('b');
        who.textContent = data.from + ': ';
        item.append(who, document.createTextNode(data.text));
        list.append(item);
      };
      document.getElementById('say').addEventListener('submit', (event) => {
        event.preventDefault();
        const input = document.getElementById('text');
        socket.send(JSON.stringify({ message: input.value }));
        input.value = '';
      });
    </script>`,
  );
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · pode-ts chat</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto}label{display:block;margin:.5rem 0}.error{color:#b00}#messages{min-height:8rem;border:1px solid #ccc;padding:.5rem 1.5rem}</style>
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
  console.log(`pode-ts chat: ${server.url}/  (log in as alice / wonderland or bob / builder)`);
}
