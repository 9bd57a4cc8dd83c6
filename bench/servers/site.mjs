/**
 * S5 and S6 on raw node:http: the 1 KB file sent by `@fastify/send` (the library pode-ts uses,
 * from the package's own node_modules) and the view rendered by Eta (the same version pode-ts
 * loads). node.mjs uses this handler in the `static` and `view` modes.
 */
import send from '@fastify/send';
import { Eta } from 'eta';
import { ETA_OPTIONS, SITE_DIR, STATIC_PATH, VIEW_DATA } from './common.mjs';

const HTML_TYPE = 'text/html; charset=utf-8';

/** The request handler of the node peer for `mode` ('static' or 'view'). */
export function siteHandler(mode) {
  if (mode === 'static') {
    const root = `${SITE_DIR}static`;
    const name = STATIC_PATH.slice('/static'.length);
    return (request, response) => {
      if (request.url !== STATIC_PATH) return notFound(response);
      send(request, name, { root }).then(
        ({ statusCode, headers, stream }) => {
          response.writeHead(statusCode, headers);
          stream.pipe(response);
        },
        () => notFound(response),
      );
    };
  }
  const eta = new Eta({ views: `${SITE_DIR}views`, ...ETA_OPTIONS });
  return (request, response) => {
    if (request.url !== '/') return notFound(response);
    const html = eta.render('./page', VIEW_DATA);
    response.setHeader('Content-Type', HTML_TYPE);
    response.end(html);
  };
}

function notFound(response) {
  response.statusCode = 404;
  response.end();
}
