/**
 * Shared fixtures of the session tests: a custom store that counts its calls and can be made
 * to fail, a pino logger whose lines the test can read, small readers of session cookies, and
 * the routes most session tests share.
 */

import type { Logger } from 'pino';
import { pino } from 'pino';
import type { ServerBuilder, SessionRecord, SessionStore, WebEvent } from '../../src/index.js';
import { parseSetCookie } from '../helpers.js';

/** How a store method fails: throw at once, return a rejected promise, or never settle. */
export type FailMode = 'throw' | 'reject' | 'hang';

type Method = 'get' | 'set' | 'delete';

/**
 * A custom store over a Map that keeps records as JSON, counts every call, never expires a
 * record by itself (so the framework's own expiry check shows), and fails on demand.
 */
export class TestStore implements SessionStore {
  readonly records = new Map<string, { json: string; expiry: Date }>();
  readonly calls: Record<Method, number> = { get: 0, set: 0, delete: 0 };
  /** `get`, `set` and `delete` calls in order, with the id. */
  readonly history: string[] = [];
  /** Methods that currently fail, and how. */
  readonly failing: Partial<Record<Method, FailMode>> = {};
  readonly async: boolean;
  /** Milliseconds every async call waits before answering. */
  delayMs: number;

  constructor({ async = false, delayMs = 0 }: { async?: boolean; delayMs?: number } = {}) {
    this.async = async;
    this.delayMs = delayMs;
  }

  get(id: string): SessionRecord | null | Promise<SessionRecord | null> {
    return this.#run('get', id, () => {
      const entry = this.records.get(id);
      return entry === undefined ? null : (JSON.parse(entry.json) as SessionRecord);
    });
  }

  set(id: string, record: SessionRecord, expiry: Date): void | Promise<void> {
    return this.#run('set', id, () => {
      this.records.set(id, { json: JSON.stringify(record), expiry });
    });
  }

  delete(id: string): void | Promise<void> {
    return this.#run('delete', id, () => {
      this.records.delete(id);
    });
  }

  /** The stored record for `id`, parsed, or undefined. */
  record(id: string): SessionRecord | undefined {
    const entry = this.records.get(id);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as SessionRecord);
  }

  /** Zeroes the counters and the history. */
  resetCounts(): void {
    this.calls.get = this.calls.set = this.calls.delete = 0;
    this.history.length = 0;
  }

  #run<T>(method: Method, id: string, body: () => T): T | Promise<T> {
    this.calls[method]++;
    this.history.push(`${method} ${id}`);
    const failure = this.failing[method];
    if (failure === 'throw') throw new Error(`store ${method} is down`);
    if (failure === 'reject') return Promise.reject(new Error(`store ${method} is down`));
    if (failure === 'hang') return new Promise<T>(() => {});
    if (!this.async) return body();
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(body());
        } catch (error) {
          reject(error);
        }
      }, this.delayMs);
    });
  }
}

/** A pino logger at debug level whose output lines are kept in `lines`. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** The Set-Cookie line for `name` on a response, or undefined. */
export function sessionCookie(response: Response, name = 'pode.sid'): string | undefined {
  return response.headers.getSetCookie().find((line) => parseSetCookie(line).name === name);
}

/** The session id inside a signed value `s:<id>.<sig>`. */
export function idOf(signed: string): string {
  return signed.slice(2, signed.lastIndexOf('.'));
}

/** The session id carried by a response's Set-Cookie for `name`, or undefined. */
export function cookieId(response: Response, name = 'pode.sid'): string | undefined {
  const line = sessionCookie(response, name);
  return line === undefined ? undefined : idOf(decodeURIComponent(parseSetCookie(line).value));
}

/**
 * The routes most session tests share: `/set?key=value…` writes query values into the session,
 * `/remove` removes it (answering `removed`), `/regenerate` gives it a new id; `/set` and
 * `/regenerate` answer with `show(e)`.
 */
export function addSessionRoutes(s: ServerBuilder, show: (e: WebEvent) => void): void {
  s.addRoute('GET', '/set', (e) => {
    for (const [key, value] of Object.entries(e.query)) e.session.data[key] = value;
    show(e);
  });
  s.addRoute('GET', '/remove', async (e) => {
    await e.session.remove();
    e.writeText('removed');
  });
  s.addRoute('GET', '/regenerate', async (e) => {
    await e.session.regenerate();
    show(e);
  });
}
