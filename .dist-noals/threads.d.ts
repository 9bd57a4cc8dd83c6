/**
 * `threads: N` (Pode's `-Threads`): the primary process forks N worker processes with
 * node:cluster, each running the same script and so the same `startServer` call, and all
 * sharing the endpoints' ports (port 0 included: cluster hands every worker the same port).
 * The primary serves nothing itself: it passes the workers one random session secret, replaces
 * a worker that dies, and stops them all gracefully on `stop()` or a signal.
 */
import type { Logger } from 'pino';
import type { RunningServer, ServerOptions } from './server.js';
/** True in a worker process forked by a threaded pode-ts server. */
export declare function isThreadWorker(): boolean;
/** True when `startServer` must fork workers rather than listen: `threads > 1` in the primary. */
export declare function shouldForkWorkers(options: ServerOptions): boolean;
/**
 * The random session secret the primary generated for its workers, or undefined outside a
 * worker. Read once and removed from the environment, so processes the worker spawns do not
 * inherit it.
 */
export declare function sharedSessionSecret(): string | undefined;
/**
 * Worker side, once listening: tells the primary the endpoints (with their real ports), and
 * stops the server then exits when the primary asks. Does nothing outside a worker.
 */
export declare function reportWorkerListening(running: RunningServer): void;
/** Worker side: tells the primary why set-up or listening failed. Does nothing outside a worker. */
export declare function reportWorkerFailure(error: unknown): void;
/**
 * Primary side: forks `options.threads` workers and resolves once every one listens, to a
 * running server whose endpoints carry the real ports and whose `stop()` stops every worker.
 * Rejects (with every worker stopped) when a worker fails to start.
 */
export declare function startWorkers(options: ServerOptions, logger: Logger): Promise<RunningServer>;
//# sourceMappingURL=threads.d.ts.map