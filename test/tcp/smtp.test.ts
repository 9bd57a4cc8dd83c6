import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { getSmtpEvent, type SmtpEmail, type SmtpEvent } from '../../src/index.js';
import { selfSignedCertificate, serve } from '../helpers.js';
import { LineClient } from './client.js';

function transport(port: number, options: Record<string, unknown> = {}) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    tls: { rejectUnauthorized: false },
    ...options,
  });
}

describe('SMTP endpoints and handlers', () => {
  it('hands each email to every SMTP handler, with envelope, headers, body and attachments', async () => {
    const received: SmtpEmail[] = [];
    const seen: string[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'smtp', address: '127.0.0.1', port: 0, name: 'mail' });
        s.addHandler('smtp', 'Main', (e) => {
          received.push(e.email);
          seen.push(`${e.endpoint.name} ${getSmtpEvent() === e}`);
        });
        s.addHandler(
          'smtp',
          'Second',
          (_e, tag) => {
            seen.push(String(tag));
          },
          { args: ['second ran'] },
        );
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints[0].url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const info = await transport(server.endpoints[0].port).sendMail({
      from: 'rick@example.com',
      to: ['morty@example.com', 'summer@example.com'],
      subject: 'Portal gun',
      text: 'Wubba lubba dub dub',
      html: '<b>Wubba lubba dub dub</b>',
      headers: { Priority: 'urgent', 'X-Tag': ['one', 'two'] },
      attachments: [{ filename: 'plans.txt', content: 'step one' }],
    });
    expect(info.response).toMatch(/^250 /);
    expect(seen).toEqual(['mail true', 'second ran']);
    const email = received[0];
    expect(email.from).toBe('rick@example.com');
    expect(email.to).toEqual(['morty@example.com', 'summer@example.com']);
    expect(email.subject).toBe('Portal gun');
    expect(email.isUrgent).toBe(true);
    expect(email.body).toBe('<b>Wubba lubba dub dub</b>');
    expect(email.text.trim()).toBe('Wubba lubba dub dub');
    expect(email.contentType).toMatch(/^multipart\/mixed; boundary=/);
    expect(email.headers.subject).toBe('Portal gun');
    expect(email.headers['x-tag']).toEqual(['one', 'two']);
    expect(email.data.toString('utf8')).toContain('Subject: Portal gun');
    expect(email.attachments).toHaveLength(1);
    const [attachment] = email.attachments;
    expect(attachment.name).toBe('plans.txt');
    expect(attachment.contentType).toBe('text/plain');
    expect(attachment.contentEncoding).toBe('base64');
    expect(attachment.bytes.toString('utf8')).toBe('step one');
    const folder = await mkdtemp(join(tmpdir(), 'pode-ts-smtp-'));
    try {
      const saved = await attachment.save(folder);
      expect(saved).toBe(join(folder, 'plans.txt'));
      expect(await readFile(saved, 'utf8')).toBe('step one');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keeps an attachment named to climb folders inside the folder it is saved to', async () => {
    const emails: SmtpEmail[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'smtp', address: '127.0.0.1', port: 0 });
        s.addHandler('smtp', 'Main', (e) => {
          emails.push(e.email);
        });
      },
      {},
      { endpoint: false },
    );
    await transport(server.endpoints[0].port).sendMail({
      from: 'a@example.com',
      to: 'b@example.com',
      text: 'x',
      attachments: [{ filename: '../../evil.txt', content: 'nope' }],
    });
    const folder = await mkdtemp(join(tmpdir(), 'pode-ts-smtp-'));
    try {
      expect(await emails[0].attachments[0].save(folder)).toBe(join(folder, 'evil.txt'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('speaks SMTP to a raw client: greeting, unknown commands, DATA, QUIT', async () => {
    const events: SmtpEvent[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint({
          protocol: 'smtp',
          address: '127.0.0.1',
          port: 0,
          hostname: 'mail.example.com',
        });
        s.addHandler('smtp', 'Main', (e) => {
          events.push(e);
        });
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints[0].url).toMatch(/^smtp:\/\/mail\.example\.com:\d+$/);
    const client = await LineClient.connect(server.endpoints[0].port);
    expect(await client.line()).toBe('220 mail.example.com ESMTP Pode Proxy Server');
    client.send('WIBBLE\r\n');
    expect(await client.line()).toMatch(/^500 /);
    client.send('HELO client.example.com\r\n');
    expect(await client.line()).toMatch(/^250 /);
    client.send('STARTTLS\r\n');
    expect(await client.line()).toMatch(/^5\d\d /);
    client.send('MAIL FROM:<rick@example.com>\r\n');
    expect(await client.line()).toMatch(/^250 /);
    client.send('RCPT TO:<morty@example.com>\r\n');
    expect(await client.line()).toMatch(/^250 /);
    client.send('DATA\r\n');
    expect(await client.line()).toMatch(/^354 /);
    client.send('Subject: Raw\r\nImportance: High\r\n\r\nHello from a socket\r\n.\r\n');
    expect(await client.line()).toMatch(/^250 /);
    client.send('QUIT\r\n');
    expect(await client.line()).toMatch(/^221 /);
    await client.waitClosed();
    expect(events[0].email.subject).toBe('Raw');
    expect(events[0].email.isUrgent).toBe(true);
    expect(events[0].email.body.trim()).toBe('Hello from a socket');
    expect(events[0].request.clientHostname).toBe('client.example.com');
  });

  it('answers 451 when a handler throws, and 552 past the size limit; the server carries on', async () => {
    let calls = 0;
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'smtp', address: '127.0.0.1', port: 0 });
        s.addHandler('smtp', 'Main', (e) => {
          calls++;
          if (e.email.subject === 'boom') throw new Error('kaboom');
        });
      },
      { bodyLimit: 4096 },
      { endpoint: false },
    );
    const mailer = transport(server.endpoints[0].port);
    await expect(
      mailer.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'boom', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 451 });
    await expect(
      mailer.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'y'.repeat(10_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const ok = await mailer.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'fine' });
    expect(ok.response).toMatch(/^250 /);
    expect(calls).toBe(2);
  });

  it('survives a client that breaks off in the middle of DATA', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'smtp', address: '127.0.0.1', port: 0 });
        s.addHandler('smtp', 'Main', () => {});
      },
      {},
      { endpoint: false },
    );
    const client = await LineClient.connect(server.endpoints[0].port);
    await client.line();
    client.send('HELO x\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n');
    await client.line();
    await client.line();
    await client.line();
    expect(await client.line()).toMatch(/^354 /);
    client.send('Subject: half\r\n\r\nsome');
    client.socket.resetAndDestroy();
    const info = await transport(server.endpoints[0].port).sendMail({
      from: 'a@example.com',
      to: 'b@example.com',
      text: 'after',
    });
    expect(info.response).toMatch(/^250 /);
  });

  it('smtps: implicit TLS, and explicit TLS that insists on STARTTLS first', async () => {
    const { key, cert } = selfSignedCertificate();
    const subjects: string[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'smtps', address: '127.0.0.1', port: 0, tls: { key, cert } });
        s.addEndpoint({
          protocol: 'smtps',
          address: '127.0.0.1',
          port: 0,
          tls: { key, cert },
          tlsMode: 'explicit',
        });
        s.addHandler('smtp', 'Main', (e) => {
          subjects.push(`${e.email.subject} ${e.request.secure}`);
        });
      },
      {},
      { endpoint: false },
    );
    const [implicit, explicit] = server.endpoints;
    await transport(implicit.port, { secure: true, ignoreTLS: false }).sendMail({
      from: 'a@example.com',
      to: 'b@example.com',
      subject: 'implicit',
      text: 'x',
    });
    await transport(explicit.port, { requireTLS: true, ignoreTLS: false }).sendMail({
      from: 'a@example.com',
      to: 'b@example.com',
      subject: 'explicit',
      text: 'x',
    });
    await expect(
      transport(explicit.port).sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 530 });
    expect(subjects).toEqual(['implicit true', 'explicit true']);
  });
});
