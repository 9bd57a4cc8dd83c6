/**
 * The request pipeline, in Pode's order: body parsing and global middleware (filtered by their
 * `route` pattern), route middleware, the route handler, then endware (the event's `onEnd`
 * callbacks, then server endware), and only then the response. Each route's steps are compiled
 * once at start-up; synchronous steps run without a promise, and the chain only turns
 * asynchronous at the first step that returns one.
 */
import type { Logger } from 'pino';
import type { RouteInfo } from './types.js';
import type { WebEvent } from './web-event.js';
/**
 * A middleware: return `false` to stop the chain (the response is whatever was set), anything
 * else to go on. May be async.
 */
export type Middleware = (event: WebEvent) => boolean | undefined | void | Promise<boolean | undefined | void>;
/** A route handler. May be async; its return value is ignored. */
export type RouteHandler<TData = WebEvent['data']> = (event: WebEvent<TData>) => unknown;
/** An endware: runs after the route (always), before the response is sent. May be async. */
export type Endware = (event: WebEvent) => unknown;
/** A global middleware as the server keeps it. */
export interface MiddlewareEntry {
    name: string;
    run: Middleware;
    /** The compiled `route` filter; undefined for every path. */
    pattern: RegExp | undefined;
}
/** One step of a compiled route: a middleware (or the handler) and an optional path filter. */
interface Step {
    run: Middleware;
    pattern: RegExp | undefined;
}
/** A route ready to serve: its public info and its steps. */
export interface CompiledRoute {
    info: RouteInfo;
    steps: readonly Step[];
}
/** What the pipeline needs from the server, built once. */
export interface PipelineRuntime {
    endware: readonly Endware[];
    logger: Logger;
    /** Called once the response has been handed to Node. */
    done: () => void;
}
/**
 * Compiles a route: the global middleware that can apply to it (a filter is decided now when
 * the route path is static, else per request), its own middleware and its handler.
 */
export declare function compileRoute(info: RouteInfo, globalMiddleware: readonly MiddlewareEntry[], routeMiddleware: readonly Middleware[], handler: RouteHandler | undefined): CompiledRoute;
/** Runs a matched route (or nothing, for a miss), then endware, then sends the response. */
export declare function handleRequest(event: WebEvent, route: CompiledRoute | undefined, runtime: PipelineRuntime): void;
/** Turns an error thrown by a step into the response status, and logs it. */
export declare function failRequest(event: WebEvent, error: unknown, logger: Logger): void;
export {};
//# sourceMappingURL=pipeline.d.ts.map