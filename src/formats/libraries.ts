/**
 * The serialisers and parsers of the response and body formats, loaded on first use so that a
 * server that never writes XML, CSV, YAML or Markdown pays nothing for them. They are loaded with
 * `require` (each ships a CommonJS build) rather than `import()`: the writers stay synchronous,
 * as `writeJson` and Pode's cmdlets are.
 */
import { createRequire } from 'node:module';

type FastXmlParser = typeof import('fast-xml-parser');
type CsvParse = typeof import('csv-parse/sync');
type CsvStringify = typeof import('csv-stringify/sync');
type JsYaml = typeof import('js-yaml');
type MarkdownItModule = typeof import('markdown-it').default;

const load = createRequire(import.meta.url);

let xmlModule: FastXmlParser | undefined;
let csvParseModule: CsvParse | undefined;
let csvStringifyModule: CsvStringify | undefined;
let yamlModule: JsYaml | undefined;
let markdownModule: MarkdownItModule | undefined;

/** fast-xml-parser: XMLParser, XMLValidator and XMLBuilder. */
export function xmlLibrary(): FastXmlParser {
  xmlModule ??= load('fast-xml-parser') as FastXmlParser;
  return xmlModule;
}

/** csv-parse's synchronous API. */
export function csvParseLibrary(): CsvParse {
  csvParseModule ??= load('csv-parse/sync') as CsvParse;
  return csvParseModule;
}

/** csv-stringify's synchronous API. */
export function csvStringifyLibrary(): CsvStringify {
  csvStringifyModule ??= load('csv-stringify/sync') as CsvStringify;
  return csvStringifyModule;
}

/** js-yaml. */
export function yamlLibrary(): JsYaml {
  yamlModule ??= load('js-yaml') as JsYaml;
  return yamlModule;
}

/** markdown-it's constructor. */
export function markdownLibrary(): MarkdownItModule {
  markdownModule ??= load('markdown-it') as MarkdownItModule;
  return markdownModule;
}
