/**
 * A helper module, as user code would have one: it never receives the WebEvent, and finds the
 * current request through the free functions after awaits of every kind.
 */
import { setImmediate as nextTurn, setTimeout as wait } from 'node:timers/promises';
import {
  getWebEvent,
  moveResponseUrl,
  setResponseStatus,
  writeHtmlResponse,
  writeJsonResponse,
  writeTextResponse,
} from '../../../src/index.js';

/** Answers with JSON describing the current request, after a timer, a turn and a microtask. */
export async function describeRequestLater(): Promise<void> {
  await wait(5);
  await nextTurn();
  await Promise.resolve();
  const event = getWebEvent();
  writeJsonResponse({ path: event.path, id: event.query.id ?? null });
}

/** Answers with the given kind of response, after a timer. */
export async function respondLater(kind: string): Promise<void> {
  await wait(2);
  switch (kind) {
    case 'text':
      writeTextResponse('text from a helper');
      break;
    case 'html':
      writeHtmlResponse('<i>html from a helper</i>');
      break;
    case 'status':
      setResponseStatus(451, { description: 'Unavailable For Legal Reasons' });
      break;
    case 'created':
      writeJsonResponse({ created: true }, { statusCode: 201 });
      break;
    case 'redirect':
      moveResponseUrl('/elsewhere');
      break;
    case 'moved':
      moveResponseUrl('/forever', { moved: true });
      break;
    default:
      writeTextResponse(`unknown kind ${kind}`, { statusCode: 400 });
  }
}

/** Records the current request's path from a callback scheduled with a plain setTimeout. */
export function pathFromCallback(): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve(getWebEvent().path), 1));
}
