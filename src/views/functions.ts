/**
 * The free functions of views: each finds the current request (as Pode's cmdlets find
 * `$WebEvent`) and calls the WebEvent method of the same meaning.
 */
import { currentEvent } from '../context.js';
import type { ViewData } from './engine.js';
import type { ViewOptions } from './render.js';

/** Renders a view as the HTML response of the current request (`Write-PodeViewResponse`); see `e.writeView`. */
export function writeViewResponse(
  path: string,
  data?: ViewData,
  options?: ViewOptions,
): Promise<void> {
  return currentEvent('writeViewResponse').writeView(path, data, options);
}

/** Renders a partial view and returns it (`Use-PodePartialView`); see `e.usePartialView`. */
export function usePartialView(
  path: string,
  data?: ViewData,
  options?: { folder?: string },
): Promise<string> {
  return currentEvent('usePartialView').usePartialView(path, data, options);
}
