/**
 * The builder `s` handed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. It collects
 * endpoints, routes, middleware, endware, sessions, authentication and CSRF, validates each call at
 * once, and compiles every route's pipeline in `build()`.
 */
import { AuthRegistry, } from './auth/registry.js';
import { BODY_PARSING, bodyParsingMiddleware } from './body.js';
import { CSRF, createCsrfMiddleware } from './csrf.js';
import { ErrorCodes, setupError } from './errors.js';
import { compileRoute, } from './pipeline.js';
import { cleanRoutePath, Router, routeKey, routePattern } from './router.js';
import { createSessionSetup, SESSIONS } from './sessions/middleware.js';
import { sharedSessionSecret } from './threads.js';
const METHODS = new Set([
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'PATCH',
    'DELETE',
    'OPTIONS',
    'TRACE',
    'CONNECT',
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'SEARCH',
    'REPORT',
    'PURGE',
    'QUERY',
]);
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** The builder passed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. */
export class ServerBuilder {
    #options;
    #endpoints = [];
    #routes = new Map();
    #middleware = [];
    #endware = [];
    #warnings = [];
    #sessions;
    #auth = new AuthRegistry();
    #csrf = false;
    /** @internal */
    constructor(options) {
        this.#options = options;
        this.#addInbuilt(BODY_PARSING, bodyParsingMiddleware(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
    }
    /** Adds an endpoint to listen on (`Add-PodeEndpoint`). */
    addEndpoint(options = {}) {
        const protocol = options.protocol ?? 'http';
        if (protocol !== 'http' && protocol !== 'https') {
            throw setupError(ErrorCodes.BAD_ENDPOINT, `Endpoint protocol must be 'http' or 'https', but got: ${String(protocol)}`);
        }
        const port = options.port ?? 8080;
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
            throw setupError(ErrorCodes.BAD_ENDPOINT, `Endpoint port must be an integer from 0 to 65535, but got: ${String(port)}`, 'Use 0 to let the system pick a free port.');
        }
        const address = options.address ?? 'localhost';
        if (typeof address !== 'string' || address.length === 0) {
            throw setupError(ErrorCodes.BAD_ENDPOINT, 'Endpoint address must be a non-empty string.', "Use 'localhost', an IP address, or '*' for every interface.");
        }
        if (protocol === 'https' &&
            (options.tls?.key === undefined || options.tls.cert === undefined)) {
            throw setupError(ErrorCodes.BAD_ENDPOINT, 'An https endpoint needs tls: { key, cert }.', 'Pass the PEM private key and certificate as strings or buffers.');
        }
        const name = options.name ?? `${protocol}:${address}:${port}`;
        if (this.#endpoints.some((endpoint) => endpoint.name === name)) {
            throw setupError(ErrorCodes.BAD_ENDPOINT, `An endpoint named '${name}' already exists.`, 'Give each endpoint its own name.');
        }
        this.#endpoints.push({ address, port, protocol, name, tls: options.tls });
        return this;
    }
    addRoute(first, second, third) {
        const options = typeof first === 'string' || Array.isArray(first)
            ? { method: first, path: second }
            : first;
        const handler = (typeof first === 'string' || Array.isArray(first) ? third : second);
        if (options === null || typeof options !== 'object') {
            throw setupError(ErrorCodes.BAD_ROUTE, 'addRoute needs { method, path } options.');
        }
        const path = validatePath(options.path);
        const methods = normaliseMethods(options.method, path);
        if (handler !== undefined && typeof handler !== 'function') {
            throw setupError(ErrorCodes.BAD_HANDLER, `[${methods.join(',')}] ${path}: The route handler must be a function, but got: ${typeof handler}`);
        }
        const middleware = options.middleware ?? [];
        if (!Array.isArray(middleware) || middleware.some((fn) => typeof fn !== 'function')) {
            throw setupError(ErrorCodes.BAD_HANDLER, `[${methods.join(',')}] ${path}: Route middleware must be an array of functions.`);
        }
        const ifExists = options.ifExists ?? 'error';
        if (!['error', 'skip', 'overwrite'].includes(ifExists)) {
            throw setupError(ErrorCodes.BAD_OPTION, `[${methods.join(',')}] ${path}: ifExists must be 'error', 'skip' or 'overwrite', but got: ${String(ifExists)}`);
        }
        for (const method of methods) {
            if (handler === undefined &&
                middleware.length === 0 &&
                options.authentication === undefined) {
                throw setupError(ErrorCodes.NO_LOGIC, `[${method}] ${path}: No logic passed.`, 'Pass a handler function, route middleware or an authentication.');
            }
            const key = `${options.endpointName ?? ''}\u0000${method}\u0000${routeKey(path)}`;
            if (this.#routes.has(key)) {
                if (ifExists === 'skip')
                    continue;
                if (ifExists === 'error') {
                    throw setupError(ErrorCodes.ROUTE_EXISTS, `[${method}] ${path}: Already defined.`, "Pass ifExists: 'overwrite' to replace it or 'skip' to keep the first.");
                }
            }
            this.#routes.set(key, {
                info: {
                    method,
                    path,
                    endpointName: options.endpointName,
                    contentType: options.contentType?.toLowerCase(),
                    errorContentType: options.errorContentType,
                    authentication: options.authentication,
                    login: options.login === true,
                    logout: options.logout === true,
                    allowAnon: options.allowAnon === true,
                },
                middleware,
                handler,
            });
        }
        return this;
    }
    addMiddleware(first, fn, options) {
        const { name, route } = typeof first === 'string' ? { name: first, route: options?.route } : (first ?? {});
        if (typeof name !== 'string' || name.length === 0) {
            throw setupError(ErrorCodes.BAD_HANDLER, 'A middleware needs a name.', "Call s.addMiddleware('name', fn).");
        }
        if (typeof fn !== 'function') {
            throw setupError(ErrorCodes.BAD_HANDLER, `[Middleware] ${name}: The middleware must be a function, but got: ${typeof fn}`);
        }
        const entry = { name, run: fn, pattern: middlewarePattern(route), inbuilt: false };
        const existing = this.#middleware.findIndex((middleware) => middleware.name === name);
        if (existing !== -1) {
            // A user middleware named like an inbuilt one replaces it, as in Pode.
            if (!this.#middleware[existing].inbuilt) {
                throw setupError(ErrorCodes.MIDDLEWARE_EXISTS, `[Middleware] ${name}: Middleware already defined.`, 'Give each middleware its own name.');
            }
            this.#middleware[existing] = entry;
            return this;
        }
        this.#middleware.push(entry);
        return this;
    }
    /** Adds server endware (`Add-PodeEndware`): runs after every request, in the order added. */
    addEndware(fn) {
        if (typeof fn !== 'function') {
            throw setupError(ErrorCodes.BAD_HANDLER, `An endware must be a function, but got: ${typeof fn}`);
        }
        this.#endware.push(fn);
        return this;
    }
    /** Enables sessions (`Enable-PodeSessionMiddleware`) at this point of the middleware order. */
    enableSessionMiddleware(options = {}) {
        if (this.#sessions !== undefined) {
            throw setupError(ErrorCodes.SESSION_ALREADY_ENABLED, 'Session Middleware has already been initialised.', 'Call s.enableSessionMiddleware() once.');
        }
        this.#sessions = createSessionSetup(options, {
            threads: this.#options.threads ?? 1,
            sharedSecret: sharedSessionSecret(),
        });
        this.#addInbuilt(SESSIONS, this.#sessions.middleware);
        if (options.secret !== undefined &&
            this.#sessions.settings.secrets.some((secret) => secret.length < 32)) {
            this.#warnings.push('A session secret is shorter than 32 characters: it still works, but use a long random one (e.g. 48 random bytes in Base64) in production.');
        }
        return this;
    }
    /**
     * Adds an authentication (`Add-PodeAuth`) that routes name in `authentication`: the scheme
     * reads the credentials, `validate(credentials, e)` returns `{ user }` or a failure. Without
     * `sessionless`, sessions must be enabled first.
     */
    addAuth(name, scheme, validate, options = {}) {
        this.#auth.add(name, scheme, validate, options, this.#sessions !== undefined);
        return this;
    }
    /** Adds an authentication that passes only when the session holds a logged-in user (`Add-PodeAuthSession`). */
    addAuthSession(name, options = {}) {
        this.#auth.addSession(name, options, this.#sessions !== undefined);
        return this;
    }
    /** Enables CSRF checks (`Enable-PodeCsrfMiddleware`) at this point of the middleware order. */
    enableCsrfMiddleware(options = {}) {
        if (this.#csrf) {
            throw setupError(ErrorCodes.BAD_OPTION, 'CSRF Middleware has already been initialised.', 'Call s.enableCsrfMiddleware() once.');
        }
        this.#addInbuilt(CSRF, createCsrfMiddleware(options, this.#sessions !== undefined));
        this.#csrf = true;
        return this;
    }
    #addInbuilt(name, run) {
        const existing = this.#middleware.find((middleware) => middleware.name === name);
        if (existing !== undefined)
            return; // the user's replacement stays
        this.#middleware.push({ name, run, pattern: undefined, inbuilt: true });
    }
    /** @internal Everything collected, validated and compiled. */
    build() {
        if (this.#endpoints.length === 0) {
            throw setupError(ErrorCodes.NO_ENDPOINT, 'No endpoint was added.', "Call s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' }) in the set-up function.");
        }
        const routerEntries = new Map();
        for (const endpoint of this.#endpoints)
            routerEntries.set(endpoint.name, []);
        const bound = new Set();
        // Routes bound to an endpoint first, so they win over an unbound route with the same method and path.
        const definitions = [...this.#routes.values()].sort((a, b) => Number(b.info.endpointName !== undefined) - Number(a.info.endpointName !== undefined));
        for (const definition of definitions) {
            const { info } = definition;
            if (info.endpointName !== undefined && !routerEntries.has(info.endpointName)) {
                throw setupError(ErrorCodes.BAD_ROUTE, `[${info.method}] ${info.path}: No endpoint named '${info.endpointName}' exists.`, `Endpoint names are: ${[...routerEntries.keys()].join(', ')}.`);
            }
            const authMiddleware = this.#auth.middlewareFor(info, this.#sessions?.settings);
            const compiled = compileRoute(info, this.#middleware, [...authMiddleware, ...definition.middleware], definition.handler);
            for (const [endpointName, entries] of routerEntries) {
                if (info.endpointName !== undefined && info.endpointName !== endpointName)
                    continue;
                const key = `${endpointName}\u0000${info.method}\u0000${routeKey(info.path)}`;
                if (bound.has(key))
                    continue;
                bound.add(key);
                entries.push({ method: info.method, path: info.path, value: compiled });
            }
        }
        return {
            endpoints: this.#endpoints.map((endpoint) => ({
                ...endpoint,
                router: new Router(routerEntries.get(endpoint.name)),
            })),
            endware: this.#endware,
            sessions: this.#sessions,
            warnings: this.#warnings,
        };
    }
}
function validatePath(path) {
    if (typeof path !== 'string' || !path.startsWith('/')) {
        throw setupError(ErrorCodes.BAD_ROUTE, `A route path must be a string starting with '/', but got: ${JSON.stringify(path)}`);
    }
    return cleanRoutePath(path);
}
function normaliseMethods(method, path) {
    const list = Array.isArray(method) ? method : [method];
    if (list.length === 0)
        throw setupError(ErrorCodes.BAD_ROUTE, `${path}: A route needs at least one method.`);
    return list.map((value) => {
        const upper = typeof value === 'string' ? value.toUpperCase() : '';
        if (upper !== '*' && !METHODS.has(upper)) {
            throw setupError(ErrorCodes.BAD_ROUTE, `${path}: Unknown HTTP method: ${String(value)}`, `Use one of ${[...METHODS].join(', ')}, or '*' for all.`);
        }
        return upper;
    });
}
function middlewarePattern(route) {
    if (route === undefined || route === '/' || route === '*' || route === '/*')
        return undefined;
    if (typeof route !== 'string' || !route.startsWith('/')) {
        throw setupError(ErrorCodes.BAD_ROUTE, `A middleware route must be a path starting with '/', but got: ${JSON.stringify(route)}`);
    }
    return routePattern(route);
}
//# sourceMappingURL=builder.js.map