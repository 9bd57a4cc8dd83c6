/**
 * The content items an MCP tool returns (`New-PodeMcpTextContent`, `New-PodeMcpImageContent`,
 * `New-PodeMcpAudioContent`): plain objects, usable anywhere.
 */

/** A text content item. */
export interface McpTextContent {
  type: 'text';
  text: string;
}

/** An image or audio content item: base64 data and its media type. */
export interface McpBinaryContent {
  type: 'image' | 'audio';
  data: string;
  mimeType: string;
}

/** One content item of a tool's result. */
export type McpContent = McpTextContent | McpBinaryContent;

/**
 * A text content item (`New-PodeMcpTextContent`): a string as it is, anything else as JSON
 * (indented, as Pode writes a non-string value as its string form); null/undefined as ''.
 */
export function newMcpTextContent(value: unknown): McpTextContent {
  return { type: 'text', text: textOf(value) };
}

/** An image content item (`New-PodeMcpImageContent`): the bytes in base64, with their media type. */
export function newMcpImageContent(
  bytes: Uint8Array | undefined,
  mimeType: string,
): McpBinaryContent {
  return { type: 'image', data: base64(bytes), mimeType };
}

/** An audio content item (`New-PodeMcpAudioContent`): the bytes in base64, with their media type. */
export function newMcpAudioContent(
  bytes: Uint8Array | undefined,
  mimeType: string,
): McpBinaryContent {
  return { type: 'audio', data: base64(bytes), mimeType };
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value, null, 2) ?? '';
}

function base64(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '' : Buffer.from(bytes).toString('base64');
}
