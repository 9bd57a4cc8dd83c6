/**
 * One TCP client: its bytes cut into messages, each message matched to a verb and run, one at a
 * time; `read()` from a running verb takes the next data instead. A client that sends more than
 * the message limit without ending a message, stays idle too long, or breaks off is dropped,
 * and nothing a client sends can stop the server.
 */
import type { Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import type { AccessRegistry } from '../access/registry.js';
import { ErrorCodes, PodeError } from '../errors.js';
import { VerbEvent } from './event.js';
import { runWithTcpEvent } from './functions.js';
import type { TcpEndpoint } from './settings.js';
import type { ReadTcpClientOptions } from './types.js';
import type { VerbTable } from './verbs.js';

/** @internal What every connection of an endpoint shares. */
export interface ConnectionContext {
  endpoint: TcpEndpoint;
  verbs: VerbTable;
  logger: Logger;
  /** Bytes a message (or a read) may reach before the client is dropped. */
  maxMessage: number;
  /** Milliseconds without data before the client is dropped; 0: never. */
  idleTimeout: number;
  /** For `upgradeToSsl` verbs (a tcps endpoint in explicit mode). */
  secureContext: SecureContext | undefined;
  /** The server's access methods, for `testAccess` in verbs. */
  access: AccessRegistry | undefined;
}

interface PendingRead {
  until: Buffer | undefined;
  resolve(text: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

const CRLF = Buffer.from('\r\n');

/** @internal */
export class TcpConnection {
  #socket: Socket;
  readonly #context: ConnectionContext;
  #buffer: Buffer = Buffer.alloc(0);
  #busy = false;
  #closed = false;
  #pending: PendingRead | undefined;
  #onClosed: (() => void) | undefined;

  constructor(socket: Socket, context: ConnectionContext) {
    this.#socket = socket;
    this.#context = context;
    this.#attach(socket);
    if (context.endpoint.acknowledge !== undefined) {
      socket.write(`${context.endpoint.acknowledge}\r\n`);
    }
  }

  /** A verb is running for this client. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Drops the client now (server stop). */
  destroy(): void {
    this.#socket.destroy();
  }

  /** Calls `fn` once the client is gone. */
  onClosed(fn: () => void): void {
    this.#onClosed = fn;
  }

  #attach(socket: Socket): void {
    socket.on('data', this.#onData);
    socket.on('error', this.#onError);
    socket.once('close', this.#onClose);
    if (this.#context.idleTimeout > 0) {
      socket.setTimeout(this.#context.idleTimeout, () => {
        this.#context.logger.debug(
          { endpoint: this.#context.endpoint.name },
          'TCP client idle for too long: closed',
        );
        socket.destroy();
      });
    }
  }

  #detach(socket: Socket): void {
    socket.off('data', this.#onData);
    socket.off('error', this.#onError);
    socket.off('close', this.#onClose);
    socket.setTimeout(0);
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    if (this.#buffer.length > this.#context.maxMessage) {
      this.#context.logger.warn(
        { endpoint: this.#context.endpoint.name, bytes: this.#buffer.length },
        `TCP client sent more than ${this.#context.maxMessage} bytes without ending a message: closed`,
      );
      this.#buffer = Buffer.alloc(0);
      this.#socket.destroy();
      return;
    }
    this.#pump();
  };

  readonly #onError = (error: Error): void => {
    // A reset or broken pipe from the client: the close that follows cleans up.
    this.#context.logger.debug(
      { err: error, endpoint: this.#context.endpoint.name },
      'TCP client error',
    );
  };

  readonly #onClose = (): void => {
    this.#closed = true;
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      pending.reject(
        new PodeError(
          ErrorCodes.TCP_READ_TIMEOUT,
          'The TCP client closed the connection before sending data.',
        ),
      );
    }
    this.#onClosed?.();
  };

  #pump(): void {
    if (this.#pending !== undefined) {
      this.#serveRead();
      return;
    }
    if (this.#busy || this.#closed) return;
    const message = this.#nextMessage();
    if (message === undefined) return;
    this.#busy = true;
    this.#dispatch(message).finally(() => {
      this.#busy = false;
      this.#pump();
    });
  }

  /** A CRLF endpoint's next line (with its CRLF); any other endpoint's data so far. */
  #nextMessage(): Buffer | undefined {
    if (this.#buffer.length === 0) return undefined;
    if (!this.#context.endpoint.crlfMessageEnd) return this.#take(this.#buffer.length);
    const end = this.#buffer.indexOf(CRLF);
    return end === -1 ? undefined : this.#take(end + CRLF.length);
  }

  #take(length: number): Buffer {
    const taken = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return taken;
  }

  async #dispatch(raw: Buffer): Promise<void> {
    const { endpoint, verbs, logger } = this.#context;
    const body = raw.toString('utf8').trim();
    if (body === '') return;
    const match = verbs.find(body, endpoint.name);
    if (match === undefined) return;
    const { definition } = match;
    const event = new VerbEvent(
      {
        write: (text) => this.#write(text),
        read: (options) => this.#read(options),
        close: () => this.#close(),
        access: this.#context.access,
      },
      {
        body,
        rawBody: raw,
        remoteAddress: this.#socket.remoteAddress ?? '',
        remotePort: this.#socket.remotePort ?? 0,
        secure: this.#socket instanceof TLSSocket,
      },
      match.parameters,
      { name: endpoint.name, protocol: endpoint.protocol, address: endpoint.address },
    );
    if (definition.fn !== undefined) {
      const fn = definition.fn;
      try {
        await runWithTcpEvent(event, () => fn(event, ...definition.args));
      } catch (error) {
        logger.error(
          { err: error, verb: definition.verb, endpoint: endpoint.name },
          `[Verb] ${definition.verb} failed`,
        );
      }
    }
    if (definition.close) {
      this.#close();
      return;
    }
    if (definition.upgradeToSsl && !this.#closed) await this.#upgrade(definition.verb);
  }

  #write(text: string): void {
    if (this.#closed || this.#socket.destroyed || !this.#socket.writable) return;
    this.#socket.write(text);
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.end();
  }

  #read(options: ReadTcpClientOptions): Promise<string> {
    if (this.#closed) {
      return Promise.reject(
        new PodeError(ErrorCodes.TCP_READ_TIMEOUT, 'The TCP connection is closed.'),
      );
    }
    if (this.#pending !== undefined) {
      return Promise.reject(
        new PodeError(
          ErrorCodes.TCP_READ_TIMEOUT,
          'Another read of this TCP client is already waiting.',
          'Await each read before the next.',
        ),
      );
    }
    const until =
      options.crlfMessageEnd === true
        ? CRLF
        : options.checkBytes === undefined || options.checkBytes.length === 0
          ? undefined
          : Buffer.from(options.checkBytes);
    const timeout = options.timeout ?? 0;
    return new Promise<string>((resolve, reject) => {
      const pending: PendingRead = { until, resolve, reject, timer: undefined };
      if (timeout > 0) {
        pending.timer = setTimeout(() => {
          if (this.#pending !== pending) return;
          this.#pending = undefined;
          reject(
            new PodeError(ErrorCodes.TCP_READ_TIMEOUT, `Task has timed out after ${timeout}ms`),
          );
        }, timeout);
      }
      this.#pending = pending;
      this.#serveRead();
    });
  }

  #serveRead(): void {
    const pending = this.#pending;
    if (pending === undefined || this.#buffer.length === 0) return;
    let length = this.#buffer.length;
    if (pending.until !== undefined) {
      const at = this.#buffer.indexOf(pending.until);
      if (at === -1) return;
      length = at + pending.until.length;
    }
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(this.#take(length).toString('utf8').trim());
  }

  /** STARTTLS for a verb with `upgradeToSsl`: the same client, now over TLS. */
  async #upgrade(verb: string): Promise<void> {
    const { secureContext, logger, endpoint } = this.#context;
    if (secureContext === undefined) {
      logger.error(
        { verb, endpoint: endpoint.name },
        `[Verb] ${verb}: upgradeToSsl needs a tcps endpoint with tlsMode 'explicit': connection closed`,
      );
      this.#close();
      return;
    }
    const plain = this.#socket;
    this.#detach(plain);
    const secure = new TLSSocket(plain, { isServer: true, secureContext });
    this.#socket = secure;
    this.#buffer = Buffer.alloc(0);
    await new Promise<void>((resolve) => {
      secure.once('secure', resolve);
      secure.once('close', resolve);
      this.#attach(secure);
    });
  }
}
