/**
 * The response serialisers of `writeXml`, `writeCsv`, `writeYaml`, `writeMarkdown` and the
 * `depth`/`noCompress` options of `writeJson`, shaped as Pode's cmdlets shape their output.
 */
import { csvStringifyLibrary, markdownLibrary, xmlLibrary, yamlLibrary } from './libraries.js';

type MarkdownIt = ReturnType<typeof import('markdown-it').default>;
type XmlBuilder = InstanceType<typeof import('fast-xml-parser').XMLBuilder>;

let xmlBuilder: XmlBuilder | undefined;
let markdownRenderer: MarkdownIt | undefined;

/**
 * JSON as `ConvertTo-Json -Depth -Compress:(!NoCompress)`: containers nested deeper than `depth`
 * are written as their string form (as PowerShell does), and `pretty` indents by two spaces.
 */
export function toJson(value: unknown, depth: number | undefined, pretty: boolean): string {
  const limited = depth === undefined ? value : limitDepth(value, depth, String);
  return JSON.stringify(limited, null, pretty ? 2 : undefined) ?? 'null';
}

/**
 * XML as `ConvertTo-Xml -As String -NoTypeInformation` after Pode's `Resolve-PodeObjectArray`:
 * `<Objects>` holding one `<Object>` per item, each property a `<Property Name="…">`.
 */
export function toXml(value: unknown, depth: number): string {
  const { XMLBuilder } = xmlLibrary();
  xmlBuilder ??= new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  });
  const items = Array.isArray(value) ? value : [value];
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    Objects: { Object: items.map((item) => xmlNode(item, 0, depth)) },
  };
  return xmlBuilder.build(document).trimEnd();
}

/**
 * CSV as `ConvertTo-Csv` (PowerShell 7): a header of the first object's property names, then
 * one line per object, every field quoted, lines joined by `\n`.
 */
export function toCsv(value: unknown): string {
  const items = (Array.isArray(value) ? value : [value]).map((item) =>
    isRecord(item) ? item : { Value: item },
  );
  if (items.length === 0) return '';
  const columns = Object.keys(items[0]);
  return csvStringifyLibrary()
    .stringify(items, {
      header: true,
      columns,
      quoted: true,
      quoted_empty: true,
      record_delimiter: '\n',
      eof: false,
      cast: {
        boolean: (field: boolean) => String(field),
        date: (field: Date) => field.toISOString(),
        object: (field: object) => JSON.stringify(field),
      },
    })
    .replace(/\n$/, '');
}

/** YAML as Pode's `ConvertTo-PodeYaml -Depth`: nested beyond `depth` is left empty; nothing is `[]`. */
export function toYaml(value: unknown, depth: number): string {
  if (value === null || value === undefined) return '[]';
  return yamlLibrary().dump(
    limitDepth(value, depth, () => null),
    {
      noRefs: true,
      skipInvalid: true,
      lineWidth: -1,
    },
  );
}

/** Markdown rendered to HTML as `ConvertFrom-Markdown` does (CommonMark, raw HTML kept, not sanitised). */
export function markdownToHtml(markdown: string): string {
  markdownRenderer ??= markdownLibrary()({ html: true, linkify: false, typographer: false });
  return markdownRenderer.render(markdown);
}

// One `<Object>` (or nested `<Property>`) body: primitives as text, objects as named properties,
// arrays as unnamed properties; past `depth` a container is written as its string form.
function xmlNode(value: unknown, level: number, depth: number): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return { '#text': value.toISOString() };
  if (typeof value !== 'object') return { '#text': String(value) };
  if (level > depth) return { '#text': String(value) };
  if (Array.isArray(value)) {
    return { Property: value.map((item) => xmlNode(item, level + 1, depth)) };
  }
  const properties: unknown[] = [];
  for (const [name, item] of Object.entries(value)) {
    const node = xmlNode(item, level + 1, depth);
    properties.push(
      typeof node === 'object' && node !== null
        ? { '@_Name': name, ...(node as object) }
        : { '@_Name': name },
    );
  }
  return { Property: properties };
}

// A copy of `value` whose containers below `depth` levels are replaced by `replace(container)`.
function limitDepth(value: unknown, depth: number, replace: (value: object) => unknown): unknown {
  const visit = (item: unknown, level: number): unknown => {
    if (item === null || typeof item !== 'object' || item instanceof Date) return item;
    if (level > depth) return replace(item);
    if (typeof (item as { toJSON?: unknown }).toJSON === 'function') return item;
    if (Array.isArray(item)) return item.map((entry) => visit(entry, level + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(item)) copy[key] = visit(entry, level + 1);
    return copy;
  };
  return visit(value, 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
