/**
 * The event a TCP verb receives (Pode's `$TcpEvent`): the message, the verb's parameters, and
 * `write`, `read` and `close` on the client's connection.
 */
import type { AccessRegistry, TestAccessOptions } from '../access/registry.js';
import { ErrorCodes, PodeError } from '../errors.js';
import type { ReadTcpClientOptions, TcpEndpointRef, TcpEvent, TcpRequest } from './types.js';

/** @internal What an event needs from its connection. */
export interface TcpClient {
  write(text: string): void;
  read(options: ReadTcpClientOptions): Promise<string>;
  close(): void;
  /** The server's access methods, when it has any. */
  access: AccessRegistry | undefined;
}

/** @internal The event of a TCP verb (the `TcpEvent` type is its public face). */
export class VerbEvent implements TcpEvent {
  readonly request: TcpRequest;
  readonly parameters: Record<string, string>;
  readonly endpoint: TcpEndpointRef;
  readonly timestamp = new Date();
  readonly metadata: Record<string, unknown> = {};
  readonly #client: TcpClient;

  /** @internal */
  constructor(
    client: TcpClient,
    request: TcpRequest,
    parameters: Record<string, string>,
    endpoint: TcpEndpointRef,
  ) {
    this.#client = client;
    this.request = request;
    this.parameters = parameters;
    this.endpoint = endpoint;
  }

  /** Sends `message` and CRLF to the client (`Write-PodeTcpClient`); a list is sent one item a line. */
  write(message: unknown): void {
    this.#client.write(`${messageText(message)}\r\n`);
  }

  /**
   * Waits for the client's next data (`Read-PodeTcpClient`): with `crlfMessageEnd` or
   * `checkBytes`, until the data ends with them; resolves to it, trimmed. Rejects with
   * `PODE_ERR_TCP_READ_TIMEOUT` after `timeout` milliseconds, or when the connection closes.
   */
  read(options: ReadTcpClientOptions = {}): Promise<string> {
    return this.#client.read(options);
  }

  /** Closes the connection once what was written is sent (`Close-PodeTcpClient`). */
  close(): void {
    this.#client.close();
  }

  /**
   * Whether `source` values meet `destination` values under access method `name`
   * (`Test-PodeAccess`); with `args`, the scheme's `scriptBlock` gets them (a verb has no user).
   */
  async testAccess(name: string, options: TestAccessOptions = {}): Promise<boolean> {
    const access = this.#client.access;
    if (access === undefined) {
      throw new PodeError(
        ErrorCodes.ACCESS_UNKNOWN,
        'testAccess(): this server has no access methods.',
        "Add one with s.addAccess('Rbac', newAccessScheme({ type: 'role' })) in the set-up.",
      );
    }
    return access.test(name, options, undefined);
  }
}

function messageText(message: unknown): string {
  if (message === undefined || message === null) return '';
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(messageText).join('\n');
  return String(message);
}
