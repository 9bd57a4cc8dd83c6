import { startServer, type ServerBuilder } from 'pode-ts';
import {
  convertFromJson,
  count,
  getContent,
  joinPath,
  matchOne,
  testPath,
  toArray,
  toPsString,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // files kept beside the server script
  const dataPath = joinPath(import.meta.dirname, 'data');
  s.addRoute({ method: 'GET', path: '/motd' }, async (e) => {
    let lines: any;
    const path = joinPath(dataPath, 'motd.txt');
    lines = getContent(path);
    e.writeJson({ Lines: toArray(lines), First: lines[0], Count: count(lines) });
  });
  s.addRoute({ method: 'GET', path: '/config' }, async (e) => {
    let config: any;
    config = psOutput(
      convertFromJson(getContent(joinPath(dataPath, 'config.json'), { raw: true })),
    );
    e.writeJson({ Site: config.siteName, Features: count(config.features), Max: config.maxItems });
  });
  s.addRoute({ method: 'GET', path: '/files/:name' }, async (e) => {
    let name: any;
    name = e.parameters.name;
    if (matchOne(name, '[\\\\/]') !== null || name.startsWith('.')) {
      e.setStatus(400);
      return;
    }
    const path = joinPath(dataPath, name);
    if (!testPath(path, { pathType: 'Leaf' })) {
      e.writeJson({ Error: `No file named ${toPsString(name)}` }, { statusCode: 404 });
      return;
    }
    e.writeText(toPsString(getContent(path, { raw: true })));
  });
  s.addRoute({ method: 'GET', path: '/exists' }, async (e) => {
    e.writeJson({
      Data: testPath(dataPath, { pathType: 'Container' }),
      Motd: testPath(joinPath(dataPath, 'motd.txt')),
      Nope: testPath('./nope.txt'),
    });
  });
});
