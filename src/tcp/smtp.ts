/**
 * SMTP endpoints: the `smtp-server` library speaks the protocol (HELO/EHLO, MAIL FROM, RCPT TO,
 * DATA, STARTTLS, limits) and `mailparser` reads each message; the SMTP handlers then run with
 * the email (Pode's `$SmtpEvent`). Both libraries are imported only when a server has an SMTP
 * endpoint.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import type { SMTPServer, SMTPServerSession } from 'smtp-server';
import { runWithSmtpEvent } from './functions.js';
import type { HandlerEntry, TcpEndpoint } from './settings.js';
import type { SmtpAttachment, SmtpEmail, SmtpEvent, SmtpHandler } from './types.js';

/** @internal What an SMTP endpoint needs. */
export interface SmtpContext {
  handlers: readonly HandlerEntry<SmtpHandler>[];
  logger: Logger;
  /** The largest message accepted, in bytes (552 past it). */
  maxMessage: number;
  /** Milliseconds without data before the client is dropped. */
  idleTimeout: number;
  /** Milliseconds `close()` lets open sessions finish. */
  stopTimeout: number;
}

/** @internal Creates (not yet listening) the SMTP server of one endpoint. */
export async function createSmtpServer(
  endpoint: TcpEndpoint,
  context: SmtpContext,
): Promise<SMTPServer> {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const explicit = endpoint.protocol === 'smtps' && endpoint.tlsMode === 'explicit';
  const server = new SMTPServer({
    name: endpoint.hostname,
    banner: endpoint.acknowledge ?? 'Pode Proxy Server',
    secure: endpoint.protocol === 'smtps' && !explicit,
    ...(endpoint.tls === undefined ? {} : endpoint.tls),
    // Pode's SMTP server has no AUTH; STARTTLS only on explicit smtps.
    disabledCommands: explicit ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: context.maxMessage,
    logger: false,
    closeTimeout: Math.max(1, context.stopTimeout),
    ...(context.idleTimeout > 0 ? { socketTimeout: context.idleTimeout } : {}),
    onMailFrom(_address, session, callback) {
      if (explicit && !session.secure)
        return callback(smtpError(530, 'Must issue a STARTTLS command first'));
      callback();
    },
    onData(stream, session, callback) {
      receive(stream, session, endpoint, context, simpleParser).then(
        () => callback(),
        (error: Error & { responseCode?: number }) => callback(error),
      );
    },
  });
  // Client errors (resets, TLS garbage) must never reach the process.
  server.on('error', (error) => {
    context.logger.debug({ err: error, endpoint: endpoint.name }, 'SMTP client error');
  });
  return server;
}

async function receive(
  stream: Readable & { sizeExceeded?: boolean },
  session: SMTPServerSession,
  endpoint: TcpEndpoint,
  context: SmtpContext,
  parse: (source: Buffer, options: Record<string, boolean>) => Promise<ParsedMail>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded === true) {
    throw smtpError(
      552,
      `Message exceeds the fixed maximum message size (${context.maxMessage} bytes)`,
    );
  }
  const data = Buffer.concat(chunks);
  let parsed: ParsedMail;
  try {
    parsed = await parse(data, { skipTextToHtml: true, skipImageLinks: true });
  } catch (error) {
    context.logger.warn({ err: error, endpoint: endpoint.name }, 'SMTP message cannot be read');
    throw smtpError(501, 'Invalid DATA received');
  }
  const event: SmtpEvent = {
    email: toEmail(session, data, parsed),
    endpoint: { name: endpoint.name, protocol: endpoint.protocol, address: endpoint.address },
    request: {
      remoteAddress: session.remoteAddress,
      remotePort: session.remotePort,
      secure: session.secure,
      clientHostname: session.hostNameAppearsAs,
    },
    timestamp: new Date(),
    metadata: {},
  };
  for (const handler of context.handlers) {
    try {
      await runWithSmtpEvent(event, () => handler.fn(event, ...handler.args));
    } catch (error) {
      context.logger.error({ err: error, handler: handler.name }, `[smtp] ${handler.name} failed`);
      throw smtpError(451, 'Requested action aborted: error in processing');
    }
  }
}

/** The email as Pode's `$SmtpEvent.Email` has it. */
export function toEmail(session: SMTPServerSession, data: Buffer, parsed: ParsedMail): SmtpEmail {
  const headers = rawHeaders(parsed);
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  const html = typeof parsed.html === 'string' ? parsed.html : undefined;
  const text = parsed.text ?? '';
  const from = session.envelope.mailFrom;
  return {
    from: from === false ? '' : from.address,
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    data,
    headers,
    subject: parsed.subject ?? '',
    isUrgent:
      header('priority').toLowerCase() === 'urgent' ||
      header('importance').toLowerCase() === 'high',
    contentType: header('content-type'),
    contentEncoding: header('content-transfer-encoding'),
    attachments: parsed.attachments
      .filter((attachment) => attachment.contentDisposition === 'attachment')
      .map((attachment) => {
        const encoding = attachment.headers.get('content-transfer-encoding');
        return newAttachment(
          attachment.filename ?? 'attachment',
          attachment.contentType,
          typeof encoding === 'string' ? encoding : '',
          attachment.content,
        );
      }),
    body: html ?? text,
    text,
    html,
  };
}

function newAttachment(
  name: string,
  contentType: string,
  contentEncoding: string,
  bytes: Buffer,
): SmtpAttachment {
  return {
    name,
    contentType,
    contentEncoding,
    bytes,
    async save(path: string, addNameToPath = true) {
      // The sender chooses the name: only its last part, so it cannot climb out of `path`.
      const target = addNameToPath ? join(path, basename(name)) : path;
      await writeFile(target, bytes);
      return target;
    },
  };
}

/** The headers as sent (unfolded), by lower-case name; a repeated header becomes an array. */
function rawHeaders(parsed: ParsedMail): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = Object.create(null);
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const existing = headers[key];
    if (existing === undefined) headers[key] = value;
    else headers[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return headers;
}

function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}
