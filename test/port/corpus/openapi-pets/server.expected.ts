import {
  convertToOAParameter,
  newOAIntProperty,
  newOAObjectProperty,
  newOARequestBody,
  newOAStringProperty,
  startServer,
  testOAJsonSchemaCompliance,
  type ServerBuilder,
} from 'pode-ts';
import { convertToJson, toArray, truthy } from 'pode-ts/powershell';

// A pet shop API described with OpenAPI: the document, a Swagger viewer, and a body checked
// against a component schema before the pet is stored.
await startServer(async (s: ServerBuilder) => {
  let pets: any;
  s.addEndpoint({ address: 'localhost', port: 8085, protocol: 'http' });
  s.enableOpenApi({ path: '/docs/openapi', disableMinimalDefinitions: true });
  s.addOAInfo({
    title: 'Pet Shop',
    version: '2.0.1',
    description: 'Pets, described.',
    licenseName: 'MIT',
  });
  s.addOAServerEndpoint({ url: '/', description: 'This shop' });
  s.addOATag({ name: 'pets', description: 'Pets in the shop' });
  s.enableOAViewer({ type: 'swagger', path: '/docs/swagger' });
  s.addOAComponentSchema(
    'NewPet',
    newOAObjectProperty({
      properties: [
        newOAStringProperty({ name: 'name', required: true, minLength: 1 }),
        newOAStringProperty({
          name: 'status',
          required: true,
          enum: ['available', 'pending', 'sold'],
        }),
        newOAIntProperty({ name: 'age', minimum: 0 }),
      ],
      noAdditionalProperties: true,
    }),
  );
  s.addOAComponentSchema(
    'Pet',
    newOAObjectProperty({
      properties: [
        newOAIntProperty({ name: 'id', required: true }),
        newOAStringProperty({ name: 'name', required: true }),
        newOAStringProperty({ name: 'status', required: true }),
      ],
    }),
  );
  pets = { '1': { id: 1, name: 'Rex', status: 'available' } };
  s.addRoute({ method: 'GET', path: '/api/pets/:petId' }, async (e) => {
    let pet: any;
    pet = pets[e.parameters.petId];
    if (pet == null) {
      e.writeJson({ message: 'No such pet' }, { statusCode: 404 });
      return;
    }
    e.writeJson(pet);
  });
  s.setOARouteInfo(
    { method: 'GET', path: '/api/pets/:petId' },
    { summary: 'Find a pet', operationId: 'getPet', tags: 'pets' },
  );
  s.setOARequest(
    { method: 'GET', path: '/api/pets/:petId' },
    {
      parameters: toArray(
        convertToOAParameter('path', newOAIntProperty({ name: 'petId', required: true })),
      ),
    },
  );
  s.addOAResponse({ method: 'GET', path: '/api/pets/:petId' }, 200, {
    description: 'The pet',
    content: { 'application/json': 'Pet' },
  });
  s.addOAResponse({ method: 'GET', path: '/api/pets/:petId' }, 404, {
    description: 'No pet has this id',
  });
  s.addRoute({ method: 'POST', path: '/api/pets' }, async (e) => {
    let check: any;
    check = testOAJsonSchemaCompliance(convertToJson(e.data, { compress: true }), 'NewPet');
    if (!truthy(check.result)) {
      e.writeJson({ message: 'Invalid pet' }, { statusCode: 400 });
      return;
    }
    e.writeJson(
      { id: 2, name: (e.data as any).name, status: (e.data as any).status },
      { statusCode: 201 },
    );
  });
  s.setOARouteInfo(
    { method: 'POST', path: '/api/pets' },
    { summary: 'Add a pet', operationId: 'addPet', tags: 'pets' },
  );
  s.setOARequest(
    { method: 'POST', path: '/api/pets' },
    {
      requestBody: newOARequestBody({ content: { 'application/json': 'NewPet' }, required: true }),
    },
  );
  s.addOAResponse({ method: 'POST', path: '/api/pets' }, 201, {
    description: 'Added',
    content: { 'application/json': 'Pet' },
  });
  s.addOAResponse({ method: 'POST', path: '/api/pets' }, 400, { description: 'Not a valid pet' });
  s.addRoute({ method: 'GET', path: '/health' }, async (e) => {
    e.writeText('ok');
  });
});
