/**
 * Logging with pino: one line per request, written by an endware as in Pode, and errors with
 * their stacks. Session ids are logged only as a short hash; secrets never.
 */
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { kSession } from './web-event.js';
/** Builds the server's logger: the one given, one from pino options, or a silent one. */
export function createLogger(option) {
    if (option === false)
        return pino({ enabled: false });
    if (option === undefined)
        return pino({ base: { name: 'pode-ts' } });
    if (isLogger(option))
        return option;
    return pino({ base: { name: 'pode-ts' }, ...option });
}
/** A short, one-way digest of a session id, safe to log and stable for correlating lines. */
export function hashId(id) {
    return createHash('sha256').update(id).digest('base64url').slice(0, 16);
}
/** The request-logging endware: method, path, status, duration and the hashed session id. */
export function logRequest(event) {
    const log = event.log;
    if (!log.isLevelEnabled('info'))
        return;
    const session = event[kSession];
    log.info({
        method: event.method,
        path: event.path,
        status: event.response.statusCode,
        ms: event.elapsed,
        sid: session === undefined ? undefined : hashId(session.id),
    }, 'request');
}
function isLogger(value) {
    return (typeof value.child === 'function' && typeof value.info === 'function');
}
//# sourceMappingURL=logging.js.map