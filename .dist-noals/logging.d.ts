import { type Logger, type LoggerOptions } from 'pino';
import type { WebEvent } from './web-event.js';
/** What the `logger` option of `startServer` takes. */
export type LoggerOption = Logger | LoggerOptions | false;
/** Builds the server's logger: the one given, one from pino options, or a silent one. */
export declare function createLogger(option: LoggerOption | undefined): Logger;
/** A short, one-way digest of a session id, safe to log and stable for correlating lines. */
export declare function hashId(id: string): string;
/** The request-logging endware: method, path, status, duration and the hashed session id. */
export declare function logRequest(event: WebEvent): void;
//# sourceMappingURL=logging.d.ts.map