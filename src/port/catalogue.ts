/**
 * The catalogue of Pode's public functions (src/port/catalogue.json, generated from Pode's own
 * param() blocks by scripts/pode-catalogue.mjs), with PowerShell's rules for finding a command
 * and for matching a `-Name` to a parameter.
 */
import data from './catalogue.json' with { type: 'json' };

/** The parameter set every parameter without a `ParameterSetName` belongs to. */
export const ALL_PARAMETER_SETS = '__AllParameterSets';

/** One parameter of a Pode function, as its `param()` block declares it. */
export interface CatalogueParameter {
  /** The type constraint as written (`string[]`, `scriptblock`, `hashtable`); `object` if none. */
  type: string;
  /** True for `[switch]` parameters, which take no argument and are never positional. */
  switch: boolean;
  /** The parameter sets in which the parameter is mandatory. */
  mandatory: string[];
  /** The position PowerShell binds a positional argument to, or null when it is named-only. */
  position: number | null;
  /** Other names from `[Alias(…)]`. */
  aliases: string[];
  /** The parameter sets it belongs to (`__AllParameterSets` when it names none). */
  sets: string[];
  /** The values `[ValidateSet(…)]` allows, when it has one. */
  validateSet?: string[];
  /** True when pipeline input binds to it (`ValueFromPipeline`). */
  valueFromPipeline: boolean;
}

/** One Pode function. */
export interface CatalogueCmdlet {
  /** The function's name as Pode spells it (`Add-PodeRoute`). */
  name: string;
  /** Other names for it (`New-Alias`, `Set-Alias`, `[Alias(…)]`). */
  aliases: string[];
  /** `[CmdletBinding(DefaultParameterSetName = …)]`, or null when it declares none. */
  defaultParameterSet: string | null;
  /** Parameters by their declared name. */
  parameters: Record<string, CatalogueParameter>;
}

/** What a `-Name` on a command line binds to (PowerShell's rules, see {@link resolveParameter}). */
export type ParameterMatch =
  | { kind: 'parameter'; name: string; parameter: CatalogueParameter }
  | { kind: 'common'; name: string }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unknown' };

interface CatalogueFile {
  source: string;
  cmdlets: Record<string, Omit<CatalogueCmdlet, 'name'>>;
}

const catalogue = data as CatalogueFile;

/** The Pode commit the catalogue was generated from (`Badgerati/Pode@<sha>`). */
export const catalogueSource: string = catalogue.source;

/**
 * PowerShell's common parameters (and their aliases), which every advanced function has: a
 * prefix that matches one of them and one declared parameter binds to the declared one.
 */
export const COMMON_PARAMETERS: Record<string, string[]> = {
  Verbose: ['vb'],
  Debug: ['db'],
  ErrorAction: ['ea'],
  WarningAction: ['wa'],
  InformationAction: ['infa'],
  ProgressAction: ['proga'],
  ErrorVariable: ['ev'],
  WarningVariable: ['wv'],
  InformationVariable: ['iv'],
  OutVariable: ['ov'],
  OutBuffer: ['ob'],
  PipelineVariable: ['pv'],
};

let byName: Map<string, CatalogueCmdlet> | undefined;

/** Every Pode function in the catalogue, by its declared name. */
export function allCmdlets(): CatalogueCmdlet[] {
  return Object.entries(catalogue.cmdlets).map(([name, entry]) => ({ name, ...entry }));
}

/**
 * Finds a Pode function by name or alias, case-insensitively as PowerShell does
 * (`add-poderoute`, `Enable-PodeRequestLogging`). Returns undefined for anything else.
 */
export function findCmdlet(name: string): CatalogueCmdlet | undefined {
  if (byName === undefined) {
    byName = new Map();
    for (const cmdlet of allCmdlets()) {
      byName.set(cmdlet.name.toLowerCase(), cmdlet);
      for (const alias of cmdlet.aliases) byName.set(alias.toLowerCase(), cmdlet);
    }
  }
  return byName.get(name.toLowerCase());
}

/**
 * Matches a parameter name written on a command line (with or without its `-`) as PowerShell's
 * binder does: an exact name or alias wins; otherwise a unique case-insensitive prefix of a
 * name or alias; when a prefix matches several, the one declared parameter among them wins
 * over common parameters, and otherwise it is ambiguous.
 */
export function resolveParameter(cmdlet: CatalogueCmdlet, written: string): ParameterMatch {
  const name = written.replace(/^[-\u2013\u2014\u2015]/, '').replace(/:$/, '');
  if (name === '') return { kind: 'unknown' };
  const wanted = name.toLowerCase();
  const declared = new Set<string>();
  const common = new Set<string>();
  for (const [parameter, entry] of Object.entries(cmdlet.parameters)) {
    for (const spelling of [parameter, ...entry.aliases]) {
      const lower = spelling.toLowerCase();
      if (lower === wanted) return { kind: 'parameter', name: parameter, parameter: entry };
      if (lower.startsWith(wanted)) declared.add(parameter);
    }
  }
  for (const [parameter, aliases] of Object.entries(COMMON_PARAMETERS)) {
    for (const spelling of [parameter, ...aliases]) {
      const lower = spelling.toLowerCase();
      if (lower === wanted) return { kind: 'common', name: parameter };
      if (lower.startsWith(wanted)) common.add(parameter);
    }
  }
  if (declared.size === 1) {
    const [parameter] = declared;
    return { kind: 'parameter', name: parameter, parameter: cmdlet.parameters[parameter] };
  }
  if (declared.size === 0 && common.size === 1) return { kind: 'common', name: [...common][0] };
  if (declared.size + common.size === 0) return { kind: 'unknown' };
  return { kind: 'ambiguous', candidates: [...declared, ...common].sort() };
}
