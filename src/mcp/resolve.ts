/**
 * Answers one MCP request (JSON-RPC 2.0 over HTTP POST) for a group of tools
 * (`Resolve-PodeMcpRequest`): `initialize`, `ping`, `tools/list`, `tools/call` and
 * `notifications/*`. Protocol errors are JSON-RPC errors with HTTP 400; a tool that throws or is
 * called with arguments its schema refuses answers a result with `isError: true` (MCP's tool
 * execution error), so the client's model sees what went wrong. Nothing here throws.
 */
import { createRequire } from 'node:module';
import { logRequestError } from '../logging/logs.js';
import type { WebEvent } from '../web-event.js';
import { mcpRegistryOf } from './bind.js';
import { type McpContent, newMcpTextContent } from './content.js';
import type { McpRegistry, McpToolArguments, McpToolResult } from './registry.js';

/** Options of `resolveMcpRequest` (`Resolve-PodeMcpRequest`). */
export interface ResolveMcpOptions {
  /** The group of tools this route serves (required). */
  group: string;
  /** The server name sent to `initialize` (default `'Pode MCP Server'`). */
  serverName?: string;
  /** The server version sent to `initialize` (default: pode-ts's version). */
  serverVersion?: string;
}

/** The MCP protocol revision answered to `initialize` (the one Pode answers). */
export const MCP_PROTOCOL_VERSION = '2025-11-25';
const DEFAULT_SERVER_NAME = 'Pode MCP Server';
let packageVersion: string | undefined;

const ParseError = -32700;
const InvalidRequest = -32600;
const MethodNotFound = -32601;
const InvalidParams = -32602;
const InternalError = -32603;

type RequestId = string | number | null;

/** @internal The implementation of `e.resolveMcpRequest`. */
export async function resolveMcp(event: WebEvent, options: ResolveMcpOptions): Promise<void> {
  const group = options.group;
  let registry: McpRegistry | undefined;
  try {
    registry = mcpRegistryOf(event.route);
  } catch {
    registry = undefined;
  }
  if (registry === undefined || !registry.groups.has(group)) {
    writeError(event, null, InternalError, `Group '${String(group)}' not found`);
    return;
  }

  const message = readMessage(event);
  if (typeof message === 'number') return;
  const id = message.id;
  const method = message.method;
  if (message.jsonrpc !== '2.0') {
    writeError(event, idOf(id), InvalidRequest, 'Invalid JSON-RPC version');
    return;
  }
  if (typeof method !== 'string' || method === '') {
    writeError(event, idOf(id), InvalidRequest, 'Missing method');
    return;
  }
  const name = method.toLowerCase();
  const notification = name.startsWith('notifications/');
  if (!notification && typeof id !== 'string' && typeof id !== 'number') {
    writeError(event, null, InvalidRequest, 'Missing ID for non-notification method');
    return;
  }
  const requestId = idOf(id);

  if (notification) {
    // Notifications get no JSON-RPC answer: 202 Accepted with no body.
    event.setStatus(202);
    return;
  }
  switch (name) {
    case 'initialize':
      writeResult(event, requestId, {
        protocolVersion: MCP_PROTOCOL_VERSION,
        capabilities: { tools: { listChanged: false } },
        serverInfo: {
          name: options.serverName ?? DEFAULT_SERVER_NAME,
          version: options.serverVersion || podeTsVersion(),
        },
      });
      return;
    case 'ping':
      writeResult(event, requestId, {});
      return;
    case 'tools/list':
      writeResult(event, requestId, {
        tools: registry.toolsOf(group).map((tool) => ({
          name: tool.name,
          description: tool.description,
          inputSchema: tool.inputSchema,
        })),
      });
      return;
    case 'tools/call':
      await callTool(event, registry, group, requestId, message.params);
      return;
    default:
      writeError(event, requestId, MethodNotFound, `Method '${method}' not found`);
  }
}

async function callTool(
  event: WebEvent,
  registry: McpRegistry,
  group: string,
  id: RequestId,
  params: unknown,
): Promise<void> {
  const request = isObject(params) ? params : {};
  const toolName = request.name;
  const tool = typeof toolName === 'string' ? registry.tools.get(toolName) : undefined;
  if (tool === undefined || !tool.groups.includes(group)) {
    writeError(
      event,
      id,
      InvalidParams,
      `Tool '${String(toolName)}' not found in group '${group}'`,
    );
    return;
  }
  const args = request.arguments ?? {};
  let issues: ReturnType<McpRegistry['checkArguments']>;
  try {
    issues = registry.checkArguments(tool, args);
  } catch (error) {
    // a schema ajv cannot compile is the server's fault, not the caller's
    event.log.error({ err: error, tool: tool.name }, 'MCP tool input schema is invalid');
    writeError(event, id, InternalError, `The input schema of tool '${tool.name}' is invalid`);
    return;
  }
  if (issues.length > 0) {
    const detail = issues.map((issue) => `${issue.path || 'arguments'} ${issue.message}`);
    writeToolError(event, id, `Invalid arguments for tool '${tool.name}': ${detail.join('; ')}`);
    return;
  }
  let returned: McpToolResult;
  try {
    returned = await tool.fn(args as McpToolArguments, event);
  } catch (error) {
    event.log.error({ err: error, tool: tool.name, group }, 'MCP tool failed');
    logRequestError(event.log, error);
    const reason = error instanceof Error ? error.message : String(error);
    writeToolError(event, id, `Error invoking tool '${tool.name}' in group '${group}': ${reason}`);
    return;
  }
  writeResult(event, id, { content: contentOf(returned), isError: false });
}

/** The request's JSON-RPC message, or a number once an error has been answered. */
function readMessage(event: WebEvent): Record<string, unknown> | number {
  let data: unknown = event.data;
  if (typeof data === 'string' && !isJsonType(event.contentType)) {
    // A body sent as text (no JSON Content-Type) is parsed here; malformed JSON is -32700.
    try {
      data = JSON.parse(data);
    } catch {
      writeError(event, null, ParseError, 'Parse error: the body is not valid JSON');
      return ParseError;
    }
  }
  if (Array.isArray(data)) {
    writeError(event, null, InvalidRequest, 'Batch requests are not supported');
    return InvalidRequest;
  }
  if (!isObject(data)) {
    writeError(event, null, InvalidRequest, 'The request must be a JSON-RPC object');
    return InvalidRequest;
  }
  return data;
}

function contentOf(returned: McpToolResult): McpContent[] {
  if (returned === undefined || returned === null) return [];
  const items = Array.isArray(returned) ? returned : [returned];
  return items.map((item: unknown) =>
    isObject(item) && typeof item.type === 'string'
      ? (item as unknown as McpContent)
      : newMcpTextContent(item),
  );
}

function writeResult(event: WebEvent, id: RequestId, result: unknown): void {
  event.writeJson({ jsonrpc: '2.0', id, result }, { statusCode: 200 });
}

function writeToolError(event: WebEvent, id: RequestId, text: string): void {
  writeResult(event, id, { content: [newMcpTextContent(text)], isError: true });
}

function writeError(event: WebEvent, id: RequestId, code: number, message: string): void {
  event.writeJson({ jsonrpc: '2.0', id, error: { code, message } }, { statusCode: 400 });
}

/** pode-ts's version (Pode answers its own), read from package.json once. */
function podeTsVersion(): string {
  if (packageVersion === undefined) {
    try {
      const manifest = createRequire(import.meta.url)('../../package.json') as { version?: string };
      packageVersion = manifest.version ?? '0.0.0';
    } catch {
      packageVersion = '0.0.0';
    }
  }
  return packageVersion;
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

function idOf(id: unknown): RequestId {
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
