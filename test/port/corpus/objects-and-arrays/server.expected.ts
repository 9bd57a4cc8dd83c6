import { startServer, type ServerBuilder } from 'pode-ts';
import { add, containsKey, count, measureObject, sortObject, toArray } from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/profile' }, async (e) => {
    let person: any;
    person = {
      Name: 'Beth Smith',
      'job-title': 'Surgeon',
      Skills: ['horses', 'surgery'],
      Address: { City: 'Seattle', Zip: '98101' },
      Empty: [] as any[],
      Single: toArray('only'),
      Nothing: null,
    };
    person.Skills = add(person.Skills, 'wine');
    person.Address.City = person.Address.City.toUpperCase();
    e.writeJson(person);
  });
  s.addRoute({ method: 'GET', path: '/matrix' }, async (e) => {
    let last: any;
    const grid = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const range = [1, 2, 3, 4];
    const reversed = [5, 4, 3, 2, 1];
    const slice = range.slice(1, 3);
    last = range.at(-1);
    e.writeJson({
      Grid: grid,
      Cell: grid[1][2],
      Range: range,
      Down: reversed,
      Slice: slice,
      Last: last,
      Length: range.length,
    });
  });
  s.addRoute({ method: 'GET', path: '/hashtable' }, async (e) => {
    let h: any;
    let keys: any;
    let merged: any;
    h = { b: 2, a: 1 };
    h.c = 3;
    h.d = 4;
    delete h['b'];
    keys = psOutput(sortObject(Object.keys(h)));
    merged = add(h, { e: 5 });
    e.writeJson({
      Keys: toArray(keys),
      HasA: containsKey(h, 'A'),
      Count: count(h),
      MergedCount: count(merged),
      Sum: measureObject(Object.values(h), { sum: true }).Sum,
    });
  });
});
