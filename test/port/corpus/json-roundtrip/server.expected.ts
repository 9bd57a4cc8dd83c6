import { startServer, type ServerBuilder } from 'pode-ts';
import { addMember, convertFromJson, convertToJson, count, sortObject } from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // the body arrives as text; parse it ourselves
  s.addRoute({ method: 'POST', path: '/settings', contentType: 'text/plain' }, async (e) => {
    let raw: any;
    let settings: any;
    raw = e.data;
    try {
      settings = psOutput(convertFromJson(raw));
    } catch (error) {
      e.writeJson({ Error: 'invalid JSON' }, { statusCode: 400 });
      return;
    }
    addMember(settings, 'Saved', true);
    e.writeJson(settings);
  });
  // ConvertTo-Json in the route, written as text
  s.addRoute({ method: 'GET', path: '/compact' }, async (e) => {
    let data: any;
    data = { name: 'pode', tags: ['web', 'ps'], nested: { on: true } };
    const json = convertToJson(data, { depth: 5, compress: true });
    e.writeText(json, { contentType: 'application/json' });
  });
  s.addRoute({ method: 'POST', path: '/keys' }, async (e) => {
    let hash: any;
    hash = psOutput(convertFromJson(convertToJson(e.data), { asHashtable: true }));
    const keys = sortObject(Object.keys(hash));
    e.writeJson({ Keys: keys, Count: count(hash) });
  });
});
