/**
 * Formats what `pode-ts port` writes with Biome (the formatter this project uses), so the output
 * reads like code a person wrote: imports one per line when long, lines within 100 characters,
 * no needless parentheses. Biome's WebAssembly build is an optional dependency loaded only here,
 * on the first conversion that writes a file; `pode-ts run` and `.pode` views never load it.
 */

interface BiomeProject {
  format(code: string): string;
}

let project: Promise<BiomeProject | undefined> | undefined;

/**
 * Returns `code` formatted as Biome formats this repository (2 spaces, 100 columns, single quotes,
 * trailing commas), or `undefined` when Biome is not installed or cannot format it (the caller
 * keeps the unformatted code, which is valid as it is).
 */
export async function formatTypeScript(code: string): Promise<string | undefined> {
  project ??= openProject();
  const biome = await project;
  if (biome === undefined) return undefined;
  try {
    return biome.format(code);
  } catch {
    return undefined;
  }
}

async function openProject(): Promise<BiomeProject | undefined> {
  try {
    const { Biome } = await import('@biomejs/js-api/nodejs');
    const biome = new Biome();
    const { projectKey } = biome.openProject('.');
    biome.applyConfiguration(projectKey, {
      formatter: { enabled: true, indentStyle: 'space', indentWidth: 2, lineWidth: 100 },
      javascript: {
        formatter: { quoteStyle: 'single', semicolons: 'always', trailingCommas: 'all' },
      },
    });
    return {
      format(code) {
        const result = biome.formatContent(projectKey, code, { filePath: 'server.ts' });
        if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
          throw new Error('not formattable');
        return result.content;
      },
    };
  } catch {
    return undefined;
  }
}
