/**
 * Helpers for the real-time tests: a `ws` client that collects what it receives, a raw TCP
 * upgrade (for malformed requests, clients that never read, peers that never answer pings), and
 * a bounded wait.
 */
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';

/** Waits until `check()` is true, polling, for at most `ms`; throws with `what` otherwise. */
export async function waitFor(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A `ws` client that keeps every text message it gets. */
export class TestSocket {
  readonly messages: string[] = [];
  closeCode: number | undefined;
  readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.messages.push(String(data)));
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  /** Opens a socket; resolves once open, rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => resolve(new TestSocket(socket)));
      socket.once('unexpected-response', (_request, response) => {
        reject(new RefusedError(response.statusCode ?? 0));
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  send(value: unknown): void {
    this.socket.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** Waits for the n-th message (1-based) and returns it. */
  async nth(n: number, ms = 5_000): Promise<string> {
    await waitFor(() => this.messages.length >= n, `message ${n}`, ms);
    return this.messages[n - 1];
  }

  async closed(ms = 5_000): Promise<number> {
    await waitFor(() => this.closeCode !== undefined, 'the socket to close', ms);
    return this.closeCode as number;
  }

  close(): void {
    this.socket.close();
  }
}

/** The server refused the upgrade with this HTTP status. */
export class RefusedError extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused: ${status}`);
  }
}

/** Sends `head` on a new TCP connection and resolves to everything read until the server closes (or `ms`). */
export function rawRequest(port: number, head: string, ms = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, ms);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', reject);
    socket.write(head);
  });
}

/**
 * A WebSocket handshake on a raw socket that then neither reads (`paused`) nor answers pings:
 * resolves once the 101 arrived, with the socket.
 */
export function rawWebSocket(port: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.off('data', onData);
        if (!text.startsWith('HTTP/1.1 101'))
          reject(new Error(`no upgrade: ${text.split('\r\n')[0]}`));
        else resolve(socket);
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
  });
}

/** The ws:// form of an http:// URL. */
export function wsUrl(httpUrl: string, path: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}${path}`;
}
