import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  closeTcpClient,
  newAccessScheme,
  PodeError,
  readTcpClient,
  type ServerBuilder,
  testAccess,
  writeTcpClient,
} from '../../src/index.js';
import { selfSignedCertificate, serve, setupFailure } from '../helpers.js';
import { LineClient } from './client.js';

function tcpPort(server: { endpoints: { protocol: string; port: number }[] }, protocol = 'tcp') {
  const endpoint = server.endpoints.find((e) => e.protocol === protocol);
  if (endpoint === undefined) throw new Error(`no ${protocol} endpoint`);
  return endpoint.port;
}

/** A pino logger whose lines are kept in `lines`. */
function capturingLogger() {
  const lines: { level: number; msg: string; verb?: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function greeter(s: ServerBuilder) {
  s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, crlfMessageEnd: true });
  s.addVerb('HELLO', () => writeTcpClient('HI'));
  s.addVerb('HELLO2 :username', (e) => e.write(`HI2, ${e.parameters.username}`));
  s.addVerb('*', (e) => e.write(`Unrecognised verb sent: ${e.request.body}`));
  s.addVerb('QUIT', (e) => {
    e.write('Bye!');
    closeTcpClient();
  });
  s.addVerb('HELLO3', async (e) => {
    e.write("Hi! What's your name?");
    const name = await readTcpClient({ crlfMessageEnd: true });
    e.write(`Hi, ${name}!`);
  });
}

describe('TCP endpoints and verbs', () => {
  it('answers each CRLF-ended line with its verb, * for the rest, and closes on QUIT', async () => {
    const server = await serve(greeter, {}, { endpoint: false });
    expect(server.endpoints[0].url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const client = await LineClient.connect(tcpPort(server));
    client.send('hello\r\nHELLO2 morty\r\nfoo bar\r\n');
    expect(await client.line()).toBe('HI');
    expect(await client.line()).toBe('HI2, morty');
    expect(await client.line()).toBe('Unrecognised verb sent: foo bar');
    client.send('HELLO3\r\n');
    expect(await client.line()).toBe("Hi! What's your name?");
    client.send('Rick\r\n');
    expect(await client.line()).toBe('Hi, Rick!');
    client.send('QUIT\r\n');
    expect(await client.line()).toBe('Bye!');
    await client.waitClosed();
  });

  it('waits for the end of a line that arrives in pieces, and ignores blank lines', async () => {
    const server = await serve(greeter, {}, { endpoint: false });
    const client = await LineClient.connect(tcpPort(server));
    client.send('HEL');
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.send('LO\r\n\r\n   \r\nHELLO\r\n');
    expect(await client.line()).toBe('HI');
    expect(await client.line()).toBe('HI');
    client.end();
  });

  it('sends the acknowledge line on connect, and closes after a verb with close: true', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, acknowledge: 'Welcome!' });
        s.addVerb('Quit', { close: true });
      },
      {},
      { endpoint: false },
    );
    const client = await LineClient.connect(tcpPort(server));
    expect(await client.line()).toBe('Welcome!');
    client.send('quit');
    await client.waitClosed();
  });

  it('without crlfMessageEnd takes what arrives at once as one message (an HTTP request, say)', async () => {
    let body = '';
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0 });
        s.addVerb(
          '*',
          (e) => {
            body = e.request.body;
            e.write('HTTP/1.1 200 \r\nConnection: close\r\n\r\n<b>Hello, there</b>');
          },
          { close: true },
        );
      },
      {},
      { endpoint: false },
    );
    const response = await fetch(`http://127.0.0.1:${tcpPort(server)}/`);
    expect(await response.text()).toBe('<b>Hello, there</b>\r\n');
    expect(body).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
  });

  it('binds verbs to endpoints by name, with shared verbs on both', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({
          protocol: 'tcp',
          address: '127.0.0.1',
          port: 0,
          name: 'EP1',
          crlfMessageEnd: true,
        });
        s.addEndpoint({
          protocol: 'tcp',
          address: '127.0.0.1',
          port: 0,
          name: 'EP2',
          crlfMessageEnd: true,
        });
        s.addVerb(
          'HELLO :forename :surname',
          (e) => e.write(`HI 1, ${e.parameters.forename} ${e.parameters.surname}`),
          { endpointName: 'EP1' },
        );
        s.addVerb(
          'HELLO :forename :surname',
          (e) =>
            e.write(`HI 2, ${e.parameters.forename} ${e.parameters.surname} on ${e.endpoint.name}`),
          { endpointName: ['EP2'] },
        );
        s.addVerb('*', (e) => e.write('Unrecognised verb sent'));
      },
      {},
      { endpoint: false },
    );
    const one = await LineClient.connect(server.endpoints[0].port);
    const two = await LineClient.connect(server.endpoints[1].port);
    one.send('HELLO Rick Sanchez\r\nNOPE\r\n');
    two.send('HELLO Morty Smith\r\n');
    expect(await one.line()).toBe('HI 1, Rick Sanchez');
    expect(await one.line()).toBe('Unrecognised verb sent');
    expect(await two.line()).toBe('HI 2, Morty Smith on EP2');
    one.end();
    two.end();
  });

  it('logs a verb that throws, and the client and the server carry on', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, crlfMessageEnd: true });
        s.addVerb('BOOM', () => {
          throw new Error('kaboom');
        });
        s.addVerb('PING', (e) => e.write('PONG'));
      },
      { logger },
      { endpoint: false },
    );
    const client = await LineClient.connect(tcpPort(server));
    client.send('BOOM\r\nPING\r\n');
    expect(await client.line()).toBe('PONG');
    expect(lines.some((line) => line.level === 50 && line.msg === '[Verb] BOOM failed')).toBe(true);
    client.end();
  });

  it('drops a client whose line grows past the body limit, and serves the next client', async () => {
    const server = await serve(greeter, { bodyLimit: 1024 }, { endpoint: false });
    const greedy = await LineClient.connect(tcpPort(server));
    greedy.send('A'.repeat(2000));
    await greedy.waitClosed();
    const next = await LineClient.connect(tcpPort(server));
    next.send('HELLO\r\n');
    expect(await next.line()).toBe('HI');
    next.end();
  });

  it('drops a client idle for longer than requestTimeout', async () => {
    const server = await serve(greeter, { requestTimeout: 200 }, { endpoint: false });
    const client = await LineClient.connect(tcpPort(server));
    client.send('HELLO\r\n');
    expect(await client.line()).toBe('HI');
    await client.waitClosed(3000);
  });

  it('survives garbage bytes and a client that breaks off in the middle of a read', async () => {
    const server = await serve(greeter, {}, { endpoint: false });
    const noisy = await LineClient.connect(tcpPort(server));
    noisy.send(Buffer.from([0, 255, 254, 13, 10, 0xc3, 0x28, 13, 10]));
    expect(await noisy.line()).toMatch(/^Unrecognised verb sent/);
    noisy.socket.destroy();
    const reader = await LineClient.connect(tcpPort(server));
    reader.send('HELLO3\r\n');
    expect(await reader.line()).toBe("Hi! What's your name?");
    reader.socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await LineClient.connect(tcpPort(server));
    after.send('HELLO\r\n');
    expect(await after.line()).toBe('HI');
    after.end();
  });

  it('fails a read that waits longer than its timeout, as Pode does', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, crlfMessageEnd: true });
        s.addVerb('ASK', async (e) => {
          try {
            await e.read({ timeout: 50 });
          } catch (error) {
            e.write((error as PodeError).code);
          }
        });
      },
      {},
      { endpoint: false },
    );
    const client = await LineClient.connect(tcpPort(server));
    client.send('ASK\r\n');
    expect(await client.line()).toBe('PODE_ERR_TCP_READ_TIMEOUT');
    client.end();
  });

  it('reads up to checkBytes and leaves the rest for the next message', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, crlfMessageEnd: true });
        s.addVerb('DATA', async (e) => {
          const data = await e.read({ checkBytes: [46, 13, 10] });
          e.write(`got ${JSON.stringify(data)}`);
        });
        s.addVerb('PING', (e) => e.write('PONG'));
      },
      {},
      { endpoint: false },
    );
    const client = await LineClient.connect(tcpPort(server));
    client.send('DATA\r\n');
    client.send('line one\r\nline two\r\n.\r\nPING\r\n');
    expect(await client.line()).toBe('got "line one\\r\\nline two\\r\\n."');
    expect(await client.line()).toBe('PONG');
    client.end();
  });

  it('serves tcps over TLS from the first byte, and upgrades an explicit one on a verb', async () => {
    const { key, cert } = selfSignedCertificate();
    const server = await serve(
      (s) => {
        s.addEndpoint({
          protocol: 'tcps',
          address: '127.0.0.1',
          port: 0,
          crlfMessageEnd: true,
          tls: { key, cert },
          name: 'implicit',
        });
        s.addEndpoint({
          protocol: 'tcps',
          address: '127.0.0.1',
          port: 0,
          crlfMessageEnd: true,
          tls: { key, cert },
          tlsMode: 'explicit',
          name: 'explicit',
        });
        s.addVerb('SECURE', (e) => e.write(`secure: ${e.request.secure}`));
        s.addVerb('STARTTLS', (e) => e.write('TLS GO AHEAD'), { upgradeToSsl: true });
      },
      {},
      { endpoint: false },
    );
    const implicit = await LineClient.connect(server.endpoints[0].port, { tls: true });
    implicit.send('SECURE\r\n');
    expect(await implicit.line()).toBe('secure: true');
    implicit.end();

    const { connect } = await import('node:net');
    const { connect: tlsConnect } = await import('node:tls');
    const plain = connect(server.endpoints[1].port, '127.0.0.1');
    plain.on('error', () => {});
    await new Promise((resolve) => plain.once('connect', resolve));
    let text = '';
    plain.setEncoding('utf8');
    plain.on('data', (chunk: string) => {
      text += chunk;
    });
    plain.write('SECURE\r\nSTARTTLS\r\n');
    await expect.poll(() => text, { timeout: 3000 }).toBe('secure: false\r\nTLS GO AHEAD\r\n');
    plain.removeAllListeners('data');
    const secure = tlsConnect({ socket: plain, rejectUnauthorized: false });
    secure.on('error', () => {});
    await new Promise((resolve) => secure.once('secureConnect', resolve));
    secure.write('SECURE\r\n');
    const reply = await new Promise<string>((resolve) =>
      secure.once('data', (chunk) => resolve(String(chunk))),
    );
    expect(reply).toBe('secure: true\r\n');
    secure.end();
  });

  it('lets an HTTP endpoint and a TCP endpoint run side by side', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/', (e) => e.writeText('web'));
      s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, crlfMessageEnd: true });
      s.addVerb('HELLO', (e) => e.write('HI'));
    });
    expect(await (await fetch(server.url)).text()).toBe('web');
    const client = await LineClient.connect(tcpPort(server));
    client.send('HELLO\r\n');
    expect(await client.line()).toBe('HI');
    client.end();
  });

  it('tests access from a verb, the scheme reading the -ArgumentList values', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0, crlfMessageEnd: true });
        s.addAccess(
          'RoleExample',
          newAccessScheme({
            type: 'role',
            scriptBlock: (username: unknown) => (username === 'morty' ? ['Developer'] : ['QA']),
          }),
        );
        s.addVerb('EXAMPLE :username', async (e) => {
          const allowed = await testAccess('RoleExample', {
            destination: 'Developer',
            args: e.parameters.username,
          });
          e.write(allowed ? 'Hello, there!' : 'Forbidden Access');
        });
        s.addVerb('CHECK', async (e) =>
          e.write(String(await e.testAccess('RoleExample', { source: 'QA', destination: 'QA' }))),
        );
      },
      {},
      { endpoint: false },
    );
    const client = await LineClient.connect(tcpPort(server));
    client.send('EXAMPLE morty\r\nEXAMPLE rick\r\nCHECK\r\n');
    expect(await client.line()).toBe('Hello, there!');
    expect(await client.line()).toBe('Forbidden Access');
    expect(await client.line()).toBe('true');
    client.end();
  });

  it('the free functions outside a verb throw PODE_ERR_NO_TCP_EVENT', async () => {
    expect(() => writeTcpClient('x')).toThrow(PodeError);
    expect(() => closeTcpClient()).toThrow(/outside a TCP verb/);
    await expect(readTcpClient()).rejects.toMatchObject({ code: 'PODE_ERR_NO_TCP_EVENT' });
  });
});

describe('TCP set-up errors', () => {
  let key: Buffer;
  let cert: Buffer;
  beforeAll(() => {
    ({ key, cert } = selfSignedCertificate());
  });

  const cases: [string, (s: ServerBuilder) => void, RegExp][] = [
    [
      'a tcps endpoint without tls',
      (s) => s.addEndpoint({ protocol: 'tcps', port: 0 }),
      /needs tls: \{ key, cert \}/,
    ],
    [
      'crlfMessageEnd on smtp',
      (s) => s.addEndpoint({ protocol: 'smtp', port: 0, crlfMessageEnd: true }),
      /tcp and tcps endpoints only/,
    ],
    [
      'explicit TLS on plain tcp',
      (s) => s.addEndpoint({ protocol: 'tcp', port: 0, tlsMode: 'explicit' }),
      /needs a tcps or smtps endpoint/,
    ],
    [
      'an unknown endpoint option',
      (s) => s.addEndpoint({ protocol: 'tcp', port: 0, acknowlege: 'x' } as never),
      /unknown option 'acknowlege'/,
    ],
    ['a verb without logic', (s) => s.addVerb('HELLO', {}), /\[Verb\] HELLO: No logic passed/],
    [
      'a verb bound to an HTTP endpoint',
      (s) => {
        s.addEndpoint({ protocol: 'tcp', port: 0 });
        s.addVerb('HELLO', () => {}, { endpointName: 'web' });
      },
      /not a TCP endpoint/,
    ],
    [
      'two endpoints with one name',
      (s) => {
        s.addEndpoint({ protocol: 'tcp', port: 0, name: 'web' });
      },
      /named 'web' already exists/,
    ],
  ];
  for (const [name, setup, message] of cases) {
    it(`refuses ${name}`, async () => {
      const error = await setupFailure((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'web' });
        setup(s);
      });
      expect((error as Error).message).toMatch(message);
    });
  }

  it('refuses a tcps certificate that does not fit its key, leaving nothing listening', async () => {
    const other = selfSignedCertificate();
    const error = await setupFailure((s) => {
      s.addEndpoint({
        protocol: 'tcps',
        address: '127.0.0.1',
        port: 0,
        tls: { key, cert: other.cert },
      });
    });
    expect((error as Error).message).toMatch(/TLS key or certificate cannot be used/);
  });
});
