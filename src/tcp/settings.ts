/**
 * The set-up side of TCP, SMTP and service servers: `s.addEndpoint` for their protocols,
 * `s.addVerb` and `s.addHandler`, checked when given. Nothing here opens a socket or loads a
 * library; `start.ts` does, and only for a server that has any of them.
 */
import type { AccessRegistry } from '../access/registry.js';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type {
  HandlerOptions,
  HandlerType,
  ServiceHandler,
  SmtpHandler,
  TcpEndpointOptions,
  TcpProtocol,
  VerbHandler,
  VerbOptions,
} from './types.js';
import { VerbTable } from './verbs.js';

/** A TCP or SMTP endpoint, checked. */
export interface TcpEndpoint {
  name: string;
  protocol: TcpProtocol;
  address: string;
  port: number;
  hostname: string;
  tls: TcpEndpointOptions['tls'];
  tlsMode: 'implicit' | 'explicit';
  acknowledge: string | undefined;
  crlfMessageEnd: boolean;
}

/** A handler of `s.addHandler`. */
export interface HandlerEntry<F> {
  name: string;
  fn: F;
  args: readonly unknown[];
}

/** @internal What the server starts. */
export interface BuiltTcp {
  endpoints: TcpEndpoint[];
  verbs: VerbTable;
  smtpHandlers: HandlerEntry<SmtpHandler>[];
  serviceHandlers: HandlerEntry<ServiceHandler>[];
  /** Seconds between two runs of the service handlers; 0: not a service. */
  interval: number;
  /** The server's access methods, when it has any (`testAccess` in verbs). */
  access?: AccessRegistry;
}

const TCP_PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'tcps', 'smtp', 'smtps']);

/** Whether an endpoint protocol is served here rather than by the HTTP server. */
export function isTcpProtocol(protocol: unknown): protocol is TcpProtocol {
  return typeof protocol === 'string' && TCP_PROTOCOLS.has(protocol);
}

const ENDPOINT_KEYS = optionKeys<TcpEndpointOptions>({
  protocol: true,
  address: true,
  port: true,
  name: true,
  hostname: true,
  tls: true,
  tlsMode: true,
  acknowledge: true,
  crlfMessageEnd: true,
});
const TLS_KEYS = optionKeys<NonNullable<TcpEndpointOptions['tls']>>({
  key: true,
  cert: true,
  passphrase: true,
});
const VERB_KEYS = optionKeys<VerbOptions>({
  endpointName: true,
  close: true,
  upgradeToSsl: true,
  args: true,
});
const HANDLER_KEYS = optionKeys<HandlerOptions>({ args: true });

/** Pode's default ports (`Get-PodeDefaultPort`). */
const DEFAULT_PORTS: Record<TcpProtocol, { implicit: number; explicit: number }> = {
  tcp: { implicit: 9001, explicit: 9001 },
  tcps: { implicit: 9002, explicit: 9003 },
  smtp: { implicit: 25, explicit: 25 },
  smtps: { implicit: 465, explicit: 587 },
};

/** @internal The TCP/SMTP/service part of a builder. */
export class TcpSettings {
  readonly endpoints: TcpEndpoint[] = [];
  readonly verbs = new VerbTable();
  readonly #smtp: HandlerEntry<SmtpHandler>[] = [];
  readonly #service: HandlerEntry<ServiceHandler>[] = [];

  /** Checks and keeps a TCP/SMTP endpoint; `taken` says whether a name is already used. */
  addEndpoint(options: TcpEndpointOptions, taken: (name: string) => boolean): void {
    rejectUnknownKeys('s.addEndpoint()', options, ENDPOINT_KEYS);
    rejectUnknownKeys('s.addEndpoint() tls', options.tls, TLS_KEYS);
    const { protocol } = options;
    const tlsMode = options.tlsMode ?? 'implicit';
    if (tlsMode !== 'implicit' && tlsMode !== 'explicit') {
      throw bad(`tlsMode must be 'implicit' or 'explicit', but got: ${String(tlsMode)}`);
    }
    const secure = protocol === 'tcps' || protocol === 'smtps';
    if (tlsMode === 'explicit' && !secure) {
      throw bad(
        `tlsMode 'explicit' needs a tcps or smtps endpoint, not ${protocol}.`,
        `Use protocol: '${protocol}s' with tls: { key, cert }.`,
      );
    }
    if (secure && (options.tls?.key === undefined || options.tls.cert === undefined)) {
      throw bad(
        `A ${protocol} endpoint needs tls: { key, cert }.`,
        'Pass the PEM private key and certificate as strings or buffers.',
      );
    }
    if (options.crlfMessageEnd !== undefined && typeof options.crlfMessageEnd !== 'boolean') {
      throw bad(`crlfMessageEnd must be true or false, but got: ${String(options.crlfMessageEnd)}`);
    }
    if (options.crlfMessageEnd === true && protocol !== 'tcp' && protocol !== 'tcps') {
      throw bad('crlfMessageEnd applies to tcp and tcps endpoints only.');
    }
    if (options.acknowledge !== undefined && typeof options.acknowledge !== 'string') {
      throw bad(`acknowledge must be a string, but got: ${String(options.acknowledge)}`);
    }
    const port = options.port ?? DEFAULT_PORTS[protocol][tlsMode];
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw bad(
        `Endpoint port must be an integer from 0 to 65535, but got: ${String(port)}`,
        'Use 0 to let the system pick a free port.',
      );
    }
    const address = options.address ?? 'localhost';
    if (typeof address !== 'string' || address.length === 0) {
      throw bad(
        'Endpoint address must be a non-empty string.',
        "Use 'localhost', an IP address, or '*' for every interface.",
      );
    }
    const hostname = options.hostname ?? (address === '*' ? 'localhost' : address);
    if (typeof hostname !== 'string' || !/^[a-z0-9.\-_:[\]]+$/i.test(hostname)) {
      throw bad(`Endpoint hostname is not a host name: ${String(hostname)}`);
    }
    const used = (candidate: string) =>
      taken(candidate) || this.endpoints.some((endpoint) => endpoint.name === candidate);
    // An unnamed endpoint gets a free default name (Pode gives it a GUID): two unnamed ones with
    // the same protocol, address and port (port 0 under `pode-ts run --port 0`) do not clash.
    let name = options.name ?? `${protocol}:${address}:${port}`;
    for (let n = 2; options.name === undefined && used(name); n++) {
      name = `${protocol}:${address}:${port}#${n}`;
    }
    if (used(name)) {
      throw bad(`An endpoint named '${name}' already exists.`, 'Give each endpoint its own name.');
    }
    this.endpoints.push({
      name,
      protocol,
      address,
      port,
      hostname,
      tls: options.tls,
      tlsMode,
      acknowledge: options.acknowledge === '' ? undefined : options.acknowledge,
      crlfMessageEnd: options.crlfMessageEnd === true,
    });
  }

  /** Adds a verb (`Add-PodeVerb`). */
  addVerb(verb: string, fn: VerbHandler | undefined, options: VerbOptions = {}): void {
    rejectUnknownKeys('s.addVerb()', options, VERB_KEYS);
    if (typeof verb !== 'string' || verb.trim().length === 0) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        's.addVerb() needs a verb: a word such as HELLO, a pattern such as HELLO :name, or *.',
      );
    }
    if (fn !== undefined && typeof fn !== 'function') {
      throw setupError(ErrorCodes.BAD_HANDLER, `[Verb] ${verb}: the handler must be a function.`);
    }
    if (fn === undefined && options.close !== true && options.upgradeToSsl !== true) {
      throw setupError(
        ErrorCodes.NO_LOGIC,
        `[Verb] ${verb}: No logic passed.`,
        'Pass a function, or close: true / upgradeToSsl: true.',
      );
    }
    const names = options.endpointName;
    const endpointNames =
      names === undefined ? undefined : typeof names === 'string' ? [names] : [...names];
    this.verbs.add({
      verb,
      fn,
      endpointNames: endpointNames?.length === 0 ? undefined : endpointNames,
      close: options.close === true,
      upgradeToSsl: options.upgradeToSsl === true,
      args: options.args ?? [],
    });
  }

  /** Adds an SMTP or service handler (`Add-PodeHandler`). */
  addHandler(
    type: HandlerType,
    name: string,
    fn: SmtpHandler | ServiceHandler,
    options: HandlerOptions = {},
  ): void {
    rejectUnknownKeys('s.addHandler()', options, HANDLER_KEYS);
    if (type !== 'smtp' && type !== 'service') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `s.addHandler(): the type must be 'smtp' or 'service', but got: ${String(type)}`,
      );
    }
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(ErrorCodes.BAD_HANDLER, 's.addHandler() needs a name.');
    }
    if (typeof fn !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[${type}] ${name}: the handler must be a function.`,
      );
    }
    const list = type === 'smtp' ? this.#smtp : this.#service;
    if (list.some((handler) => handler.name === name)) {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[${type}] ${name}: Handler already defined.`,
        'Give each handler of a type its own name.',
      );
    }
    list.push({ name, fn: fn as SmtpHandler & ServiceHandler, args: options.args ?? [] });
  }

  /** Whether anything here needs starting. */
  get used(): boolean {
    return (
      this.endpoints.length > 0 ||
      this.verbs.size > 0 ||
      this.#smtp.length + this.#service.length > 0
    );
  }

  /** @internal Validated for start: verbs need a TCP endpoint, SMTP handlers an SMTP one. */
  build(
    interval: number,
    httpEndpointNames: readonly string[],
    warn: (warning: string) => void,
  ): BuiltTcp {
    const tcpNames = this.endpoints
      .filter((endpoint) => endpoint.protocol === 'tcp' || endpoint.protocol === 'tcps')
      .map((endpoint) => endpoint.name);
    for (const name of this.verbs.boundNames()) {
      if (tcpNames.includes(name)) continue;
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `A verb is bound to endpoint '${name}', which is not a TCP endpoint.`,
        `TCP endpoint names are: ${tcpNames.join(', ') || 'none'}${httpEndpointNames.length > 0 ? ` (${httpEndpointNames.join(', ')} are HTTP)` : ''}.`,
      );
    }
    if (interval > 0 && this.#service.length === 0) {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        'No Service handlers have been defined: a server with an interval runs service handlers.',
        "Add one with s.addHandler('service', name, fn), or leave the interval out.",
      );
    }
    if (interval === 0 && this.#service.length > 0) {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        'Service handlers run only in a service server.',
        'Start the server with an interval: startServer(setup, { interval: 3 }) runs them every 3 seconds.',
      );
    }
    if (interval === 0 && this.verbs.size > 0 && tcpNames.length === 0) {
      warn('Verbs are set up but there is no tcp or tcps endpoint: they never run.');
    }
    const smtp = this.endpoints.some((endpoint) => endpoint.protocol.startsWith('smtp'));
    if (interval === 0 && this.#smtp.length > 0 && !smtp) {
      warn('SMTP handlers are set up but there is no smtp or smtps endpoint: they never run.');
    }
    return {
      endpoints: interval > 0 ? [] : this.endpoints,
      verbs: this.verbs,
      smtpHandlers: this.#smtp,
      serviceHandlers: this.#service,
      interval,
    };
  }
}

function bad(message: string, hint?: string) {
  return setupError(ErrorCodes.BAD_ENDPOINT, message, hint);
}
