/**
 * The builder `s` handed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. It collects
 * endpoints, routes, middleware, endware, sessions, authentication and CSRF, validates each call at
 * once, and compiles every route's pipeline in `build()`.
 */
import { type AuthOptions, type AuthSessionOptions, type AuthValidator } from './auth/registry.js';
import type { AuthScheme } from './auth/schemes.js';
import { type CsrfOptions } from './csrf.js';
import { type CompiledRoute, type Endware, type Middleware, type RouteHandler } from './pipeline.js';
import { Router } from './router.js';
import type { ServerOptions } from './server.js';
import type { SessionSetup } from './sessions/middleware.js';
import { type SessionOptions } from './sessions/middleware.js';
import type { EndpointInfo, RequestData } from './types.js';
/** `s.addEndpoint` options. */
export interface EndpointOptions {
    /** Default `'localhost'`; `'*'` for every interface. */
    address?: string;
    /** Default 8080; 0 picks a free port. */
    port?: number;
    /** Default `'http'`. */
    protocol?: 'http' | 'https';
    /** A name routes can bind to with `endpointName`. Default `'<protocol>:<address>:<port>'`. */
    name?: string;
    /** Key and certificate (PEM) for https. */
    tls?: {
        key: string | Buffer;
        cert: string | Buffer;
        passphrase?: string;
    };
}
/** `s.addRoute` options. */
export interface RouteOptions {
    /** A method in any case, an array of methods, or `'*'` for all. */
    method: string | readonly string[];
    path: string;
    /** Route middleware, run after authentication, in order. */
    middleware?: readonly Middleware[];
    /** The name of an authentication added with `s.addAuth`. */
    authentication?: string;
    /** A login route: an authenticated session is redirected to the auth's `successUrl`. */
    login?: boolean;
    /** A logout route: the session is removed and the client redirected to `failureUrl` (or 401). */
    logout?: boolean;
    /** Run the route for anonymous users too (credentials presented are still checked). */
    allowAnon?: boolean;
    /** Bind the route to one endpoint by name. */
    endpointName?: string;
    /** Parse the body as this type whatever the request says. */
    contentType?: string;
    /** The type of error pages on this route (`application/json` for JSON pages). */
    errorContentType?: string;
    /** What to do when the method and path are already defined. Default `'error'`. */
    ifExists?: 'error' | 'skip' | 'overwrite';
}
/** `s.addMiddleware` options. */
export interface MiddlewareOptions {
    name: string;
    /** Only for request paths matching this route pattern; `'/'` or none for all. */
    route?: string;
}
/** The builder passed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. */
export declare class ServerBuilder {
    #private;
    /** @internal */
    constructor(options: ServerOptions);
    /** Adds an endpoint to listen on (`Add-PodeEndpoint`). */
    addEndpoint(options?: EndpointOptions): this;
    /** Adds a route (`Add-PodeRoute`): `addRoute({ method, path, … }, handler)` or `addRoute(method, path, handler)`. */
    addRoute<TData = RequestData>(options: RouteOptions, handler?: RouteHandler<TData>): this;
    addRoute<TData = RequestData>(method: string | readonly string[], path: string, handler: RouteHandler<TData>): this;
    /** Adds global middleware (`Add-PodeMiddleware`), run in the order added for paths matching `route`. */
    addMiddleware(name: string, fn: Middleware, options?: {
        route?: string;
    }): this;
    addMiddleware(options: MiddlewareOptions, fn: Middleware): this;
    /** Adds server endware (`Add-PodeEndware`): runs after every request, in the order added. */
    addEndware(fn: Endware): this;
    /** Enables sessions (`Enable-PodeSessionMiddleware`) at this point of the middleware order. */
    enableSessionMiddleware(options?: SessionOptions): this;
    /**
     * Adds an authentication (`Add-PodeAuth`) that routes name in `authentication`: the scheme
     * reads the credentials, `validate(credentials, e)` returns `{ user }` or a failure. Without
     * `sessionless`, sessions must be enabled first.
     */
    addAuth<TCredentials>(name: string, scheme: AuthScheme<TCredentials>, validate: AuthValidator<TCredentials>, options?: AuthOptions): this;
    /** Adds an authentication that passes only when the session holds a logged-in user (`Add-PodeAuthSession`). */
    addAuthSession(name: string, options?: AuthSessionOptions): this;
    /** Enables CSRF checks (`Enable-PodeCsrfMiddleware`) at this point of the middleware order. */
    enableCsrfMiddleware(options?: CsrfOptions): this;
    /** @internal Everything collected, validated and compiled. */
    build(): BuiltServer;
}
/** @internal What `build()` hands to the server. */
export interface BuiltServer {
    endpoints: (EndpointInfo & {
        tls?: EndpointOptions['tls'];
        router: Router<CompiledRoute>;
    })[];
    endware: readonly Endware[];
    sessions: SessionSetup | undefined;
    /** Set-up that works but should be looked at, logged once at start-up. */
    warnings: readonly string[];
}
//# sourceMappingURL=builder.d.ts.map