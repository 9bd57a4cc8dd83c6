/**
 * The body parsers of `*\/xml` and `*\/csv` requests, as Pode's `[xml]` and `ConvertFrom-Csv`
 * read them: every value a string. Entities are never expanded from a DTD: a body with a
 * DOCTYPE is refused.
 */
import { HttpError } from '../errors.js';
import { csvParseLibrary, xmlLibrary } from './libraries.js';

type XmlParser = InstanceType<typeof import('fast-xml-parser').XMLParser>;

let xmlParser: XmlParser | undefined;

/**
 * Parses an XML body into an object whose root element is a property (`<username>rick</username>`
 * → `{ username: 'rick' }`), attributes as properties and mixed text as `#text`, as PowerShell's
 * XML adapter shows them. Malformed XML or a DOCTYPE is a 400.
 */
export function parseXml(text: string): Record<string, unknown> {
  if (text.includes('<!DOCTYPE')) {
    throw new HttpError(400, 'XML bodies with a DOCTYPE are refused (entities are not expanded).');
  }
  const { XMLParser, XMLValidator } = xmlLibrary();
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    throw new HttpError(400, `The request body is not valid XML: ${verdict.err.msg}`);
  }
  xmlParser ??= new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Entities are decoded below: only XML's five and character references, never a DTD's.
    processEntities: false,
    tagValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
    attributeValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
  });
  try {
    return xmlParser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new HttpError(400, `The request body is not valid XML: ${(error as Error).message}`);
  }
}

/** Parses a CSV body into an array of objects keyed by the header line (all values strings). */
export function parseCsv(text: string): Record<string, string>[] {
  try {
    return csvParseLibrary().parse(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as Record<string, string>[];
  } catch (error) {
    throw new HttpError(400, `The request body is not valid CSV: ${(error as Error).message}`);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[\da-fA-F]{1,6});/g, (match, name) => {
    if (name[0] !== '#') return ENTITIES[name];
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}
