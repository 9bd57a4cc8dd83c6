import { startServer, type ServerBuilder } from 'pode-ts';
import {
  type MatchTable,
  eq,
  ge,
  like,
  match,
  toArray,
  toInt,
  toPsString,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

let matches: MatchTable | null = null;

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/animal/:name' }, async (e) => {
    // one-line clauses, as people write them
    let sound: any;
    if (eq(e.parameters.name, 'dog')) {
      sound = 'woof';
    } else if (eq(e.parameters.name, 'cat')) {
      sound = 'meow';
    } else if (eq(e.parameters.name, 'cow')) {
      sound = 'moo';
    } else {
      sound = 'silence';
    }
    e.writeText(toPsString(sound));
  });
  s.addRoute({ method: 'GET', path: '/file-type' }, async (e) => {
    let file: any;
    let kind: any;
    file = e.query.name;
    if (like(file, '*.ps1')) {
      kind = 'script';
    } else if (like(file, '*.md')) {
      kind = 'docs';
    } else if (like(file, 'readme*')) {
      kind = 'readme';
    } else {
      kind = 'unknown';
    }
    e.writeJson({ File: file, Kind: kind });
  });
  s.addRoute({ method: 'GET', path: '/version' }, async (e) => {
    let version: any;
    let result: any;
    version = e.query.v;
    const resultItems: unknown[] = [];
    {
      let matched = false;
      if ((matches = match(version as string, '^(\\d+)\\.(\\d+)\\.(\\d+)$')) !== null) {
        matched = true;
        resultItems.push(
          `major ${toPsString(matches[1])}, minor ${toPsString(matches[2])}, patch ${toPsString(matches[3])}`,
        );
      }
      if ((matches = match(version as string, '^(\\d+)$')) !== null) {
        matched = true;
        resultItems.push(`major ${toPsString(matches[1])} only`);
      }
      if (!matched) {
        resultItems.push('not a version');
      }
    }
    result = psOutput(resultItems);
    e.writeText(toPsString(result));
  });
  s.addRoute({ method: 'GET', path: '/grade/:score' }, async (e) => {
    let grade: any;
    const score = toInt(e.parameters.score);
    if (ge(score, 90)) {
      grade = 'A';
    } else if (ge(score, 75)) {
      grade = 'B';
    } else if (ge(score, 50)) {
      grade = 'C';
    } else {
      grade = 'F';
    }
    e.writeJson({ Score: score, Grade: grade });
  });
  s.addRoute({ method: 'GET', path: '/tags' }, async (e) => {
    // a switch over an array runs once per item
    let labels: any;
    const labelsItems: unknown[] = [];
    for (const item of ['bug', 'docs', 'bug', 'perf']) {
      if (eq(item, 'bug')) {
        labelsItems.push('B');
      } else if (eq(item, 'docs')) {
        labelsItems.push('D');
      } else {
        labelsItems.push('?');
      }
    }
    labels = psOutput(labelsItems);
    e.writeJson({ Labels: toArray(labels) });
  });
});
