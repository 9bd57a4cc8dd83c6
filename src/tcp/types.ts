/**
 * The public types of the TCP, SMTP and service side of pode-ts: endpoint options, verbs,
 * handlers, and the events their functions receive.
 */

import type { TestAccessOptions } from '../access/registry.js';

/** The protocols of the endpoints this folder serves. */
export type TcpProtocol = 'tcp' | 'tcps' | 'smtp' | 'smtps';

/** `s.addEndpoint` options of a TCP or SMTP endpoint (`Add-PodeEndpoint -Protocol Tcp|Tcps|Smtp|Smtps`). */
export interface TcpEndpointOptions {
  protocol: TcpProtocol;
  /** Default `'localhost'`; `'*'` for every interface. */
  address?: string;
  /** Pode's defaults: tcp 9001, tcps 9002 (explicit 9003), smtp 25, smtps 465 (explicit 587); 0 picks a free port. */
  port?: number;
  /** A name verbs can bind to with `endpointName`. Default `'<protocol>:<address>:<port>'`. */
  name?: string;
  /** The name the endpoint's URL shows and an SMTP server greets with. Default: the address (`localhost` for `*`). */
  hostname?: string;
  /** Key and certificate (PEM) for tcps and smtps. */
  tls?: { key: string | Buffer; cert: string | Buffer; passphrase?: string };
  /**
   * tcps/smtps: `'implicit'` (default) speaks TLS from the first byte; `'explicit'` starts in
   * clear text and upgrades on STARTTLS (smtps) or on a verb with `upgradeToSsl` (tcps).
   */
  tlsMode?: 'implicit' | 'explicit';
  /** A line sent to each client when it connects (SMTP: after `220 `; default `<hostname> -- Pode Proxy Server`). */
  acknowledge?: string;
  /** TCP: a message ends with CRLF (each line is one message); otherwise whatever arrives at once is. */
  crlfMessageEnd?: boolean;
}

/** `s.addVerb` options (`Add-PodeVerb`). */
export interface VerbOptions {
  /** Only on these TCP endpoints (by name). Default: every TCP endpoint. */
  endpointName?: string | readonly string[];
  /** Close the connection after the verb's function (or with no function). */
  close?: boolean;
  /** Upgrade the connection to TLS after the verb's function (a `tcps` endpoint with `tlsMode: 'explicit'`). */
  upgradeToSsl?: boolean;
  /** Extra arguments passed to the function after the event (`-ArgumentList`). */
  args?: readonly unknown[];
}

/** A verb's function: runs for each message that matches the verb. */
export type VerbHandler = (e: TcpEvent, ...args: unknown[]) => unknown;

/** The handler types of `s.addHandler` (`Add-PodeHandler -Type Smtp|Service`). */
export type HandlerType = 'smtp' | 'service';

/** `s.addHandler` options. */
export interface HandlerOptions {
  /** Extra arguments passed to the function after the event (`-ArgumentList`). */
  args?: readonly unknown[];
}

/** The endpoint a TCP or SMTP client came in on. */
export interface TcpEndpointRef {
  name: string;
  protocol: TcpProtocol;
  address: string;
}

/** What the client sent, as a TCP verb sees it. */
export interface TcpRequest {
  /** The message, trimmed. */
  body: string;
  /** The message's bytes as received. */
  rawBody: Buffer;
  remoteAddress: string;
  remotePort: number;
  /** The connection is TLS (a tcps endpoint, or upgraded). */
  secure: boolean;
}

/** `readTcpClient` options (`Read-PodeTcpClient`). */
export interface ReadTcpClientOptions {
  /** Milliseconds to wait before failing with `PODE_ERR_TCP_READ_TIMEOUT`; 0 (default) waits as long as the connection lives. */
  timeout?: number;
  /** Read until the data received ends with CRLF. */
  crlfMessageEnd?: boolean;
  /** Read until the data received ends with these bytes. */
  checkBytes?: Uint8Array | readonly number[];
}

/** The event of a TCP verb (Pode's `$TcpEvent`). */
export interface TcpEvent {
  request: TcpRequest;
  /** The verb's `:name` parameters. */
  parameters: Record<string, string>;
  endpoint: TcpEndpointRef;
  timestamp: Date;
  /** Anything the verb wants to keep on the event. */
  metadata: Record<string, unknown>;
  /** Sends `message` and CRLF to the client (`Write-PodeTcpClient`). */
  write(message: unknown): void;
  /** Waits for the client's next data (`Read-PodeTcpClient`); resolves to it, trimmed. */
  read(options?: ReadTcpClientOptions): Promise<string>;
  /** Closes the connection once what was written is sent (`Close-PodeTcpClient`). */
  close(): void;
  /** Whether `source` values meet `destination` values under access method `name` (`Test-PodeAccess`). */
  testAccess(name: string, options?: TestAccessOptions): Promise<boolean>;
}

/** A file attached to an email. */
export interface SmtpAttachment {
  name: string;
  contentType: string;
  contentEncoding: string;
  bytes: Buffer;
  /** Writes the file into `path` (a folder; with `addNameToPath: false`, the file's full path); resolves to the path written. */
  save(path: string, addNameToPath?: boolean): Promise<string>;
}

/** An email received on an SMTP endpoint (Pode's `$SmtpEvent.Email`). */
export interface SmtpEmail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The raw message as received after DATA. */
  data: Buffer;
  /** The message's headers by lower-case name; repeated headers become arrays. */
  headers: Record<string, string | string[]>;
  subject: string;
  /** `Priority: urgent` or `Importance: high`. */
  isUrgent: boolean;
  contentType: string;
  contentEncoding: string;
  attachments: SmtpAttachment[];
  /** The message body: its HTML when it has an HTML part, else its text. */
  body: string;
  /** The plain-text part (or text made from the HTML). */
  text: string;
  /** The HTML part, when there is one. */
  html: string | undefined;
}

/** The event of an SMTP handler (Pode's `$SmtpEvent`). */
export interface SmtpEvent {
  email: SmtpEmail;
  endpoint: TcpEndpointRef;
  request: { remoteAddress: string; remotePort: number; secure: boolean; clientHostname: string };
  timestamp: Date;
  metadata: Record<string, unknown>;
}

/** The event of a service handler (Pode's `$ServiceEvent`). */
export interface ServiceEvent {
  /** The handler's name. */
  name: string;
  metadata: Record<string, unknown>;
}

/** An SMTP handler's function: runs for each email received. */
export type SmtpHandler = (e: SmtpEvent, ...args: unknown[]) => unknown;
/** A service handler's function: runs every `interval` seconds. */
export type ServiceHandler = (e: ServiceEvent, ...args: unknown[]) => unknown;
