import { startServer, type ServerBuilder } from 'pode-ts';
import { toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  const people = [
    { Name: 'Rick', Age: 70 },
    { Name: 'Morty', Age: 14 },
  ];
  s.addRoute({ method: 'GET', path: '/people.json' }, async (e) => {
    e.writeJson(people, { depth: 3, noCompress: true });
  });
  s.addRoute({ method: 'GET', path: '/people.csv' }, async (e) => {
    e.writeCsv(people);
  });
  s.addRoute({ method: 'GET', path: '/people.xml' }, async (e) => {
    e.writeXml(people);
  });
  s.addRoute({ method: 'GET', path: '/people.yaml' }, async (e) => {
    e.writeYaml({ People: people });
  });
  s.addRoute({ method: 'GET', path: '/readme' }, async (e) => {
    e.writeMarkdown('# People\n\nRick and *Morty*', { asHtml: true });
  });
  // an XML body is parsed: <user><username>rick</username></user>
  s.addRoute({ method: 'POST', path: '/users' }, async (e) => {
    let name: any;
    name = (e.data as any).user.username;
    e.writeJson({ Created: name }, { statusCode: 201 });
  });
  // the root element itself: <username>morty</username>
  s.addRoute({ method: 'POST', path: '/names' }, async (e) => {
    e.writeText(`hello ${toPsString((e.data as any).username)}`);
  });
});
