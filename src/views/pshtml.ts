/**
 * The element function of PSHTML views (src/port/features/pshtml-views.ts rewrites each PSHTML
 * tag call into a call of it), written as PSHTML's `Set-HtmlTag` writes an element: the opening
 * tag with its attributes (the parameters in the order written, `-Attributes` entries after them;
 * a switch is the bare name), the content's items joined with spaces as PowerShell joins an
 * array added to a string, the closing tag; a void element is `<img src="a.png" />`. As in PSHTML
 * nothing is HTML-escaped. Attribute names are written in lower case (PSHTML writes its
 * parameter names as declared, `Class="x"`: HTML reads both alike).
 */
import { truthy } from '../powershell/casts.js';
import { toPsString } from '../powershell/values.js';

/** One HTML element of a PSHTML view. */
export function pshtmlElement(
  kind: 'Tag' | 'Void' | 'Doctype',
  tag: string,
  attributes: Record<string, unknown>,
  extra: unknown,
  content: unknown,
): string {
  if (kind === 'Doctype') return '<!DOCTYPE html>';
  let attr = '';
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    attr += value === true ? ` ${name}` : ` ${name}="${toPsString(value)}"`;
  };
  for (const [name, value] of Object.entries(attributes)) add(name, value);
  if (extra !== null && typeof extra === 'object' && !Array.isArray(extra)) {
    for (const [name, value] of Object.entries(extra as Record<string, unknown>)) {
      if (name.toLowerCase() === 'content') continue;
      add(name, value);
    }
  }
  if (kind === 'Void') return `<${tag}${attr} />`;
  const items: unknown[] = [];
  for (const item of Array.isArray(content) ? content : [content]) {
    if (item === undefined || item === null) continue;
    if (Array.isArray(item)) items.push(...item);
    else items.push(item);
  }
  // PSHTML adds the content only when it is true in PowerShell ('' and @() are not)
  const inner =
    items.length === 0 || !truthy(items.length === 1 ? items[0] : items)
      ? ''
      : items.map((item) => toPsString(item)).join(' ');
  return `<${tag}${attr}>${inner}</${tag}>`;
}
