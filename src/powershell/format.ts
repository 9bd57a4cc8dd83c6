/**
 * The `-f` operator: .NET composite formatting (`{0}`, `{0,-10}`, `{0:N2}`, `{0:yyyy-MM-dd}`,
 * `{{` and `}}`) with .NET's standard and custom numeric formats, in the invariant culture.
 */
import { formatDate } from './dates.js';
import { PowerShellError } from './errors.js';
import { formatDouble, isNull, toPsString } from './values.js';

/**
 * `$format -f $args`: each `{index[,alignment][:format]}` replaced by that argument, formatted.
 * As in PowerShell, a single array argument supplies the arguments (`'{0}-{1}' -f $pair`).
 * Throws PowerShell's message for an index with no argument or a malformed item.
 */
export function format(template: string, ...args: unknown[]): string {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  let out = '';
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    if (char === '{' && template[index + 1] === '{') {
      out += '{';
      index += 2;
    } else if (char === '}' && template[index + 1] === '}') {
      out += '}';
      index += 2;
    } else if (char === '{') {
      const end = template.indexOf('}', index);
      const item =
        end === -1
          ? null
          : /^(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^{}]*))?$/.exec(template.slice(index + 1, end));
      if (item === null) throw formatError('Input string was not in a correct format.');
      const [, position, alignment, specifier] = item;
      if (Number(position) >= values.length) {
        throw formatError(
          'Index (zero based) must be greater than or equal to zero and less than the size of the argument list.',
        );
      }
      const text = formatValue(values[Number(position)], specifier);
      const width = alignment === undefined ? 0 : Number(alignment);
      out += width < 0 ? text.padEnd(-width) : text.padStart(width);
      index = end + 1;
    } else if (char === '}') {
      throw formatError('Input string was not in a correct format.');
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

/** One value as `{0:format}` prints it: numbers and dates use the format, others ignore it. */
export function formatValue(value: unknown, specifier?: string): string {
  if (isNull(value)) return '';
  if (Array.isArray(value)) return 'System.Object[]';
  if (specifier === undefined || specifier === '') return toPsString(value);
  if (typeof value === 'number') return formatNumber(value, specifier);
  if (typeof value === 'bigint') return formatNumber(Number(value), specifier);
  if (value instanceof Date) return formatDate(value, specifier);
  return toPsString(value);
}

/**
 * A number with a .NET numeric format: standard ('N2', 'F0', 'D5', 'X4', 'P1', 'E3', 'C',
 * 'G', 'R') or custom ('#,##0.00', '0.##', '000', '0%', '(###) ###-####', sections split by
 * `;`). Ties round away from zero, as .NET does.
 */
export function formatNumber(value: number, specifier: string): string {
  const standard = /^([A-Za-z])(\d{0,9})$/.exec(specifier);
  if (standard !== null) return formatStandard(value, standard[1], standard[2]);
  return formatCustomNumber(value, specifier);
}

function formatStandard(value: number, letter: string, precisionText: string): string {
  const precision = precisionText === '' ? undefined : Number(precisionText);
  if (!Number.isFinite(value)) return formatDouble(value);
  switch (letter.toUpperCase()) {
    case 'C': {
      const text = `¤${grouped(Math.abs(value), precision ?? 2)}`;
      return value < 0 ? `(${text})` : text;
    }
    case 'D':
      if (!Number.isInteger(value)) throw formatError('Format specifier was invalid.');
      return sign(value) + String(Math.abs(value)).padStart(precision ?? 0, '0');
    case 'E': {
      const [mantissa, exponent] = Math.abs(value)
        .toExponential(precision ?? 6)
        .split('e');
      const exponentText = `${exponent.startsWith('-') ? '-' : '+'}${exponent.replace(/^[+-]/, '').padStart(3, '0')}`;
      return `${sign(value)}${mantissa}${letter === 'E' ? 'E' : 'e'}${exponentText}`;
    }
    case 'F':
      return sign(value) + Math.abs(value).toFixed(precision ?? 2);
    case 'G':
      return general(value, precision, letter === 'G' ? 'E' : 'e');
    case 'N':
      return sign(value) + grouped(Math.abs(value), precision ?? 2);
    case 'P':
      return `${sign(value)}${grouped(Math.abs(value * 100), precision ?? 2)} %`;
    case 'R':
      return formatDouble(value);
    case 'X': {
      if (!Number.isInteger(value)) throw formatError('Format specifier was invalid.');
      const bits = value < 0 ? (value >>> 0).toString(16) : value.toString(16);
      const hex = bits.padStart(precision ?? 0, '0');
      return letter === 'X' ? hex.toUpperCase() : hex;
    }
  }
  return formatCustomNumber(value, `${letter}${precisionText}`);
}

/** '-' for a negative value, even one that rounds to zero ('-0.00'), as .NET Core and later print. */
function sign(value: number): string {
  return value < 0 ? '-' : '';
}

function grouped(value: number, digits: number): string {
  const [whole, fraction] = value.toFixed(digits).split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? withCommas : `${withCommas}.${fraction}`;
}

function general(value: number, precision: number | undefined, e: string): string {
  if (precision === undefined || precision === 0) return formatDouble(value).replace('E', e);
  const [mantissa, exponentText] = value.toExponential(precision - 1).split('e');
  const exponent = Number(exponentText);
  if (exponent >= precision || exponent < -5) {
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${trimmed}${e}${exponent < 0 ? '-' : '+'}${digits}`;
  }
  const fixed = value.toFixed(Math.max(0, precision - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** .NET custom numeric formats: `0` `#` `.` `,` `%` literals, quotes, `\`, and `;` sections. */
function formatCustomNumber(value: number, pattern: string): string {
  const sections = splitSections(pattern);
  let section = sections[0];
  let absolute = Math.abs(value);
  let negativeSection = false;
  if (value < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    negativeSection = true;
  }
  const tokens = tokenize(section);
  const percent = tokens.filter((token) => token.kind === 'literal' && token.text === '%').length;
  absolute *= 100 ** percent;
  const point = tokens.findIndex((token) => token.kind === 'point');
  const integerTokens = point === -1 ? tokens : tokens.slice(0, point);
  const fractionTokens = point === -1 ? [] : tokens.slice(point + 1);
  const fractionDigits = fractionTokens.filter((token) => token.kind === 'digit');
  const lastZero = fractionDigits.map((token) => token.text).lastIndexOf('0');
  const integerDigits = integerTokens.filter((token) => token.kind === 'digit');
  const firstZero = integerDigits.findIndex((token) => token.text === '0');
  const minimumInteger = firstZero === -1 ? 0 : integerDigits.length - firstZero;
  const grouping = integerTokens.some(
    (token, at) =>
      token.kind === 'comma' &&
      integerTokens.slice(0, at).some((before) => before.kind === 'digit') &&
      integerTokens.slice(at + 1).some((after) => after.kind === 'digit'),
  );
  let trailingCommas = 0;
  for (let at = integerTokens.length - 1; at >= 0 && integerTokens[at].kind === 'comma'; at--) {
    trailingCommas++;
  }
  absolute /= 1000 ** trailingCommas;
  const [wholeText, fractionText = ''] = absolute.toFixed(fractionDigits.length).split('.');
  if (value === 0 && sections.length > 2 && sections[2] !== '') {
    return formatCustomNumber(1, sections[2]).replace(/1/, '0');
  }
  let whole =
    wholeText === '0' && minimumInteger === 0 ? '' : wholeText.padStart(minimumInteger, '0');
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = fractionText.replace(/0+$/, '').padEnd(lastZero + 1, '0');
  const minus = value < 0 && !negativeSection ? '-' : '';
  return (
    minus +
    fillInteger(integerTokens, whole, grouping) +
    fillFraction(point !== -1, fractionTokens, fraction)
  );
}

interface NumberToken {
  kind: 'digit' | 'point' | 'comma' | 'literal';
  text: string;
}

function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '\\') {
      current += char + (pattern[++index] ?? '');
      continue;
    } else if (char === ';') {
      sections.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  sections.push(current);
  return sections;
}

function tokenize(section: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  let seenPoint = false;
  for (let index = 0; index < section.length; index++) {
    const char = section[index];
    if (char === "'" || char === '"') {
      const end = section.indexOf(char, index + 1);
      const stop = end === -1 ? section.length : end;
      tokens.push({ kind: 'literal', text: section.slice(index + 1, stop) });
      index = stop;
    } else if (char === '\\') {
      tokens.push({ kind: 'literal', text: section[++index] ?? '' });
    } else if (char === '0' || char === '#') {
      tokens.push({ kind: 'digit', text: char });
    } else if (char === '.' && !seenPoint) {
      seenPoint = true;
      tokens.push({ kind: 'point', text: '.' });
    } else if (char === ',' && !seenPoint) {
      tokens.push({ kind: 'comma', text: ',' });
    } else if (char !== '.' && char !== ',') {
      tokens.push({ kind: 'literal', text: char });
    }
  }
  return tokens;
}

/** Puts the integer digits into the placeholders from the right; extra digits go in the first. */
function fillInteger(tokens: NumberToken[], digits: string, grouping: boolean): string {
  const placeholders = tokens.filter((token) => token.kind === 'digit').length;
  if (placeholders === 0)
    return tokens.map((token) => (token.kind === 'literal' ? token.text : '')).join('');
  if (grouping) {
    const first = tokens.findIndex((token) => token.kind === 'digit');
    const last = tokens.findLastIndex((token) => token.kind === 'digit');
    const literal = (list: NumberToken[]) =>
      list.map((token) => (token.kind === 'literal' ? token.text : '')).join('');
    return literal(tokens.slice(0, first)) + digits + literal(tokens.slice(last + 1));
  }
  let remaining = digits;
  const out: string[] = [];
  let seen = 0;
  for (let at = tokens.length - 1; at >= 0; at--) {
    const token = tokens[at];
    if (token.kind === 'literal') {
      out.unshift(token.text);
    } else if (token.kind === 'digit') {
      seen++;
      if (seen === placeholders) {
        out.unshift(remaining);
        remaining = '';
      } else {
        out.unshift(remaining.slice(-1));
        remaining = remaining.slice(0, -1);
      }
    }
  }
  return out.join('');
}

function fillFraction(hasPoint: boolean, tokens: NumberToken[], digits: string): string {
  if (!hasPoint) return '';
  let remaining = digits;
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') out += token.text;
    else if (token.kind === 'digit') {
      out += remaining.slice(0, 1);
      remaining = remaining.slice(1);
    }
  }
  return digits === '' ? out : `.${out}`;
}

function formatError(reason: string): PowerShellError {
  return new PowerShellError('FormatError', `Error formatting a string: ${reason}`);
}
