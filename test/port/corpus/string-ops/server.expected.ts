import { startServer, type ServerBuilder } from 'pode-ts';
import {
  forEachObject,
  format,
  join,
  replace,
  split,
  toArray,
  toPsString,
  truthy,
  whereObject,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/format' }, async (e) => {
    const name = 'Widget';
    const price = 1234.5;
    const qty = 3;
    const line = format('{0} x{1} at {2:N2} = {3:N2}', name, qty, price, price * qty);
    const padded = format('[{0,-8}]', name);
    e.writeJson({ Line: line, Padded: padded, Braces: format('{{literal}} {0}', 'ok') });
  });
  s.addRoute({ method: 'GET', path: '/words' }, async (e) => {
    let sentence: any;
    let trimmed: any;
    sentence = e.query.s;
    const words = split(sentence, ',');
    trimmed = psOutput(
      whereObject(
        forEachObject(words, (item: any) => item.trim()),
        (item: any) => truthy(item),
      ),
    );
    e.writeJson({
      Count: toArray(trimmed).length,
      Joined: join(trimmed, '|'),
      Upper: join(
        forEachObject(trimmed, (item: any) => item.toUpperCase()),
        ' ',
      ),
      Initials: join(forEachObject(trimmed, (item: any) => item.slice(0, 0 + 1))),
    });
  });
  s.addRoute({ method: 'GET', path: '/replace' }, async (e) => {
    const text = 'The year 2023 and the year 2024';
    e.writeJson({
      Regex: replace(text, '(\\d{4})', '<$1>'),
      Plain: text.replaceAll('year', 'YEAR'),
      Insensitive: replace('Hello HELLO hello', 'hello', 'bye'),
      Sensitive: replace('Hello HELLO hello', 'hello', 'bye', true),
    });
  });
  s.addRoute({ method: 'GET', path: '/letter/:name' }, async (e) => {
    let name: any;
    name = e.parameters.name;
    const count = name.length;
    const letter = `Dear ${toPsString(name)},

Your name has ${count} letters and starts with '${toPsString(name[0])}'.
Regards, ${format('{0}', 'Pode')}`;
    e.writeText(letter);
  });
  s.addRoute({ method: 'GET', path: '/literal' }, async (e) => {
    const value = 'not expanded';
    e.writeText('Single $value stays as typed.' + ` Double: ${value}`);
  });
});
