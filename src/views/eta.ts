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
  return eta.render(etaName(engine, folder, path), data);
}

// Eta's name of a view: its path from the folder, `./` first and `/` between parts (cached).
function etaName(engine: ViewEngine, folder: string, path: string): string {
  if (engine.watch) return `./${relative(folder, path).split('\\').join('/')}`;
  const names = (engine.cache.etaNames ??= new Map<string, string>());
  const key = `${folder}\0${path}`;
  let name = names.get(key);
  if (name === undefined) {
    name = `./${relative(folder, path).split('\\').join('/')}`;
    names.set(key, name);
  }
  return name;
}
