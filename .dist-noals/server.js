/**
 * `startServer`: runs the set-up function on a builder, listens on every endpoint, dispatches
 * each request to its compiled route, and stops gracefully.
 */
import { createServer as createHttpServer, } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { ServerBuilder } from './builder.js';
import { runWithEvent } from './context.js';
import { ErrorCodes, SetupError, setupError } from './errors.js';
import { createLogger, logRequest } from './logging.js';
import { handleRequest } from './pipeline.js';
import { trackForSignals, untrackForSignals } from './signals.js';
import { reportWorkerFailure, reportWorkerListening, shouldForkWorkers, startWorkers, } from './threads.js';
import { WebEvent } from './web-event.js';
export { ServerBuilder } from './builder.js';
/**
 * Starts a server (`Start-PodeServer`): runs `setup(s)` once, validates everything, listens on
 * every endpoint and resolves to the running server. Set-up mistakes reject with a
 * {@link SetupError} and leave nothing listening.
 */
export async function startServer(setup, options = {}) {
    validateOptions(options);
    if (typeof setup !== 'function') {
        throw setupError(ErrorCodes.BAD_OPTION, 'startServer needs a set-up function: startServer((s) => { … }).');
    }
    const logger = createLogger(options.logger);
    if (shouldForkWorkers(options)) {
        // threads > 1: validate the set-up here once (nothing listens), then fork the workers.
        const builder = new ServerBuilder(options);
        await setup(builder);
        await builder.build().sessions?.close();
        const running = await startWorkers(options, logger);
        const stopWorkers = running.stop;
        running.stop = () => {
            untrackForSignals(running);
            return stopWorkers();
        };
        if (options.handleSignals !== false)
            trackForSignals(running);
        return running;
    }
    try {
        const builder = new ServerBuilder(options);
        await setup(builder);
        const built = builder.build();
        const running = await listen(built, options, logger);
        reportWorkerListening(running); // a worker of a threaded server tells its primary
        return running;
    }
    catch (error) {
        reportWorkerFailure(error);
        throw error;
    }
}
async function listen(built, options, logger) {
    const quiet = options.quiet === true;
    // No request-logging endware when nothing could ever be logged (`logger: false`, or `quiet`).
    const silent = quiet || options.logger === false;
    const endware = silent ? built.endware : [...built.endware, logRequest];
    let inFlight = 0;
    let drained;
    let stopping = false;
    const runtime = {
        endware,
        logger,
        done: () => {
            inFlight--;
            if (inFlight === 0 && drained !== undefined)
                drained();
        },
    };
    const servers = [];
    const endpoints = [];
    try {
        for (const endpoint of built.endpoints) {
            const info = {
                name: endpoint.name,
                protocol: endpoint.protocol,
                address: endpoint.address,
                port: endpoint.port,
            };
            const context = {
                endpoint: info,
                trustProxy: options.trustProxy === true,
                logger,
            };
            const router = endpoint.router;
            const onRequest = (request, response) => {
                inFlight++;
                if (stopping)
                    response.setHeader('Connection', 'close');
                dispatch(request, response, router, context, runtime);
            };
            const server = createNodeServer(endpoint, options, onRequest);
            servers.push(server);
            await listenOn(server, endpoint);
            info.port = server.address().port;
            endpoints.push({ ...info, url: endpointUrl(info) });
        }
    }
    catch (error) {
        await Promise.all(servers.map((server) => closeServer(server)));
        await built.sessions?.close();
        throw error;
    }
    for (const warning of built.warnings)
        logger.warn(warning);
    if (!quiet) {
        for (const endpoint of endpoints)
            logger.info({ url: endpoint.url, pid: process.pid }, `pode-ts listening on ${endpoint.url}`);
    }
    let stopped;
    const running = {
        endpoints,
        url: endpoints[0].url,
        logger,
        stop: () => {
            stopped ??= (async () => {
                stopping = true;
                untrackForSignals(running);
                const closing = servers.map((server) => closeServer(server));
                for (const server of servers)
                    server.closeIdleConnections();
                if (inFlight > 0) {
                    const grace = options.stopTimeout ?? 10_000;
                    await new Promise((resolve) => {
                        const timer = setTimeout(resolve, grace);
                        drained = () => {
                            clearTimeout(timer);
                            resolve();
                        };
                    });
                }
                for (const server of servers)
                    server.closeAllConnections();
                await Promise.all(closing);
                await built.sessions?.close();
                if (!quiet)
                    logger.info('pode-ts stopped');
            })();
            return stopped;
        },
    };
    if (options.handleSignals !== false)
        trackForSignals(running);
    return running;
}
function dispatch(request, response, router, context, runtime) {
    let url = request.url ?? '/';
    if (url.charCodeAt(0) !== 47)
        url = toOriginForm(url);
    const question = url.indexOf('?');
    const path = question === -1 ? url : url.slice(0, question);
    const method = request.method ?? 'GET';
    const resolution = router.resolve(method, url);
    if (resolution.kind === 'found') {
        const route = resolution.value;
        const event = new WebEvent(request, response, context, path, resolution.query, resolution.params, route.info);
        runWithEvent(event, (current) => handleRequest(current, route, runtime));
        return;
    }
    const query = question === -1 ? undefined : url.slice(question + 1);
    const event = new WebEvent(request, response, context, path, query, NO_PARAMS, undefined);
    switch (resolution.kind) {
        case 'options':
            response.setHeader('Allow', resolution.allow);
            event.setStatus(204);
            break;
        case 'not-allowed':
            response.setHeader('Allow', resolution.allow);
            event.fail(405);
            break;
        case 'bad-url':
            event.fail(400, 'The request URL is malformed.');
            break;
        default:
            event.fail(404);
    }
    runWithEvent(event, (current) => handleRequest(current, undefined, runtime));
}
const NO_PARAMS = Object.freeze({});
function createNodeServer(endpoint, options, onRequest) {
    const requestTimeout = options.requestTimeout ?? 30_000;
    const headersTimeout = Math.min(options.headersTimeout ?? 10_000, requestTimeout || Number.POSITIVE_INFINITY);
    const serverOptions = {
        requestTimeout,
        headersTimeout,
        keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
        // Node checks the timeouts only this often: keep it short so they are enforced promptly.
        connectionsCheckingInterval: Math.max(250, Math.min(1_000, Math.floor(Math.min(requestTimeout || 1_000, headersTimeout) / 4))),
    };
    let server;
    try {
        server =
            endpoint.protocol === 'https'
                ? createHttpsServer({ ...serverOptions, ...endpoint.tls }, onRequest)
                : createHttpServer(serverOptions, onRequest);
    }
    catch (error) {
        throw new SetupError(ErrorCodes.BAD_ENDPOINT, `Endpoint ${endpoint.name}: the TLS key or certificate cannot be used: ${error.message}`, 'Pass the PEM private key and certificate (strings or buffers) that belong together.');
    }
    // A client that sends garbage gets a 400 and its socket closed; it never reaches the pipeline.
    server.on('clientError', (error, socket) => {
        if (!socket.writable)
            return socket.destroy();
        const status = error.code === 'HPE_HEADER_OVERFLOW'
            ? 431
            : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
                ? 408
                : 400;
        socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    });
    return server;
}
function listenOn(server, endpoint) {
    return new Promise((resolve, reject) => {
        const onError = (error) => {
            reject(new SetupError(ErrorCodes.LISTEN, `Cannot listen on ${endpoint.protocol}://${endpoint.address}:${endpoint.port}: ${error.code ?? error.message}`, error.code === 'EADDRINUSE'
                ? 'Another process uses this port: stop it, or pick another port (0 picks a free one).'
                : undefined));
        };
        server.once('error', onError);
        const host = endpoint.address === '*' ? undefined : endpoint.address;
        server.listen(endpoint.port, host, () => {
            server.off('error', onError);
            resolve();
        });
    });
}
function closeServer(server) {
    return new Promise((resolve) => {
        if (!server.listening)
            return resolve();
        server.close(() => resolve());
    });
}
function endpointUrl(endpoint) {
    const wildcard = ['*', '0.0.0.0', '::'].includes(endpoint.address);
    const host = wildcard
        ? 'localhost'
        : endpoint.address.includes(':')
            ? `[${endpoint.address}]`
            : endpoint.address;
    return `${endpoint.protocol}://${host}:${endpoint.port}`;
}
function toOriginForm(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.pathname}${parsed.search}`;
    }
    catch {
        return `/${url}`;
    }
}
function validateOptions(options) {
    if (options === null || typeof options !== 'object') {
        throw setupError(ErrorCodes.BAD_OPTION, 'startServer options must be an object.');
    }
    const positive = (name, allowZero) => {
        const value = options[name];
        if (value === undefined)
            return;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
            throw setupError(ErrorCodes.BAD_OPTION, `The ${name} option must be ${allowZero ? 'a whole number of 0 or more' : 'a whole number of 1 or more'}, but got: ${String(value)}`);
        }
    };
    positive('threads', false);
    positive('bodyLimit', true);
    positive('requestTimeout', true);
    positive('headersTimeout', false);
    positive('keepAliveTimeout', true);
    positive('stopTimeout', true);
    const logger = options.logger;
    if (logger !== undefined && logger !== false && (logger === null || typeof logger !== 'object')) {
        throw setupError(ErrorCodes.BAD_OPTION, `The logger option must be a pino logger, pino options or false, but got: ${String(logger)}`, "For a level, pass { level: 'debug' }.");
    }
}
//# sourceMappingURL=server.js.map