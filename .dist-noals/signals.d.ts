/**
 * SIGINT and SIGTERM: stop every running server gracefully, then exit (0 after a clean stop)
 * unless the application listens for the signal itself.
 */
import type { RunningServer } from './server.js';
export declare function trackForSignals(server: RunningServer): void;
export declare function untrackForSignals(server: RunningServer): void;
//# sourceMappingURL=signals.d.ts.map