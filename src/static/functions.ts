/**
 * The free functions of file responses: each finds the current request (as Pode's cmdlets find
 * `$WebEvent`) and calls the WebEvent method of the same meaning.
 */
import { currentEvent } from '../context.js';
import type { AttachmentOptions, FileResponseOptions } from './respond.js';

/** Streams a file as the response of the current request (`Write-PodeFileResponse`); see `e.writeFile`. */
export function writeFileResponse(path: string, options?: FileResponseOptions): Promise<void> {
  return currentEvent('writeFileResponse').writeFile(path, options);
}

/** Writes the file browser's listing of a folder (`Write-PodeDirectoryResponse`); see `e.writeDirectory`. */
export function writeDirectoryResponse(path: string): Promise<void> {
  return currentEvent('writeDirectoryResponse').writeDirectory(path);
}

/** Sends a file as a download (`Set-PodeResponseAttachment`); see `e.setResponseAttachment`. */
export function setResponseAttachment(path: string, options?: AttachmentOptions): Promise<void> {
  return currentEvent('setResponseAttachment').setResponseAttachment(path, options);
}
