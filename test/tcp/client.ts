/**
 * A line-reading TCP client for the TCP tests: sends raw bytes, waits for CRLF-ended lines or for
 * the server to close the connection, with a bounded wait everywhere.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export class LineClient {
  readonly socket: Socket;
  readonly closed: Promise<void>;
  #text = '';
  #waiters: (() => void)[] = [];
  #isClosed = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#text += chunk;
      this.#wake();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.#isClosed = true;
        this.#wake();
        resolve();
      }),
    );
  }

  /** Connects (over TLS with `tls: true`, any certificate accepted). */
  static async connect(port: number, options: { tls?: boolean } = {}): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = options.tls
        ? tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () =>
            resolve(new LineClient(socket)),
          )
        : connect(port, '127.0.0.1', () => resolve(new LineClient(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** The next CRLF-ended line (without CRLF); rejects after `timeout` ms or when the server closes first. */
  async line(timeout = 3000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const end = this.#text.indexOf('\r\n');
      if (end !== -1) {
        const line = this.#text.slice(0, end);
        this.#text = this.#text.slice(end + 2);
        return line;
      }
      if (this.#isClosed)
        throw new Error(`connection closed; unread: ${JSON.stringify(this.#text)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no line within ${timeout} ms; unread: ${JSON.stringify(this.#text)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server has closed the connection; rejects after `timeout` ms. */
  async waitClosed(timeout = 3000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.closed,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the connection stayed open')), timeout);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Whatever arrived and was not read as a line. */
  rest(): string {
    return this.#text;
  }

  end(): void {
    this.socket.end();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
