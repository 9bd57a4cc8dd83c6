import { startServer, type ServerBuilder } from 'pode-ts';
import {
  type MatchTable,
  contains,
  containsKey,
  eq,
  gt,
  itemsAt,
  like,
  lt,
  match,
  matchOne,
  notMatch,
  selectObject,
  toInt,
  whereObject,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

let matches: MatchTable | null = null;

// comparison operators used on arrays filter them, as a stock report does
await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    s.addRoute({ method: 'GET', path: '/stock' }, async (e) => {
      let first: any;
      let none: any;
      const levels = [3, 0, 12, 7, 0, 25];
      const low = lt(levels, 5);
      const empty = eq(levels, 0);
      first = psOutput(
        selectObject(
          whereObject(levels, (item: any) => gt(item, 10)),
          { first: 1 },
        ),
      );
      none = psOutput(
        selectObject(
          whereObject(levels, (item: any) => gt(item, 100)),
          { first: 1 },
        ),
      );
      e.writeJson({
        Low: low,
        EmptyCount: empty.length,
        FirstBig: first,
        NoneIsNull: none == null,
        HasZero: contains(levels, 0),
        Middle: levels.slice(1, 4),
        Last: levels.at(-1),
      });
    });
    s.addRoute({ method: 'GET', path: '/fruit' }, async (e) => {
      const names = ['Apple', 'banana', 'CHERRY', 'date'];
      const startsB = like(names, 'B*');
      const notA = notMatch(names, '^a');
      const upper = match(names, '^[A-Z]+$', true);
      e.writeJson({ StartsB: startsB, NotA: notA, Upper: upper, Pair: itemsAt(names, [0, -1]) });
    });
    s.addRoute({ method: 'GET', path: '/lookup/:colour' }, async (e) => {
      let codes: any;
      let colour: any;
      codes = { Red: '#f00', Green: '#0f0' };
      colour = e.parameters.colour;
      if (containsKey(codes, colour)) {
        e.writeJson({ Known: true, Method: e.method.toLowerCase() });
      } else {
        e.writeJson({ Known: false, Method: e.method.toLowerCase() }, { statusCode: 404 });
      }
    });
    s.addRoute({ method: 'GET', path: '/version/:text' }, async (e) => {
      let text: any;
      text = e.parameters.text;
      if ((matches = matchOne(text, '^v(?<major>\\d+)\\.(?<minor>\\d+)$')) === null) {
        e.writeText('not a version', { statusCode: 400 });
        return;
      }
      const major = toInt(matches.major);
      const minor = toInt(matches.minor);
      e.writeJson({ Major: major, Minor: minor, Next: `v${major + 1}.0` });
    });
  },
  { threads: 2 },
);
