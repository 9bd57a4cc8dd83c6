/**
 * Where a request finds its server's MCP tools: every route of a server with MCP groups is bound
 * to the server's registry once at start-up, so `resolveMcpRequest` needs a WeakMap read.
 */
import { ErrorCodes, PodeError } from '../errors.js';
import type { RouteInfo } from '../types.js';
import type { McpRegistry } from './registry.js';

const registries = new WeakMap<RouteInfo, McpRegistry>();

/** @internal Lets a request on `route` find the server's MCP tools. */
export function bindMcpRegistry(route: RouteInfo, registry: McpRegistry): void {
  registries.set(route, registry);
}

/** @internal The MCP tools of the server serving `route`; throws when it has none. */
export function mcpRegistryOf(route: RouteInfo | undefined): McpRegistry {
  const registry = route === undefined ? undefined : registries.get(route);
  if (registry === undefined) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      'resolveMcpRequest(): this server has no MCP tool groups.',
      "Add one in the set-up with s.addMcpGroup('Default') and tools with s.addMcpTool(…).",
    );
  }
  return registry;
}
