/**
 * A small web site: a guest book page rendered from Eta views (a layout, a header and a footer
 * partial), CSS, a script and an image from the `public/` folder, a download, and a flash message
 * after the form is posted (shown once, gone on reload).
 *
 * Pode's intent, kept (examples/Web-Pages.ps1 and its views): `Set-PodeViewEngine`,
 * `Write-PodeViewResponse -FlashMessages`, the implicit `public/` folder, `Set-PodeResponseAttachment`
 * for `/download`, `Add-PodeFlashMessage` after a POST, `Enable-PodeSessionMiddleware` and
 * `Enable-PodeCsrfMiddleware`.
 *
 * Run it with `npm run build:examples && node .examples-dist/examples/web-pages/server.js`
 * (PORT, default 8080). test/browser/web-pages.test.ts drives it in a real browser.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  addFlashMessage,
  newCsrfToken,
  type RunningServer,
  type ServerOptions,
  startServer,
} from 'pode-ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The site's folder (views/, public/, files/): this file's, or examples/web-pages when run from the build. */
export const SITE_ROOT = existsSync(join(here, 'views'))
  ? here
  : resolve(here, '../../../examples/web-pages');

/** A message in the guest book. */
interface Message {
  name: string;
  text: string;
}

/** The guest book keeps this many messages (the newest). */
const KEEP = 20;

/** Starts the site on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
): Promise<RunningServer> {
  const messages: Message[] = [];
  return startServer(
    (s) => {
      s.addEndpoint({ address, port, protocol: 'http' });
      s.setViewEngine({ type: 'eta' });
      s.enableSessionMiddleware({
        secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64'),
        duration: 600,
      });
      s.enableCsrfMiddleware();

      s.addRoute('GET', '/', (e) =>
        e.writeView('index', { messages, csrf: newCsrfToken() }, { flashMessages: true }),
      );
      s.addRoute('POST', '/messages', (e) => {
        const body = e.data as { name?: unknown; text?: unknown };
        const name = String(body.name ?? '')
          .trim()
          .slice(0, 40);
        const text = String(body.text ?? '')
          .trim()
          .slice(0, 280);
        if (name === '' || text === '') {
          e.setStatus(400);
          return;
        }
        messages.unshift({ name, text });
        messages.length = Math.min(messages.length, KEEP);
        addFlashMessage('success', `Thank you, ${name}: your message is in the book.`);
        e.redirect('/');
      });
      // files/ is not public: this route is the only way to it, as a download.
      s.addRoute('GET', '/download', (e) => e.setResponseAttachment('files/prices.csv'));
    },
    { root: SITE_ROOT, ...options },
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`pode-ts web pages: ${server.url}/`);
}
