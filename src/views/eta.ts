/**
 * The Eta engine (`setViewEngine({ type: 'eta' })`), loaded on the first Eta view: one Eta per
 * views folder, escaping `<%= %>` output by default, with `layout()` and `include()` resolved
 * inside the folder. Compiled templates are cached unless the engine watches for changes.
 */
import { relative } from 'node:path';
import type { Eta } from 'eta';
import type { ViewData, ViewEngine } from './engine.js';

type EtaClass = typeof Eta;
let etaLoading: Promise<EtaClass> | undefined;

/** Renders the Eta template at `path` (absolute, inside `folder`) with `data` as `it`. */
export async function renderEtaView(
  engine: ViewEngine,
  folder: string,
  path: string,
  data: ViewData,
): Promise<string> {
  const instances = engine.cache.eta as Map<string, Eta>;
  let eta = instances.get(folder);
  if (eta === undefined) {
    etaLoading ??= import('eta').then((module) => module.Eta);
    const EtaEngine = await etaLoading;
    eta = new EtaEngine({
      views: folder,
      cache: !engine.watch,
      cacheFilepaths: !engine.watch,
      defaultExtension: engine.type === 'eta' ? `.${engine.extension}` : '.eta',
      autoEscape: true,
    });
    instances.set(folder, eta);
  }
  return eta.render(`./${relative(folder, path).split('\\').join('/')}`, data);
}
