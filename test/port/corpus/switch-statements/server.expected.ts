import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { toArray, toInt, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/animal/:name' }, async (e) => {
    // one-line clauses, as people write them
    let sound: any;
    // TODO(port): $sound = switch ($WebEvent.Parameters['name']) {
    //     'dog' { 'woof' }
    //     'cat' { 'meow' }
    //     'cow' { 'moo' }
    //     default { 'silence' }
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: switch statement');
    e.writeText(toPsString(sound));
  });
  s.addRoute({ method: 'GET', path: '/file-type' }, async (e) => {
    let file: any;
    let kind: any;
    file = e.query.name;
    // TODO(port): switch -Wildcard ($file) {
    //     '*.ps1' { $kind = 'script'; break }
    //     '*.md' { $kind = 'docs'; break }
    //     'readme*' { $kind = 'readme'; break }
    //     default { $kind = 'unknown' }
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: switch clause condition');
    e.writeJson({ File: file, Kind: kind });
  });
  s.addRoute({ method: 'GET', path: '/version' }, async (e) => {
    let version: any;
    let result: any;
    version = e.query.v;
    // TODO(port): $result = switch -Regex ($version) {
    //     '^(\d+)\.(\d+)\.(\d+)$' { "major $($Matches[1]), minor $($Matches[2]), patch $($Matches[3])" }
    //     '^(\d+)$' { "major $($Matches[1]) only" }
    //     default { 'not a version' }
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: switch statement');
    e.writeText(toPsString(result));
  });
  s.addRoute({ method: 'GET', path: '/grade/:score' }, async (e) => {
    let grade: any;
    const score = toInt(e.parameters.score);
    // TODO(port): $grade = switch ($score) {
    //     { $_ -ge 90 } { 'A'; break }
    //     { $_ -ge 75 } { 'B'; break }
    //     { $_ -ge 50 } { 'C'; break }
    //     default { 'F' }
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: switch statement');
    e.writeJson({ Score: score, Grade: grade });
  });
  s.addRoute({ method: 'GET', path: '/tags' }, async (e) => {
    // a switch over an array runs once per item
    let labels: any;
    // TODO(port): $labels = switch (@('bug', 'docs', 'bug', 'perf')) { 'bug' { 'B' }
    // 'docs' { 'D' }
    // default { '?' } }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: switch statement');
    e.writeJson({ Labels: toArray(labels) });
  });
});
