/**
 * Pode's limit rules: access rules (`Add-PodeLimitAccessRule`: allow or deny requests whose
 * components all match, 403) and rate rules (`Add-PodeLimitRateRule`: at most `limit` requests
 * per key in each `duration`, 429 with Retry-After). Rules run by priority (highest first, then
 * in the order added); collected by the builder and compiled once into middleware.
 */
import type { Cluster, Redis } from 'ioredis';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware } from '../pipeline.js';
import type { WebEvent } from '../web-event.js';
import { type CompiledComponent, compileComponents, type LimitComponent } from './components.js';
import { type Counter, createCounter } from './counter.js';

/** `s.addLimitAccessRule` options (Pode's `Add-PodeLimitAccessRule`). */
export interface LimitAccessRuleOptions {
  /** Allow or deny the requests matching every component. Once any allow rule exists, unmatched requests are denied. */
  action: 'allow' | 'deny';
  /** The components that must all match (none: every request). */
  components?: LimitComponent | readonly LimitComponent[];
  /** The status of a denied request. Default 403. */
  statusCode?: number;
  /** Higher runs first. Default: lowest; equal priorities run in the order added. */
  priority?: number;
}

/** `s.addLimitRateRule` options (Pode's `Add-PodeLimitRateRule`). */
export interface LimitRateRuleOptions {
  /** Requests allowed per key in each window (0 refuses all). */
  limit: number;
  /** The window in milliseconds. Default 60000. With `redis`, a whole number of seconds. */
  duration?: number;
  /** The components that must all match; their keys, joined, are what is counted. */
  components?: LimitComponent | readonly LimitComponent[];
  /** The status past the limit. Default 429. */
  statusCode?: number;
  /** Higher runs first. Default: lowest; equal priorities run in the order added. */
  priority?: number;
  /** Count in Redis (an ioredis client), shared by every process using it. Required with `threads`. */
  redis?: Redis | Cluster;
  /** The Redis key prefix. Default `pode:limit:<name>`. */
  keyPrefix?: string;
}

/** Pode's older `Add-PodeLimitRule`, mapped onto a rate rule. */
export interface LimitRuleOptions {
  type: 'ip' | 'route' | 'endpoint';
  values: string | readonly string[];
  limit: number;
  seconds: number;
  /** IPs in a subnet count as one. */
  group?: boolean;
  redis?: Redis | Cluster;
}

const ACCESS_KEYS = optionKeys<LimitAccessRuleOptions>({
  action: true,
  components: true,
  statusCode: true,
  priority: true,
});
const RATE_KEYS = optionKeys<LimitRateRuleOptions>({
  limit: true,
  duration: true,
  components: true,
  statusCode: true,
  priority: true,
  redis: true,
  keyPrefix: true,
});
const LIMIT_RULE_KEYS = optionKeys<LimitRuleOptions>({
  type: true,
  values: true,
  limit: true,
  seconds: true,
  group: true,
  redis: true,
});

interface AccessRule {
  name: string;
  allow: boolean;
  components: CompiledComponent[];
  statusCode: number;
  priority: number;
}

interface RateRule {
  name: string;
  components: CompiledComponent[];
  counter: Counter;
  statusCode: number;
  priority: number;
}

/** The limit rules of one server, as the builder collects them. */
export class LimitRules {
  readonly #access: AccessRule[] = [];
  readonly #rate: RateRule[] = [];

  /** Adds an access rule; throws a set-up error for a bad one. */
  addAccess(name: string, options: LimitAccessRuleOptions): void {
    const where = `s.addLimitAccessRule('${String(name)}')`;
    this.#checkName(where, name, this.#access);
    rejectUnknownKeys(where, options, ACCESS_KEYS);
    const action = String(options?.action ?? '').toLowerCase();
    if (action !== 'allow' && action !== 'deny') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: action must be 'allow' or 'deny', but got: ${String(options?.action)}`,
      );
    }
    this.#access.push({
      name,
      allow: action === 'allow',
      components: compileComponents(where, options.components),
      statusCode: status(where, options.statusCode, 403),
      priority: priority(where, options.priority),
    });
  }

  /** Adds a rate rule; throws a set-up error for a bad one. `threads` > 1 needs `redis`. */
  addRate(name: string, options: LimitRateRuleOptions, threads: number): void {
    const where = `s.addLimitRateRule('${String(name)}')`;
    this.#checkName(where, name, this.#rate);
    rejectUnknownKeys(where, options, RATE_KEYS);
    const limit = options?.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: limit must be a whole number of 0 or more, but got: ${String(limit)}`,
      );
    }
    const duration = options.duration ?? 60_000;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: duration must be a whole number of milliseconds of 1 or more, but got: ${String(duration)}`,
      );
    }
    const redis = options.redis;
    if (redis !== undefined && !isRedisClient(redis)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: redis must be an ioredis client.`,
        "Pass redis: new Redis('redis://127.0.0.1:6379') with Redis from 'ioredis'.",
      );
    }
    if (redis !== undefined && duration % 1000 !== 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: with redis, duration must be a whole number of seconds (a multiple of 1000), but got: ${duration}`,
        'Redis keeps the counters with whole-second expiries.',
      );
    }
    if (redis === undefined && threads > 1) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: a rate rule on a server with threads: ${threads} needs Redis to count in: in-memory counters would let each of the ${threads} worker processes allow the limit on its own (${threads} times the limit).`,
        `Add redis to this rule: import { Redis } from 'ioredis'; s.addLimitRateRule(${JSON.stringify(name)}, { …, redis: new Redis('redis://127.0.0.1:6379') }) (every worker then shares the counters, atomically); or start without threads (one process counts in memory).`,
      );
    }
    const keyPrefix = options.keyPrefix ?? `pode:limit:${name}`;
    if (typeof keyPrefix !== 'string') {
      throw setupError(ErrorCodes.BAD_OPTION, `${where}: keyPrefix must be a string.`);
    }
    this.#rate.push({
      name,
      components: compileComponents(where, options.components),
      counter: createCounter({ limit, durationMs: duration, keyPrefix, redis }),
      statusCode: status(where, options.statusCode, 429),
      priority: priority(where, options.priority),
    });
  }

  /** The access-rule middleware, or undefined without access rules. */
  accessMiddleware(): Middleware | undefined {
    if (this.#access.length === 0) return undefined;
    const rules = byPriority(this.#access);
    const haveAllow = rules.some((rule) => rule.allow);
    return (event) => {
      for (const rule of rules) {
        if (!matchesAll(rule.components, event)) continue;
        if (rule.allow) return true;
        event.setStatus(rule.statusCode);
        return false;
      }
      if (!haveAllow) return true;
      event.setStatus(403);
      return false;
    };
  }

  /** The rate-rule middleware, or undefined without rate rules. */
  rateMiddleware(): Middleware | undefined {
    if (this.#rate.length === 0) return undefined;
    const rules = byPriority(this.#rate);
    return (event) => checkRates(event, rules, 0);
  }

  #checkName(where: string, name: unknown, rules: readonly { name: string }[]): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(ErrorCodes.BAD_OPTION, `${where}: a rule needs a name.`);
    }
    if (rules.some((rule) => rule.name === name)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}: a rule named '${name}' already exists.`,
        'Give each rule its own name.',
      );
    }
  }
}

/** Maps Pode's older `Add-PodeLimitRule` onto `addLimitRateRule` options. */
export function legacyRateRule(options: LimitRuleOptions): LimitRateRuleOptions {
  rejectUnknownKeys('s.addLimitRule()', options, LIMIT_RULE_KEYS);
  const values =
    typeof options.values === 'string' ? [options.values] : [...(options.values ?? [])];
  const type = String(options.type).toLowerCase();
  const legacy: Record<string, LimitComponent> = {
    ip: { type: 'ip', ip: values, group: options.group === true },
    route: { type: 'route', path: values },
    endpoint: { type: 'endpoint', name: values },
  };
  const component = Object.hasOwn(legacy, type) ? legacy[type] : undefined;
  if (component === undefined) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addLimitRule(): type must be 'ip', 'route' or 'endpoint', but got: ${String(options.type)}`,
    );
  }
  const seconds = options.seconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `s.addLimitRule(): seconds must be a whole number of 1 or more, but got: ${String(seconds)}`,
    );
  }
  return {
    limit: options.limit,
    duration: seconds * 1000,
    components: [component],
    ...(options.redis === undefined ? {} : { redis: options.redis }),
  };
}

// Every rule whose components match counts the request; the first one past its limit answers.
// In memory this is synchronous; a Redis count continues from its promise.
function checkRates(
  event: WebEvent,
  rules: readonly RateRule[],
  start: number,
): boolean | Promise<boolean> {
  for (let i = start; i < rules.length; i++) {
    const rule = rules[i];
    const key = ruleKey(rule.components, event);
    if (key === undefined) continue;
    const counted = rule.counter.consume(key);
    if (!(counted instanceof Promise)) {
      if (counted.allowed) continue;
      return refuse(event, rule, counted.msBeforeNext);
    }
    return counted.then(
      (result) =>
        result.allowed ? checkRates(event, rules, i + 1) : refuse(event, rule, result.msBeforeNext),
      (error: unknown) => {
        // A store that fails lets the request through (logged): the limiter must not take the site down.
        event.log.error({ err: error, rule: rule.name }, 'the rate limit store failed');
        return checkRates(event, rules, i + 1);
      },
    );
  }
  return true;
}

function refuse(event: WebEvent, rule: RateRule, msBeforeNext: number): false {
  event.setHeader('Retry-After', String(Math.max(1, Math.ceil(msBeforeNext / 1000))));
  event.setStatus(rule.statusCode);
  return false;
}

function ruleKey(components: readonly CompiledComponent[], event: WebEvent): string | undefined {
  if (components.length === 1) return components[0](event);
  let key = '';
  for (let i = 0; i < components.length; i++) {
    const part = components[i](event);
    if (part === undefined) return undefined;
    key = i === 0 ? part : `${key}|${part}`;
  }
  return components.length === 0 ? '*' : key;
}

function matchesAll(components: readonly CompiledComponent[], event: WebEvent): boolean {
  for (const component of components) if (component(event) === undefined) return false;
  return true;
}

function byPriority<T extends { priority: number }>(rules: readonly T[]): T[] {
  // Array.prototype.sort is stable: equal priorities keep the order they were added in.
  return [...rules].sort((a, b) => b.priority - a.priority);
}

function status(where: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: statusCode must be an HTTP status (100 to 599), but got: ${String(value)}`,
    );
  }
  return value;
}

function priority(where: string, value: unknown): number {
  if (value === undefined) return Number.MIN_SAFE_INTEGER;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `${where}: priority must be a whole number, but got: ${String(value)}`,
    );
  }
  return value;
}

function isRedisClient(value: unknown): value is Redis | Cluster {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { defineCommand?: unknown }).defineCommand === 'function' &&
    typeof (value as { multi?: unknown }).multi === 'function'
  );
}
