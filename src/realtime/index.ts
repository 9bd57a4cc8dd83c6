/**
 * Real time: WebSockets as Pode's signals (`s.addSignalRoute`, `sendSignal`,
 * `s.registerSignalEvent`, `disconnectSignal`) and server-sent events (`e.toSseConnection`,
 * `sendSseEvent`, `s.setSseBroadcastLevel`, `closeSseConnection`), broadcast to every process.
 */
export type {
  ConnectWebSocketOptions,
  SendWebSocketOptions,
  WebSocketEvent,
  WebSocketHandler,
} from './client.js';
export {
  connectWebSocket,
  disconnectWebSocket,
  removeWebSocket,
  resetWebSocket,
  sendWebSocket,
  setWebSocketConcurrency,
  testWebSocket,
} from './client.js';
export {
  closeSignalConnection,
  convertToSignalConnection,
  disconnectSignal,
  sendSignal,
  signalConnectionCount,
} from './signals.js';
export {
  closeSseConnection,
  convertToSseConnection,
  sendSseEvent,
  sseConnectionCount,
} from './sse.js';
export type {
  BroadcastLevel,
  CloseSseConnectionOptions,
  ConnectionEvent,
  ConnectionEventHandler,
  ConnectionEventOptions,
  ConnectionEventType,
  ConnectionInfo,
  DisconnectSignalOptions,
  RealtimeOptions,
  RealtimeRedisClient,
  RealtimeRedisSubscriber,
  SendSignalOptions,
  SendSseEventOptions,
  SignalConnection,
  SignalConnectionOptions,
  SignalEvent,
  SignalHandler,
  SignalMessage,
  SignalRouteOptions,
  SseBroadcastLevelOptions,
  SseConnection,
  SseConnectionOptions,
  SseScope,
} from './types.js';
