/**
 * The traffic settings the builder collects (limit rules, security headers, CORS, compression)
 * and what they compile to: inbuilt middleware that runs first on every request, matched or
 * not (CORS and security headers, then access rules, then rate rules), and the response
 * compressor. A server with none of them gets no middleware and no compressor.
 */
import { ErrorCodes, setupError } from '../errors.js';
import {
  type LimitAccessRuleOptions,
  type LimitRateRuleOptions,
  type LimitRuleOptions,
  LimitRules,
  legacyRateRule,
} from '../limits/rules.js';
import { rejectUnknownKeys } from '../option-keys.js';
import type { MiddlewareEntry } from '../pipeline.js';
import { type CompressionOptions, type Compressor, createCompressor } from './compression.js';
import { type AccessControlOptions, checkAccessControl, createCorsMiddleware } from './cors.js';
import { SecurityHeaders } from './headers.js';

/** What the traffic settings compile to. */
export interface BuiltTraffic {
  /** Inbuilt middleware to run before every other, in order; empty when nothing is set. */
  middleware: MiddlewareEntry[];
  compressor: Compressor | undefined;
}

/** The traffic settings of one server, collected by the builder. */
export class TrafficSettings {
  readonly limits = new LimitRules();
  readonly security = new SecurityHeaders();
  #accessControl: AccessControlOptions | undefined;
  #compression: Compressor | undefined;
  #legacyRules = 0;

  /** Pode's `Add-PodeLimitRule`: a rate rule named for you. */
  addLegacyRateRule(options: LimitRuleOptions, threads: number): void {
    this.#legacyRules++;
    this.limits.addRate(`__pode_limit_${this.#legacyRules}__`, legacyRateRule(options), threads);
  }

  /** Pode's `Add-PodeAccessRule`: an access rule on IPs named for you. */
  addLegacyAccessRule(options: {
    access: 'allow' | 'deny';
    type?: 'ip';
    values: string | readonly string[];
  }): void {
    rejectUnknownKeys('s.addAccessRule()', options, new Set(['access', 'type', 'values']));
    if (options.type !== undefined && String(options.type).toLowerCase() !== 'ip') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.addAccessRule(): type must be 'ip', but got: ${String(options.type)}`,
      );
    }
    this.#legacyRules++;
    const ip = typeof options.values === 'string' ? [options.values] : [...(options.values ?? [])];
    this.limits.addAccess(`__pode_access_${this.#legacyRules}__`, {
      action: options.access,
      components: [{ type: 'ip', ip }],
    });
  }

  addRate(name: string, options: LimitRateRuleOptions, threads: number): void {
    this.limits.addRate(name, options, threads);
  }

  addAccess(name: string, options: LimitAccessRuleOptions): void {
    this.limits.addAccess(name, options);
  }

  /** Pode's `Set-PodeSecurityAccessControl`: replaces earlier CORS settings. */
  setAccessControl(options: AccessControlOptions): void {
    checkAccessControl(options);
    this.#accessControl = options;
  }

  /** Pode's `Remove-PodeSecurityAccessControl`. */
  removeAccessControl(): void {
    this.#accessControl = undefined;
    this.security.accessControl = undefined;
  }

  /** Turns response compression on. */
  enableCompression(options: CompressionOptions = {}): void {
    this.#compression = createCompressor(options);
  }

  /** Compiles everything, once; `routeMethods` are the methods of every route (for CORS `autoMethods`). */
  build(routeMethods: readonly string[]): BuiltTraffic {
    const middleware: MiddlewareEntry[] = [];
    const cors = this.#accessControl ?? this.security.accessControl;
    if (cors !== undefined) {
      middleware.push({
        name: '__pode_mw_cors__',
        run: createCorsMiddleware(cors, routeMethods),
        filter: undefined,
      });
    }
    const headers = this.security.middleware();
    if (headers !== undefined) {
      middleware.push({ name: '__pode_mw_security__', run: headers, filter: undefined });
    }
    const access = this.limits.accessMiddleware();
    if (access !== undefined) {
      middleware.push({ name: '__pode_mw_access__', run: access, filter: undefined });
    }
    const rate = this.limits.rateMiddleware();
    if (rate !== undefined) {
      middleware.push({ name: '__pode_mw_rate_limit__', run: rate, filter: undefined });
    }
    return { middleware, compressor: this.#compression };
  }
}
