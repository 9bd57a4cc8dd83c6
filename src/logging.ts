/**
 * Logging with pino: one line per request, written by an endware as in Pode, and errors with
 * their stacks. Session ids are logged only as a short hash; secrets never.
 */
import { createHash } from 'node:crypto';
import { type Logger, type LoggerOptions, pino } from 'pino';
import type { WebEvent } from './web-event.js';
import { kSession } from './web-event.js';

/** What the `logger` option of `startServer` takes. */
export type LoggerOption = Logger | LoggerOptions | false;

/** Builds the server's logger: the one given, one from pino options, or a silent one. */
export function createLogger(option: LoggerOption | undefined): Logger {
  if (option === false) return pino({ enabled: false });
  if (option === undefined) return pino({ base: { name: 'pode-ts' } });
  if (isLogger(option)) return option;
  return pino({ base: { name: 'pode-ts' }, ...option });
}

/** A short, one-way digest of a session id, safe to log and stable for correlating lines. */
export function hashId(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 16);
}

/** The request-logging endware: method, path, status, duration and the hashed session id. */
export function logRequest(event: WebEvent): void {
  const log = event.log;
  if (!log.isLevelEnabled('info')) return;
  const session = event[kSession];
  log.info(
    {
      method: event.method,
      path: event.path,
      status: event.response.statusCode,
      ms: event.elapsed,
      sid: session === undefined ? undefined : hashId(session.id),
    },
    'request',
  );
}

function isLogger(value: Logger | LoggerOptions): value is Logger {
  return (
    typeof (value as Logger).child === 'function' && typeof (value as Logger).info === 'function'
  );
}
