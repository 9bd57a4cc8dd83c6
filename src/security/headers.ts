/**
 * Pode's security headers (`Set-PodeSecurity*`): a table of header names and values set on
 * every response, off until a `s.setSecurity*` call adds one. `s.setSecurity({ type })` turns
 * on Pode's Simple or Strict set in one call. The values are built at set-up; per request the
 * middleware only copies them onto the response.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware } from '../pipeline.js';
import type { AccessControlOptions } from './cors.js';

/** `s.setSecurity` options (Pode's `Set-PodeSecurity`). */
export interface SecurityOptions {
  /** Pode's `-Type`: `'simple'` (frames from the same origin, `strict-origin` referrer) or `'strict'` (no frames, no referrer). */
  type: 'simple' | 'strict';
  /** Add Strict-Transport-Security for a year, with subdomains. */
  useHsts?: boolean;
  /** X-XSS-Protection `1; mode=block` instead of `0`. */
  xssBlock?: boolean;
  /** Send the CSP as Content-Security-Policy-Report-Only. */
  cspReportOnly?: boolean;
}

/** Content-Security-Policy directives (Pode's `Set-PodeSecurityContentSecurityPolicy`): keywords (`self`, `none`, `unsafe-inline`…) and schemes (`data`, `https`…) are quoted as CSP wants. */
export interface ContentSecurityPolicyOptions {
  default?: Sources;
  child?: Sources;
  connect?: Sources;
  font?: Sources;
  frame?: Sources;
  image?: Sources;
  manifest?: Sources;
  media?: Sources;
  object?: Sources;
  scripts?: Sources;
  style?: Sources;
  baseUri?: Sources;
  formAction?: Sources;
  frameAncestor?: Sources;
  fencedFrame?: Sources;
  prefetch?: Sources;
  scriptAttr?: Sources;
  scriptElem?: Sources;
  styleAttr?: Sources;
  styleElem?: Sources;
  worker?: Sources;
  /** A sandbox value (`allow-forms`…); `'none'` (default) for no sandbox directive. */
  sandbox?: string;
  reportUri?: string;
  upgradeInsecureRequests?: boolean;
  /** X-XSS-Protection `1; mode=block` instead of `0`. */
  xssBlock?: boolean;
  /** Send it as Content-Security-Policy-Report-Only. */
  reportOnly?: boolean;
}

/** Permissions-Policy features (Pode's `Set-PodeSecurityPermissionsPolicy`): allow-lists such as `'self'`, `'none'`, `'*'` or origins. */
export type PermissionsPolicyOptions = Partial<Record<PermissionsFeature, Sources>>;

/** One source or a list of them. */
export type Sources = string | readonly string[];

const PERMISSIONS = {
  accelerometer: 'accelerometer',
  ambientLightSensor: 'ambient-light-sensor',
  autoplay: 'autoplay',
  battery: 'battery',
  camera: 'camera',
  displayCapture: 'display-capture',
  documentDomain: 'document-domain',
  encryptedMedia: 'encrypted-media',
  fullscreen: 'fullscreen',
  gamepad: 'gamepad',
  geolocation: 'geolocation',
  gyroscope: 'gyroscope',
  interestCohort: 'interest-cohort',
  layoutAnimations: 'layout-animations',
  legacyImageFormats: 'legacy-image-formats',
  magnetometer: 'magnetometer',
  microphone: 'microphone',
  midi: 'midi',
  oversizedImages: 'oversized-images',
  payment: 'payment',
  pictureInPicture: 'picture-in-picture',
  publicKeyCredentials: 'publickey-credentials-get',
  speakers: 'speaker-selection',
  syncXhr: 'sync-xhr',
  unoptimisedImages: 'unoptimized-images',
  unsizedMedia: 'unsized-media',
  usb: 'usb',
  screenWakeLock: 'screen-wake-lock',
  webShare: 'web-share',
  xrSpatialTracking: 'xr-spatial-tracking',
} as const;

/** The features `setSecurityPermissionsPolicy` knows. */
export type PermissionsFeature = keyof typeof PERMISSIONS;

const CSP = {
  default: 'default-src',
  child: 'child-src',
  connect: 'connect-src',
  font: 'font-src',
  frame: 'frame-src',
  image: 'img-src',
  manifest: 'manifest-src',
  media: 'media-src',
  object: 'object-src',
  scripts: 'script-src',
  style: 'style-src',
  baseUri: 'base-uri',
  formAction: 'form-action',
  frameAncestor: 'frame-ancestors',
  fencedFrame: 'fenced-frame-src',
  prefetch: 'prefetch-src',
  scriptAttr: 'script-src-attr',
  scriptElem: 'script-src-elem',
  styleAttr: 'style-src-attr',
  styleElem: 'style-src-elem',
  worker: 'worker-src',
} as const;

const CSP_KEYS = optionKeys<ContentSecurityPolicyOptions>({
  ...(Object.fromEntries(Object.keys(CSP).map((key) => [key, true])) as Record<
    keyof typeof CSP,
    true
  >),
  sandbox: true,
  reportUri: true,
  upgradeInsecureRequests: true,
  xssBlock: true,
  reportOnly: true,
});
const SECURITY_KEYS = optionKeys<SecurityOptions>({
  type: true,
  useHsts: true,
  xssBlock: true,
  cspReportOnly: true,
});
const CSP_KEYWORDS = new Set([
  'none',
  'self',
  'strict-dynamic',
  'report-sample',
  'inline-speculation-rules',
  'unsafe-inline',
  'unsafe-eval',
  'unsafe-hashes',
  'wasm-unsafe-eval',
]);
const SCHEMES = new Set([
  'http',
  'https',
  'data',
  'blob',
  'filesystem',
  'mediastream',
  'ws',
  'wss',
  'ftp',
  'mailto',
  'tel',
  'file',
]);
const REFERRER = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

/** The security headers of one server (Pode's `$PodeContext.Server.Security.Headers`). */
export class SecurityHeaders {
  /** Header name → value, in the order set. */
  readonly headers = new Map<string, string>();
  /** CORS set through `setSecurity` (Pode's Simple/Strict set includes it). */
  accessControl: AccessControlOptions | undefined;

  /** Pode's `Set-PodeSecurity`: the Simple or Strict set of headers. */
  setSecurity(options: SecurityOptions): void {
    rejectUnknownKeys('s.setSecurity()', options, SECURITY_KEYS);
    const type = String(options?.type ?? '').toLowerCase();
    if (type !== 'simple' && type !== 'strict') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.setSecurity(): type must be 'simple' or 'strict', but got: ${String(options?.type)}`,
      );
    }
    this.set('X-Content-Type-Options', 'nosniff');
    this.setPermissionsPolicy({
      syncXhr: ['none'],
      fullscreen: ['self'],
      camera: ['none'],
      geolocation: ['self'],
      pictureInPicture: ['self'],
      accelerometer: ['none'],
      microphone: ['none'],
      usb: ['none'],
      autoplay: ['self'],
      payment: ['none'],
      magnetometer: ['self'],
      gyroscope: ['self'],
      displayCapture: ['self'],
    });
    this.setCrossOrigin({ embed: 'require-corp', open: 'same-origin', resource: 'same-origin' });
    this.accessControl = { origin: '*', methods: '*', headers: '*', duration: 7200 };
    this.setContentSecurityPolicy({
      default: ['self'],
      xssBlock: options.xssBlock === true,
      reportOnly: options.cspReportOnly === true,
    });
    if (options.useHsts === true) this.setStrictTransportSecurity(31_536_000, true);
    this.setFrameOptions(type === 'simple' ? 'sameorigin' : 'deny');
    this.setReferrerPolicy(type === 'simple' ? 'strict-origin' : 'no-referrer');
  }

  /** Pode's `Add-PodeSecurityHeader`: an empty value is ignored, as in Pode; `append` adds to a list. */
  set(name: string, value: string, append = false): void {
    if (typeof name !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `A security header name is not valid: ${String(name)}`,
      );
    }
    if (value === undefined || value === null || String(value).trim() === '') return;
    if (/[\r\n\0]/.test(String(value))) {
      throw setupError(ErrorCodes.BAD_OPTION, `The ${name} header value holds a line break.`);
    }
    const earlier = append ? this.headers.get(name) : undefined;
    if (earlier === undefined) {
      this.headers.set(name, String(value));
      return;
    }
    const items = earlier.split(',').map((item) => item.trim());
    if (!items.some((item) => item.toLowerCase() === String(value).toLowerCase())) {
      this.headers.set(name, [...items, String(value)].join(', '));
    }
  }

  /** Pode's `Set-PodeSecurityFrameOptions`. */
  setFrameOptions(type: string): void {
    const value = String(type).toLowerCase();
    if (value !== 'deny' && value !== 'sameorigin') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `setSecurityFrameOptions: type must be 'deny' or 'sameOrigin', but got: ${String(type)}`,
      );
    }
    this.set('X-Frame-Options', value.toUpperCase());
  }

  /** Pode's `Set-PodeSecurityReferrerPolicy`. */
  setReferrerPolicy(type: string): void {
    const value = String(type).toLowerCase();
    if (!REFERRER.includes(value)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `setSecurityReferrerPolicy: type must be one of ${REFERRER.join(', ')}, but got: ${String(type)}`,
      );
    }
    this.set('Referrer-Policy', value);
  }

  /** Pode's `Set-PodeSecurityStrictTransportSecurity`: `duration` in seconds. */
  setStrictTransportSecurity(duration = 31_536_000, includeSubDomains = false): void {
    if (!Number.isInteger(duration) || duration <= 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `setSecurityStrictTransportSecurity: duration must be a whole number of seconds above 0, but got: ${String(duration)}`,
      );
    }
    this.set(
      'Strict-Transport-Security',
      `max-age=${duration}${includeSubDomains ? '; includeSubDomains' : ''}`,
    );
  }

  /** Pode's `Set-PodeSecurityCrossOrigin`. */
  setCrossOrigin(options: { embed?: string; open?: string; resource?: string }): void {
    rejectUnknownKeys(
      's.setSecurityCrossOrigin()',
      options,
      new Set(['embed', 'open', 'resource']),
    );
    const pick = (value: string | undefined, allowed: string[], header: string) => {
      if (value === undefined || value === '') return;
      const lower = value.toLowerCase();
      if (!allowed.includes(lower)) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `setSecurityCrossOrigin: ${header} must be one of ${allowed.join(', ')}, but got: ${value}`,
        );
      }
      this.set(header, lower);
    };
    pick(options.embed, ['unsafe-none', 'require-corp'], 'Cross-Origin-Embedder-Policy');
    pick(
      options.open,
      ['unsafe-none', 'same-origin-allow-popups', 'same-origin'],
      'Cross-Origin-Opener-Policy',
    );
    pick(
      options.resource,
      ['same-site', 'same-origin', 'cross-origin'],
      'Cross-Origin-Resource-Policy',
    );
  }

  /** Pode's `Set-PodeSecurityContentSecurityPolicy` (or, with `append`, `Add-…`). */
  setContentSecurityPolicy(options: ContentSecurityPolicyOptions, append = false): void {
    rejectUnknownKeys('s.setSecurityContentSecurityPolicy()', options, CSP_KEYS);
    const name = options.reportOnly
      ? 'Content-Security-Policy-Report-Only'
      : 'Content-Security-Policy';
    const earlier = append ? parseCsp(this.headers.get(name)) : new Map<string, string[]>();
    const parts: string[] = [];
    for (const [key, directive] of Object.entries(CSP)) {
      const given = sources(
        's.setSecurityContentSecurityPolicy()',
        key,
        options[key as keyof typeof CSP],
      );
      const values = [...(earlier.get(directive) ?? []), ...given.map(cspSource)];
      const unique = [...new Set(values)];
      if (unique.length > 0) parts.push(`${directive} ${unique.join(' ')}`);
    }
    if (options.reportUri) parts.push(`report-uri ${options.reportUri}`.trim());
    if (options.sandbox && options.sandbox.toLowerCase() !== 'none') {
      parts.push(`sandbox ${options.sandbox.toLowerCase()}`);
    }
    if (options.upgradeInsecureRequests === true) parts.push('upgrade-insecure-requests');
    this.set(name, parts.join('; '));
    // Pode turns the browsers' XSS auditor off unless asked: it caused more trouble than it saved.
    if (!append) this.set('X-XSS-Protection', options.xssBlock === true ? '1; mode=block' : '0');
  }

  /** Pode's `Set-PodeSecurityPermissionsPolicy`. */
  setPermissionsPolicy(options: PermissionsPolicyOptions): void {
    rejectUnknownKeys(
      's.setSecurityPermissionsPolicy()',
      options,
      new Set(Object.keys(PERMISSIONS)),
    );
    const parts: string[] = [];
    for (const [key, feature] of Object.entries(PERMISSIONS)) {
      const values = sources(
        's.setSecurityPermissionsPolicy()',
        key,
        options[key as PermissionsFeature],
      );
      if (values.length === 0) continue;
      const list = values.map((value) => {
        const lower = value.toLowerCase();
        if (lower === 'none') return '';
        if (lower === 'self' || lower === '*') return lower;
        return `"${value}"`;
      });
      parts.push(`${feature}=(${list.filter((item) => item !== '').join(' ')})`);
    }
    this.set('Permissions-Policy', parts.join(', '));
  }

  /** The middleware setting the headers, or undefined when there are none. */
  middleware(): Middleware | undefined {
    if (this.headers.size === 0) return undefined;
    const entries = [...this.headers];
    return (event) => {
      const response = event.response;
      for (let i = 0; i < entries.length; i++) response.setHeader(entries[i][0], entries[i][1]);
      return true;
    };
  }
}

function sources(where: string, key: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => typeof item !== 'string')) {
    throw setupError(ErrorCodes.BAD_OPTION, `${where}: ${key} must be a string or strings.`);
  }
  return list as string[];
}

function cspSource(value: string): string {
  const lower = String(value).toLowerCase();
  if (CSP_KEYWORDS.has(lower)) return `'${lower}'`;
  if (SCHEMES.has(lower)) return `${lower}:`;
  return String(value);
}

function parseCsp(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  if (header === undefined) return directives;
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}
