import { startServer, type ServerBuilder } from 'pode-ts';
import {
  eq,
  forEachObject,
  format,
  isNullOrWhiteSpace,
  join,
  lt,
  multiply,
  replace,
  sortObject,
  split,
  toArray,
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
  // names compare the way PowerShell compares strings: without case, unless -c…
  s.addRoute({ method: 'GET', path: '/greet/:name' }, async (e) => {
    let name: any;
    name = e.parameters.name;
    const greeting = format('{0}, {1}!', 'Hello', name);
    e.writeJson({
      Admin: eq(name, 'ADMIN'),
      Exact: eq(name, 'admin', true),
      Before: lt(name, 'm'),
      Greeting: greeting,
      Padded: format('{0,4}|{1,-4}|', 'ab', 'cd'),
      Money: format('{0:N2}', 1234.567),
      Hex: format('{0:X4}', 255),
    });
  });
  // tags arrive as one comma-separated query value
  s.addRoute({ method: 'GET', path: '/tags' }, async (e) => {
    let raw: any;
    let tags: any;
    raw = e.query.t;
    tags = psOutput(
      sortObject(
        forEachObject(
          whereObject(split(raw, '\\s*,\\s*'), (item: any) => truthy(item)),
          (item: any) => item.toLowerCase(),
        ),
        { unique: true },
      ),
    );
    e.writeJson({
      Tags: toArray(tags),
      Joined: join(tags, ';'),
      Limited: split('a-b-c-d', '-', false, 2),
      Repeat: multiply('ab', 3),
    });
  });
  s.addRoute({ method: 'GET', path: '/slug' }, async (e) => {
    let title: any;
    title = e.query.title;
    const slug = replace(replace(title.trim(), '[^\\w\\s-]', ''), '\\s+', '-').toLowerCase();
    const dated = replace('2024-06-09', '(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})', '${d}/${m}/${y}');
    const card = `Title: ${title.trim()}
Slug: ${slug}`;
    e.writeJson({ Slug: slug, Dated: dated, Card: card });
  });
  // PowerShell truthiness: '0' and 'False' are true, an empty string false
  s.addRoute({ method: 'GET', path: '/truth' }, async (e) => {
    let value: any;
    let answer: any;
    value = e.query.v;
    answer = 'no';
    if (truthy(value)) {
      answer = 'yes';
    }
    e.writeJson({
      Answer: answer,
      ZeroString: truthy('0'),
      FalseString: truthy('False'),
      EmptyList: truthy([] as any[]),
      ListOfZero: truthy(toArray(0)),
      Blank: isNullOrWhiteSpace(value),
    });
  });
});
