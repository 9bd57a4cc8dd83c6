/** The free function over `e.resolveMcpRequest`, finding the current request itself. */
import { currentEvent } from '../context.js';
import type { ResolveMcpOptions } from './resolve.js';

/** Answers the current request as an MCP request for a group of tools (`Resolve-PodeMcpRequest`); see `e.resolveMcpRequest`. */
export function resolveMcpRequest(options: ResolveMcpOptions): Promise<void> {
  return currentEvent('resolveMcpRequest').resolveMcpRequest(options);
}
