import type { Logger } from 'pino';
import { ServerBuilder } from './builder.js';
import { type LoggerOption } from './logging.js';
import type { EndpointInfo } from './types.js';
export type { EndpointOptions, MiddlewareOptions, RouteOptions } from './builder.js';
export { ServerBuilder } from './builder.js';
/** Options of `startServer`. */
export interface ServerOptions {
    /** Worker processes (node:cluster) sharing the endpoints; default 1 (no fork). */
    threads?: number;
    /** A pino logger, pino options, or `false` for silence. Default: JSON lines on stdout. */
    logger?: LoggerOption;
    /** No informational output (start-up lines, request lines); warnings and errors still log. */
    quiet?: boolean;
    /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` (behind a reverse proxy). Default false. */
    trustProxy?: boolean;
    /** The largest request body accepted, in bytes (413 past it). Default 1 MiB. */
    bodyLimit?: number;
    /** Milliseconds a client may take to send a whole request. Default 30000. */
    requestTimeout?: number;
    /** Milliseconds a client may take to send the request headers. Default 10000. */
    headersTimeout?: number;
    /** Milliseconds an idle keep-alive connection stays open. Default 5000. */
    keepAliveTimeout?: number;
    /** Stop gracefully on SIGINT/SIGTERM. Default true. */
    handleSignals?: boolean;
    /** Milliseconds `stop()` waits for in-flight requests before closing their connections. Default 10000. */
    stopTimeout?: number;
}
/** An endpoint of a running server, with its real port. */
export interface RunningEndpoint extends EndpointInfo {
    url: string;
}
/** What `startServer` resolves to. */
export interface RunningServer {
    endpoints: RunningEndpoint[];
    /** The URL of the first endpoint. */
    url: string;
    logger: Logger;
    /** Stops accepting, lets in-flight requests (and their endware) finish, closes stores; resolves when done. */
    stop(): Promise<void>;
}
/**
 * Starts a server (`Start-PodeServer`): runs `setup(s)` once, validates everything, listens on
 * every endpoint and resolves to the running server. Set-up mistakes reject with a
 * {@link SetupError} and leave nothing listening.
 */
export declare function startServer(setup: (s: ServerBuilder) => unknown, options?: ServerOptions): Promise<RunningServer>;
//# sourceMappingURL=server.d.ts.map