/**
 * The server's one door into the real-time features: at start-up the hub takes the server's
 * settings (and subscribes to Redis when configured); the WebSocket part, with the `ws` library,
 * is imported only when the server has signal routes or a `ws`/`wss` endpoint.
 */
import type { Logger } from 'pino';
import { ErrorCodes, SetupError } from '../errors.js';
import { hub } from './hub.js';
import type { BuiltRealtime } from './settings.js';
import { closeAllSse } from './sse.js';
import type { UpgradeEndpoint } from './upgrade.js';

/** @internal The real-time side of one running server. */
export interface RunningRealtime {
  /** Accepts WebSocket upgrades on an endpoint (when the server takes any). */
  attach(
    endpoint: Omit<UpgradeEndpoint, 'router' | 'anyPath' | 'manualOnly'> & {
      name: string;
      protocol: string;
      noAutoUpgradeWebSockets?: boolean;
    },
  ): void;
  /** Closes every WebSocket and SSE connection, and leaves the bus. */
  stop(): Promise<void>;
}

/** @internal Starts the real-time side of a server. */
export async function startRealtime(
  built: BuiltRealtime,
  logger: Logger,
): Promise<RunningRealtime> {
  await hub.start(built.hub, logger);
  // Client connections (`s.connectWebSocket`): the client module and `ws` only when there are any.
  const clients =
    built.clients.length > 0 || built.clientConcurrency !== undefined
      ? await import('./client.js')
      : undefined;
  if (clients !== undefined) {
    clients.configureWebSocketClients(logger, built.hub.asyncContext);
    if (built.clientConcurrency !== undefined)
      clients.setWebSocketConcurrency(built.clientConcurrency);
    try {
      for (const { name, url, handler, options } of built.clients)
        await clients.connectWebSocket(name, url, handler, options);
    } catch (error) {
      await clients.closeAllWebSockets();
      await hub.stop();
      throw new SetupError(
        ErrorCodes.LISTEN,
        (error as Error).message,
        'Start the WebSocket server first, or connect later with connectWebSocket() in a route or timer.',
      );
    }
  }
  const upgrades = built.websockets
    ? new (await import('./upgrade.js')).Upgrades(logger)
    : undefined;
  return {
    attach(endpoint) {
      if (upgrades === undefined) return;
      const isWs = endpoint.protocol === 'ws' || endpoint.protocol === 'wss';
      upgrades.attach({
        ...endpoint,
        router: built.routers.get(endpoint.name),
        anyPath: isWs ? built.anyPath : undefined,
        manualOnly: endpoint.noAutoUpgradeWebSockets === true,
      });
    },
    async stop() {
      await upgrades?.close();
      await clients?.closeAllWebSockets();
      closeAllSse();
      await hub.stop();
    },
  };
}
