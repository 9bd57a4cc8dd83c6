import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  const people = [{ Name: 'Rick', Age: 70 }, { Name: 'Morty', Age: 14 }];
  s.addRoute({ method: 'GET', path: '/people.json' }, async (e) => {
    e.writeJson(people);
  });
  s.addRoute({ method: 'GET', path: '/people.csv' }, async (e) => {
    // TODO(port): Write-PodeCsvResponse -Value $using:people
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Write-PodeCsvResponse (serialise, then e.writeText)');
  });
  s.addRoute({ method: 'GET', path: '/people.xml' }, async (e) => {
    // TODO(port): $using:people | Write-PodeXmlResponse
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Write-PodeXmlResponse (serialise, then e.writeText)');
  });
});
