import {
  newOAIntProperty,
  newOAObjectProperty,
  newOAStringProperty,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

// Two versions of one API, each with its own OpenAPI document: each version's routes are added
// inside Select-PodeOADefinition, so they are described in that version's document only (with
// -DisableMinimalDefinitions a document lists its own described routes, and no others).
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8086, protocol: 'http' });
  s.enableOpenApi({ path: '/docs/openapi', disableMinimalDefinitions: true });
  s.enableOpenApi({
    path: '/docs/v2/openapi',
    disableMinimalDefinitions: true,
    definitionTag: 'v2',
  });
  s.addOAInfo({ title: 'Pets', version: '1.0.0' });
  s.selectOADefinition('default', () => {
    s.addRoute({ method: 'GET', path: '/api/v1/pets' }, async (e) => {
      e.writeJson(toArray({ name: 'Rex' }));
    });
    s.setOARouteInfo(
      { method: 'GET', path: '/api/v1/pets' },
      { summary: 'The pets, as a list', operationId: 'listPetsV1' },
    );
  });
  s.addRoute({ method: 'GET', path: '/health' }, async (e) => {
    e.writeText('ok');
  });
  s.selectOADefinition('v2', () => {
    s.addOAInfo({ title: 'Pets', version: '2.0.0', description: 'The second version' });
    // chained properties: the object collects the ones piped into it
    s.addOAComponentSchema(
      'Pet',
      newOAObjectProperty({
        properties: [
          newOAIntProperty({ name: 'id', required: true }),
          newOAStringProperty({ name: 'name', required: true }),
        ],
      }),
    );
    s.addRoute({ method: 'GET', path: '/api/v2/pets' }, async (e) => {
      e.writeJson({ pets: toArray({ name: 'Rex', age: 3 }) });
    });
    s.setOARouteInfo(
      { method: 'GET', path: '/api/v2/pets' },
      { summary: 'All the pets', operationId: 'listPets' },
    );
    s.addRoute({ method: 'POST', path: '/api/v2/pets' }, async (e) => {
      e.writeJson({ name: (e.data as any).name }, { statusCode: 201 });
    });
    s.setOARouteInfo(
      { method: 'POST', path: '/api/v2/pets' },
      { summary: 'Add a pet', operationId: 'addPet' },
    );
  });
});
