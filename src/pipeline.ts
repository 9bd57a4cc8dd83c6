/**
 * The request pipeline, in Pode's order: body parsing and global middleware (filtered by their
 * `route` pattern, see route-filter.ts), route middleware, the route handler, then endware (the
 * event's `onEnd` callbacks, then server endware), and only then the response. Each route's steps are compiled
 * once at start-up; synchronous steps run without a promise, and the chain only turns
 * asynchronous at the first step that returns one.
 */
import type { Logger } from 'pino';
import { hasNoBody, settleEmptyBody } from './body.js';
import { runWithEventSync } from './context.js';
import { HttpError, SessionDataError, SessionStoreError } from './errors.js';
import { hashId } from './logging.js';
import { decideFilter, FilterView, type RouteFilter, restIndex } from './route-filter.js';
import type { RouteInfo } from './types.js';
import type { WebEvent } from './web-event.js';
import { kSession } from './web-event.js';

/**
 * A middleware: return `false` to stop the chain (the response is whatever was set), anything
 * else to go on. May be async.
 */
export type Middleware = (
  event: WebEvent,
) => boolean | undefined | void | Promise<boolean | undefined | void>;

/** A route handler. May be async; its return value is ignored. */
export type RouteHandler<TData = WebEvent['data']> = (event: WebEvent<TData>) => unknown;

/** An endware: runs after the route (always), before the response is sent. May be async. */
export type Endware = (event: WebEvent) => unknown;

/** A global middleware as the server keeps it. */
export interface MiddlewareEntry {
  name: string;
  run: Middleware;
  /** The compiled `route` filter; undefined for every path. */
  filter: RouteFilter | undefined;
}

/**
 * One step of a compiled route: a middleware (or the handler), and the filter pattern to test
 * per request on the request's {@link FilterView} (the route's trailing `*` is part `restAt`),
 * if any.
 */
interface Step {
  run: Middleware;
  pattern: RegExp | undefined;
  restAt: number;
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
  /** Runs the pipeline of one request with the event as the current one (AsyncLocalStorage or not). */
  enter: <A, B, R>(event: WebEvent, fn: (event: WebEvent, a: A, b: B) => R, a: A, b: B) => R;
  /**
   * Runs `fn(a, b)` with no current request: the response is handed to Node outside the request's
   * context, so the timers and ticks Node makes for it (the keep-alive timer among them) do not
   * keep the event, its body and its response alive after the response is sent.
   */
  leave: <A, B, R>(fn: (a: A, b: B) => R, a: A, b: B) => R;
}

/**
 * Compiles a route: the global middleware that apply to it (a `route` filter is decided now from
 * the route's path, and tested per request only when it covers part of the route), its own
 * middleware and its handler.
 */
export function compileRoute(
  info: RouteInfo,
  globalMiddleware: readonly MiddlewareEntry[],
  routeMiddleware: readonly Middleware[],
  handler: RouteHandler | undefined,
): CompiledRoute {
  const steps: Step[] = [];
  const restAt = restIndex(info.path);
  for (const { run, filter } of globalMiddleware) {
    const decision = filter === undefined ? 'always' : decideFilter(filter, info.path);
    if (decision === 'never') continue;
    steps.push({ run, pattern: decision === 'always' ? undefined : filter?.pattern, restAt });
  }
  for (const run of routeMiddleware) steps.push({ run, pattern: undefined, restAt });
  if (handler !== undefined) steps.push({ run: handler as Middleware, pattern: undefined, restAt });
  return { info, steps };
}

/** Runs a matched route (or nothing, for a miss), then endware, then sends the response. */
export function handleRequest(
  event: WebEvent,
  route: CompiledRoute | undefined,
  runtime: PipelineRuntime,
): void {
  let pending: Promise<unknown> | undefined;
  try {
    if (route !== undefined) pending = runSteps(event, route.steps, 0);
  } catch (error) {
    failRequest(event, error, runtime.logger);
  }
  if (pending === undefined) {
    finish(event, runtime);
  } else {
    // Resumed with the event set for the synchronous part too (asyncContext: false has no other).
    pending.then(
      () => runWithEventSync(event, finish, runtime, undefined),
      (error: unknown) => {
        failRequest(event, error, runtime.logger);
        runWithEventSync(event, finish, runtime, undefined);
      },
    );
  }
}

/** Turns an error thrown by a step into the response status, and logs it. */
export function failRequest(event: WebEvent, error: unknown, logger: Logger): void {
  if (error instanceof HttpError) {
    event.fail(error.status, error.status < 500 ? error.message : undefined);
    // The rest of an oversized body is not read: close the connection after answering.
    if (error.status === 413) event.response.setHeader('Connection', 'close');
    logger.debug({ method: event.method, path: event.path, status: error.status }, error.message);
    return;
  }
  if (error instanceof SessionStoreError) {
    event.fail(503);
    const session = event[kSession];
    logger.error(
      {
        err: error.cause ?? error,
        sid: error.sid ?? (session === undefined ? undefined : hashId(session.id)),
        method: event.method,
        path: event.path,
      },
      error.message,
    );
    return;
  }
  event.fail(500);
  logger.error({ err: error, method: event.method, path: event.path }, 'request failed');
}

function runSteps(
  event: WebEvent,
  steps: readonly Step[],
  start: number,
): Promise<unknown> | undefined {
  let view: FilterView | undefined;
  for (let i = start; i < steps.length; i++) {
    const step = steps[i];
    if (step.pattern !== undefined) {
      view ??= new FilterView(event.path, step.restAt);
      if (!view.matches(step.pattern)) continue;
    }
    const result = step.run(event);
    if (result === false) return undefined;
    if (isPromise(result)) {
      return result.then((value) =>
        value === false ? undefined : runWithEventSync(event, runSteps, steps, i + 1),
      );
    }
  }
  return undefined;
}

function finish(event: WebEvent, runtime: PipelineRuntime): void {
  const pending = runEndware(event, event.endCallbacks(), runtime.endware, 0, runtime.logger);
  if (pending === undefined) {
    runtime.leave(send, event, runtime);
  } else {
    pending.then(() => runtime.leave(send, event, runtime));
  }
}

// The event's own callbacks (index < own.length) then the server's endware; each one isolated.
function runEndware(
  event: WebEvent,
  own: readonly ((event: WebEvent) => unknown)[] | undefined,
  server: readonly Endware[],
  start: number,
  logger: Logger,
): Promise<void> | undefined {
  const ownCount = own === undefined ? 0 : own.length;
  const total = ownCount + server.length;
  for (let i = start; i < total; i++) {
    const endware = i < ownCount ? own![i] : server[i - ownCount];
    let result: unknown;
    try {
      result = endware(event);
    } catch (error) {
      logEndwareError(event, error, logger);
      continue;
    }
    if (isPromise(result)) {
      const next = () =>
        runWithEventSync(event, (e) => runEndware(e, own, server, i + 1, logger), 0, 0);
      return result.then(next, (error: unknown) => {
        logEndwareError(event, error, logger);
        return next();
      });
    }
  }
  return undefined;
}

function send(event: WebEvent, runtime: PipelineRuntime): void {
  try {
    event.send();
  } catch (error) {
    runtime.logger.error(
      { err: error, method: event.method, path: event.path },
      'sending the response failed',
    );
    if (!event.response.headersSent) {
      event.response.statusCode = 500;
      event.response.end();
    } else {
      event.response.destroy();
    }
  }
  // The server claimed the empty stream of a bodiless request when it arrived (claimEmptyBody).
  const request = event.request;
  if (hasNoBody(request.headers)) settleEmptyBody(request, event.response);
  runtime.done();
}

function logEndwareError(event: WebEvent, error: unknown, logger: Logger): void {
  // A failed session save fails the request (503 or 500): the client must not be told it worked.
  if (error instanceof SessionStoreError || error instanceof SessionDataError) {
    failRequest(event, error, logger);
    return;
  }
  logger.error({ err: error, method: event.method, path: event.path }, 'endware failed');
}

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    value !== undefined &&
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Promise<unknown>).then === 'function'
  );
}
