/**
 * The server's one door into TCP, SMTP and service servers, imported only by a server that has
 * any of them: listens on the TCP and SMTP endpoints, or runs the service handlers in a loop.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import type { Logger } from 'pino';
import { ErrorCodes, SetupError } from '../errors.js';
import { type ConnectionContext, TcpConnection } from './connection.js';
import type { BuiltTcp, TcpEndpoint } from './settings.js';
import type { ServiceEvent, TcpProtocol } from './types.js';

/** @internal Limits the server's options give TCP and SMTP clients. */
export interface TcpLimits {
  logger: Logger;
  /** Bytes of one message (TCP) or email (SMTP). */
  maxMessage: number;
  /** Milliseconds a client may stay silent; 0: no limit. */
  idleTimeout: number;
  /** Milliseconds `stop()` waits for running verbs. */
  stopTimeout: number;
}

/** @internal A listening TCP/SMTP endpoint. */
export interface RunningTcpEndpoint {
  name: string;
  protocol: TcpProtocol;
  address: string;
  port: number;
  url: string;
}

/** @internal */
export interface RunningTcp {
  endpoints: RunningTcpEndpoint[];
  stop(): Promise<void>;
}

/** @internal Starts the TCP side of a server; on a failure, whatever started is closed again. */
export async function startTcp(built: BuiltTcp, limits: TcpLimits): Promise<RunningTcp> {
  if (built.interval > 0) return startService(built, limits.logger);
  const servers: Server[] = [];
  const smtpServers: { close(callback: () => void): void }[] = [];
  const connections = new Set<TcpConnection>();
  const endpoints: RunningTcpEndpoint[] = [];
  const stop = async () => {
    const closing = [
      ...servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      ...smtpServers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    ];
    for (const connection of connections) if (!connection.busy) connection.destroy();
    await waitForIdle(connections, limits.stopTimeout);
    for (const connection of connections) connection.destroy();
    await Promise.all(closing);
  };
  try {
    for (const endpoint of built.endpoints) {
      let server: Server;
      if (endpoint.protocol === 'smtp' || endpoint.protocol === 'smtps') {
        const { createSmtpServer } = await import('./smtp.js');
        const smtp = await createSmtpServer(endpoint, {
          handlers: built.smtpHandlers,
          logger: limits.logger,
          maxMessage: limits.maxMessage,
          idleTimeout: limits.idleTimeout,
          stopTimeout: limits.stopTimeout,
        });
        smtpServers.push(smtp);
        server = smtp.server;
      } else {
        server = tcpServer(endpoint, built, limits, connections);
        servers.push(server);
      }
      await listenOn(server, endpoint);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : endpoint.port;
      endpoints.push({
        name: endpoint.name,
        protocol: endpoint.protocol,
        address: endpoint.address,
        port,
        url: `${endpoint.protocol}://${hostForUrl(endpoint.hostname)}:${port}`,
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoints, stop };
}

function tcpServer(
  endpoint: TcpEndpoint,
  built: BuiltTcp,
  limits: TcpLimits,
  connections: Set<TcpConnection>,
): Server {
  const tls =
    endpoint.tls === undefined
      ? undefined
      : { key: endpoint.tls.key, cert: endpoint.tls.cert, passphrase: endpoint.tls.passphrase };
  let secureContext: ConnectionContext['secureContext'];
  try {
    if (tls !== undefined && endpoint.tlsMode === 'explicit')
      secureContext = createSecureContext(tls);
  } catch (error) {
    throw badTls(endpoint, error);
  }
  const context: ConnectionContext = {
    endpoint,
    verbs: built.verbs,
    logger: limits.logger,
    maxMessage: limits.maxMessage,
    idleTimeout: limits.idleTimeout,
    secureContext,
    access: built.access,
  };
  const onConnection = (socket: Socket) => {
    const connection = new TcpConnection(socket, context);
    connections.add(connection);
    connection.onClosed(() => connections.delete(connection));
  };
  if (tls === undefined || endpoint.tlsMode === 'explicit') return createNetServer(onConnection);
  let server: Server;
  try {
    server = createTlsServer(tls, onConnection);
  } catch (error) {
    throw badTls(endpoint, error);
  }
  server.on('tlsClientError', (error: Error) => {
    limits.logger.debug({ err: error, endpoint: endpoint.name }, 'TLS handshake failed');
  });
  return server;
}

/** Pode's service server (`Start-PodeServer -Interval`): every handler in turn, then a sleep. */
function startService(built: BuiltTcp, logger: Logger): RunningTcp {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = async () => {
    for (const handler of built.serviceHandlers) {
      if (stopped) return;
      const event: ServiceEvent = { name: handler.name, metadata: {} };
      try {
        await handler.fn(event, ...handler.args);
      } catch (error) {
        logger.error({ err: error, handler: handler.name }, `[service] ${handler.name} failed`);
      }
    }
  };
  const tick = () => {
    running = loop().then(() => {
      if (!stopped) timer = setTimeout(tick, built.interval * 1000);
    });
  };
  tick();
  logger.info(`Server looping every ${built.interval} secs`);
  return {
    endpoints: [],
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function listenOn(server: Server, endpoint: TcpEndpoint): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new SetupError(
          ErrorCodes.LISTEN,
          `Cannot listen on ${endpoint.protocol}://${endpoint.address}:${endpoint.port}: ${error.code ?? error.message}`,
          error.code === 'EADDRINUSE'
            ? 'Another process uses this port: stop it, or pick another port (0 picks a free one).'
            : error.code === 'EACCES'
              ? 'Ports below 1024 (smtp 25, smtps 465) need privileges: pick another port.'
              : undefined,
        ),
      );
    };
    server.once('error', onError);
    const host = endpoint.address === '*' ? undefined : endpoint.address;
    server.listen(endpoint.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function waitForIdle(connections: Set<TcpConnection>, grace: number): Promise<void> {
  const deadline = Date.now() + grace;
  while ([...connections].some((connection) => connection.busy) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function badTls(endpoint: TcpEndpoint, error: unknown): SetupError {
  return new SetupError(
    ErrorCodes.BAD_ENDPOINT,
    `Endpoint ${endpoint.name}: the TLS key or certificate cannot be used: ${(error as Error).message}`,
    'Pass the PEM private key and certificate (strings or buffers) that belong together.',
  );
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
