import { startServer, type ServerBuilder } from 'pode-ts';
import { forEachObject, format, join, multiply, replace, split, toArray, toPsString, truthy, whereObject } from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/format' }, async (e) => {
    let name: any;
    let price: any;
    let qty: any;
    let line: any;
    let padded: any;
    name = 'Widget';
    price = 1234.5;
    qty = 3;
    line = format('{0} x{1} at {2:N2} = {3:N2}', name, qty, price, (multiply(price, qty)));
    padded = format('[{0,-8}]', name);
    e.writeJson({ Line: line, Padded: padded, Braces: format('{{literal}} {0}', 'ok') });
  });
  s.addRoute({ method: 'GET', path: '/words' }, async (e) => {
    let sentence: any;
    let words: any;
    let trimmed: any;
    sentence = e.query.s;
    words = split(sentence, ',');
    trimmed = psOutput(whereObject(forEachObject(words, (item: any) => item.trim()), (item: any) => truthy(item)));
    e.writeJson({ Count: toArray(trimmed).length, Joined: join(trimmed, '|'), Upper: join(forEachObject(trimmed, (item: any) => item.toUpperCase()), ' '), Initials: join(forEachObject(trimmed, (item: any) => item.slice(0, 0 + 1))) });
  });
  s.addRoute({ method: 'GET', path: '/replace' }, async (e) => {
    let text: any;
    text = 'The year 2023 and the year 2024';
    e.writeJson({ Regex: replace(text, '(\\d{4})', '<$1>'), Plain: text.replaceAll('year', 'YEAR'), Insensitive: replace('Hello HELLO hello', 'hello', 'bye'), Sensitive: replace('Hello HELLO hello', 'hello', 'bye', true) });
  });
  s.addRoute({ method: 'GET', path: '/letter/:name' }, async (e) => {
    let name: any;
    let count: any;
    let letter: any;
    name = e.parameters.name;
    count = name.length;
    letter = `Dear ${toPsString(name)},

Your name has ${toPsString(count)} letters and starts with '${toPsString((name[0]))}'.
Regards, ${format('{0}', 'Pode')}`;
    e.writeText(toPsString(letter));
  });
  s.addRoute({ method: 'GET', path: '/literal' }, async (e) => {
    let value: any;
    value = 'not expanded';
    e.writeText(('Single $value stays as typed.' + (` Double: ${toPsString(value)}`)));
  });
});
