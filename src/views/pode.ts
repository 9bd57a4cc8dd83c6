/**
 * Pode's own view engine: `.pode` files are HTML with PowerShell `$(…)` sub-expressions over
 * `$data`. They are rendered by translating each sub-expression with the converter (src/port)
 * the first time a view is loaded, and caching the result. This module is the engine's single
 * door, loaded lazily by the view renderer: until the converter is part of pode-ts it answers
 * that it is not available, with a coded error, rather than pretending to render.
 *
 * Plugging the converter in happens here only: `podeViewsAvailable()` returns true, and
 * `renderPodeView` reads the file once, has the converter (`src/port`, imported lazily) turn it
 * into a template function of `data` (static HTML kept as it is, each `$(…)` translated), caches
 * that function by path (by path and modification time when the engine watches), and calls it.
 * `Use-PodePartialView` inside a view maps to `usePartialView`, which renders through here too.
 */
import { ErrorCodes, PodeError } from '../errors.js';
import type { ViewData } from './engine.js';

/** Whether `.pode` views can be rendered (true once the converter is wired in here). */
export function podeViewsAvailable(): boolean {
  return false;
}

/** The message of the error a `.pode` view gets while the converter is missing. */
export function podeViewsMissingMessage(path?: string): string {
  return `a .pode view needs the converter: pode-ts cannot translate PowerShell $(…) sub-expressions yet${path === undefined ? '' : ` (${path})`}.`;
}

/** Renders the `.pode` view at `path` with `data` (Pode's `$data`). */
export async function renderPodeView(path: string, _data: ViewData): Promise<string> {
  throw new PodeError(
    ErrorCodes.VIEW_NEEDS_CONVERTER,
    podeViewsMissingMessage(path),
    "Rename the view for the 'html' or 'eta' engine, or render it with your own render function.",
  );
}
