/**
 * The free functions of TCP verbs (`Write-PodeTcpClient`, `Read-PodeTcpClient`,
 * `Close-PodeTcpClient`): each finds the current verb's event and calls its method.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ErrorCodes, PodeError } from '../errors.js';
import type { ReadTcpClientOptions, SmtpEvent, TcpEvent } from './types.js';

const current = new AsyncLocalStorage<TcpEvent>();
const currentSmtp = new AsyncLocalStorage<SmtpEvent>();

/** @internal Runs a verb's function with its event as the current one. */
export function runWithTcpEvent<T>(event: TcpEvent, fn: () => T): T {
  return current.run(event, fn);
}

/** @internal Runs an SMTP handler with its event as the current one. */
export function runWithSmtpEvent<T>(event: SmtpEvent, fn: () => T): T {
  return currentSmtp.run(event, fn);
}

/** @internal The event of the TCP verb running now, or undefined. */
export function findTcpEvent(): TcpEvent | undefined {
  return current.getStore();
}

/** The event of the TCP verb running now (Pode's `$TcpEvent`); throws outside a verb. */
export function getTcpEvent(): TcpEvent {
  const event = current.getStore();
  if (event === undefined) throw outside('getTcpEvent');
  return event;
}

/** The event of the SMTP handler running now (Pode's `$SmtpEvent`); throws outside one. */
export function getSmtpEvent(): SmtpEvent {
  const event = currentSmtp.getStore();
  if (event === undefined) {
    throw new PodeError(
      ErrorCodes.NO_TCP_EVENT,
      'getSmtpEvent() was called outside an SMTP handler.',
      "Call it from a function given to s.addHandler('smtp', …), or from a function it calls.",
    );
  }
  return event;
}

/** Sends `message` and CRLF to the current TCP client (`Write-PodeTcpClient`). */
export function writeTcpClient(message: unknown): void {
  const event = current.getStore();
  if (event === undefined) throw outside('writeTcpClient');
  event.write(message);
}

/** Waits for the current TCP client's next data (`Read-PodeTcpClient`); resolves to it, trimmed. */
export function readTcpClient(options?: ReadTcpClientOptions): Promise<string> {
  const event = current.getStore();
  if (event === undefined) return Promise.reject(outside('readTcpClient'));
  return event.read(options);
}

/** Closes the current TCP client's connection once what was written is sent (`Close-PodeTcpClient`). */
export function closeTcpClient(): void {
  const event = current.getStore();
  if (event === undefined) throw outside('closeTcpClient');
  event.close();
}

function outside(name: string): PodeError {
  return new PodeError(
    ErrorCodes.NO_TCP_EVENT,
    `${name}() was called outside a TCP verb.`,
    'Call it from a function given to s.addVerb(), or from a function it calls (awaits included); or use the event (e.write, e.read, e.close).',
  );
}
