import { HttpError, SessionStoreError } from './errors.js';
import { hashId } from './logging.js';
import { kSession } from './web-event.js';
/**
 * Compiles a route: the global middleware that can apply to it (a filter is decided now when
 * the route path is static, else per request), its own middleware and its handler.
 */
export function compileRoute(info, globalMiddleware, routeMiddleware, handler) {
    const steps = [];
    const staticPath = !/[:*]/.test(info.path);
    for (const middleware of globalMiddleware) {
        if (middleware.pattern === undefined) {
            steps.push({ run: middleware.run, pattern: undefined });
        }
        else if (!staticPath) {
            steps.push({ run: middleware.run, pattern: middleware.pattern });
        }
        else if (middleware.pattern.test(info.path)) {
            steps.push({ run: middleware.run, pattern: undefined });
        }
    }
    for (const middleware of routeMiddleware)
        steps.push({ run: middleware, pattern: undefined });
    if (handler !== undefined)
        steps.push({ run: handler, pattern: undefined });
    return { info, steps };
}
/** Runs a matched route (or nothing, for a miss), then endware, then sends the response. */
export function handleRequest(event, route, runtime) {
    let pending;
    try {
        if (route !== undefined)
            pending = runSteps(event, route.steps, 0);
    }
    catch (error) {
        failRequest(event, error, runtime.logger);
    }
    if (pending === undefined) {
        finish(event, runtime);
    }
    else {
        pending.then(() => finish(event, runtime), (error) => {
            failRequest(event, error, runtime.logger);
            finish(event, runtime);
        });
    }
}
/** Turns an error thrown by a step into the response status, and logs it. */
export function failRequest(event, error, logger) {
    if (error instanceof HttpError) {
        event.fail(error.status, error.status < 500 ? error.message : undefined);
        // The rest of an oversized body is not read: close the connection after answering.
        if (error.status === 413)
            event.response.setHeader('Connection', 'close');
        logger.debug({ method: event.method, path: event.path, status: error.status }, error.message);
        return;
    }
    if (error instanceof SessionStoreError) {
        event.fail(503);
        const session = event[kSession];
        logger.error({
            err: error.cause ?? error,
            sid: error.sid ?? (session === undefined ? undefined : hashId(session.id)),
            method: event.method,
            path: event.path,
        }, error.message);
        return;
    }
    event.fail(500);
    logger.error({ err: error, method: event.method, path: event.path }, 'request failed');
}
function runSteps(event, steps, start) {
    for (let i = start; i < steps.length; i++) {
        const step = steps[i];
        if (step.pattern !== undefined && !step.pattern.test(event.path))
            continue;
        const result = step.run(event);
        if (result === false)
            return undefined;
        if (isPromise(result)) {
            return result.then((value) => (value === false ? undefined : runSteps(event, steps, i + 1)));
        }
    }
    return undefined;
}
function finish(event, runtime) {
    const pending = runEndware(event, event.endCallbacks(), runtime.endware, 0, runtime.logger);
    if (pending === undefined) {
        send(event, runtime);
    }
    else {
        pending.then(() => send(event, runtime));
    }
}
// The event's own callbacks (index < own.length) then the server's endware; each one isolated.
function runEndware(event, own, server, start, logger) {
    const ownCount = own === undefined ? 0 : own.length;
    const total = ownCount + server.length;
    for (let i = start; i < total; i++) {
        const endware = i < ownCount ? own[i] : server[i - ownCount];
        let result;
        try {
            result = endware(event);
        }
        catch (error) {
            logEndwareError(event, error, logger);
            continue;
        }
        if (isPromise(result)) {
            return result.then(() => runEndware(event, own, server, i + 1, logger), (error) => {
                logEndwareError(event, error, logger);
                return runEndware(event, own, server, i + 1, logger);
            });
        }
    }
    return undefined;
}
function send(event, runtime) {
    try {
        event.send();
    }
    catch (error) {
        runtime.logger.error({ err: error, method: event.method, path: event.path }, 'sending the response failed');
        if (!event.response.headersSent) {
            event.response.statusCode = 500;
            event.response.end();
        }
        else {
            event.response.destroy();
        }
    }
    runtime.done();
}
function logEndwareError(event, error, logger) {
    if (error instanceof SessionStoreError) {
        failRequest(event, error, logger);
        return;
    }
    logger.error({ err: error, method: event.method, path: event.path }, 'endware failed');
}
function isPromise(value) {
    return (value !== undefined &&
        value !== null &&
        typeof value === 'object' &&
        typeof value.then === 'function');
}
//# sourceMappingURL=pipeline.js.map