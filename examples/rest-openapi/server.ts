/**
 * A small pet store described with OpenAPI: the document at /openapi (JSON) and /openapi.yaml,
 * the Swagger UI viewer at /swagger, and every request validated against the description (an
 * invalid body, query or path parameter gets a 400 listing what failed).
 *
 * Run it: npm run build:examples && node .examples-dist/examples/rest-openapi/server.js
 * (PORT and HOST pick where it listens: default localhost:8080), then open /swagger.
 */
import { pathToFileURL } from 'node:url';
import {
  convertToOAParameter,
  newOAArrayProperty,
  newOABoolProperty,
  newOAContentMediaType,
  newOAExample,
  newOAIntProperty,
  newOAObjectProperty,
  newOAStringProperty,
  type RunningServer,
  type ServerOptions,
  startServer,
  testOAJsonSchemaCompliance,
} from 'pode-ts';

interface Pet {
  id: number;
  name: string;
  status: 'available' | 'pending' | 'sold';
  tags: string[];
  vaccinated: boolean;
}

/** Starts the pet store on `port` (0 picks a free one) and resolves to the running server. */
export function start(
  port = Number(process.env.PORT ?? 8080),
  address = process.env.HOST ?? 'localhost',
  options: ServerOptions = {},
  openApiVersion: '3.0' | '3.1' = '3.0',
): Promise<RunningServer> {
  const pets = new Map<number, Pet>([
    [1, { id: 1, name: 'Rex', status: 'available', tags: ['dog'], vaccinated: true }],
    [2, { id: 2, name: 'Tom', status: 'sold', tags: ['cat'], vaccinated: false }],
  ]);
  let nextId = 3;

  return startServer((s) => {
    s.addEndpoint({ address, port, protocol: 'http' });
    s.enableOpenApi({
      title: 'Pet store',
      version: '1.2.0',
      description: 'Pets for sale, described with OpenAPI.',
      openApiVersion,
      routeFilter: '/api/*',
      validate: true,
    });
    s.addOAInfo({
      licenseName: 'MIT',
      licenseUrl: 'https://opensource.org/licenses/MIT',
      contactName: 'Pet store team',
      contactEmail: 'pets@example.com',
    });
    s.addOAServerEndpoint({ url: '/', description: 'This server' });
    s.addOATag({ name: 'pets', description: 'Everything about your pets' });
    s.addOAExternalDoc({ url: 'https://example.com/docs', description: 'The pet store guide' });

    const status = newOAStringProperty({
      name: 'status',
      enum: ['available', 'pending', 'sold'],
      description: 'Where the pet is in the store',
    });
    s.addOAComponentSchema(
      'NewPet',
      newOAObjectProperty({
        noAdditionalProperties: true,
        properties: [
          newOAStringProperty({
            name: 'name',
            required: true,
            minLength: 1,
            maxLength: 50,
            example: 'Rex',
          }),
          { ...status, required: true },
          newOAArrayProperty(newOAStringProperty(), { name: 'tags', maxItems: 10 }),
          newOABoolProperty({ name: 'vaccinated', default: false }),
        ],
      }),
    );
    s.addOAComponentSchema(
      'Pet',
      newOAObjectProperty({
        properties: [
          newOAIntProperty({ name: 'id', required: true, format: 'int64', minimum: 1 }),
          newOAStringProperty({ name: 'name', required: true }),
          { ...status, required: true },
          newOAArrayProperty(newOAStringProperty(), { name: 'tags', required: true }),
          newOABoolProperty({ name: 'vaccinated', required: true }),
        ],
      }),
    );
    s.addOAComponentResponse('NotFound', {
      description: 'No pet has this id',
      content: newOAContentMediaType({
        contentType: 'application/json',
        content: newOAObjectProperty({ properties: [newOAStringProperty({ name: 'message' })] }),
      }),
    });
    s.addOAComponentRequestBody('NewPetBody', {
      description: 'The pet to add',
      required: true,
      content: newOAContentMediaType({
        contentType: 'application/json',
        content: 'NewPet',
        examples: {
          ...newOAExample({
            name: 'dog',
            summary: 'A dog',
            value: { name: 'Rex', status: 'available' },
          }),
          ...newOAExample({
            name: 'cat',
            summary: 'A cat',
            value: { name: 'Tom', status: 'pending' },
          }),
        },
      }),
    });

    const petId = convertToOAParameter(
      'path',
      newOAIntProperty({ name: 'petId', minimum: 1, description: 'The id of the pet' }),
    );

    s.addRouteGroup({ path: '/api', openapi: { tags: ['pets'] } }, (g) => {
      g.addRoute(
        {
          method: 'GET',
          path: '/pets',
          openapi: {
            summary: 'List the pets',
            operationId: 'listPets',
            parameters: [
              convertToOAParameter('query', status),
              convertToOAParameter(
                'query',
                newOAIntProperty({ name: 'limit', minimum: 1, maximum: 100 }),
              ),
            ],
            responses: {
              '200': {
                description: 'The pets',
                content: newOAContentMediaType({
                  contentType: 'application/json',
                  content: 'Pet',
                  array: true,
                }),
              },
            },
          },
        },
        (e) => {
          const limit = e.query.limit === undefined ? 100 : Number(e.query.limit);
          const list = [...pets.values()].filter(
            (pet) => e.query.status === undefined || pet.status === e.query.status,
          );
          e.writeJson(list.slice(0, limit));
        },
      );
      g.addRoute(
        {
          method: 'POST',
          path: '/pets',
          openapi: {
            summary: 'Add a pet',
            operationId: 'addPet',
            requestBody: { reference: 'NewPetBody' },
            responses: {
              '201': {
                description: 'The pet, added',
                content: newOAContentMediaType({ contentType: 'application/json', content: 'Pet' }),
              },
              '400': { description: 'The pet does not match NewPet' },
            },
          },
        },
        (e) => {
          const body = e.data as Omit<Pet, 'id'>;
          const pet: Pet = {
            id: nextId++,
            name: body.name,
            status: body.status,
            tags: body.tags ?? [],
            vaccinated: body.vaccinated ?? false,
          };
          pets.set(pet.id, pet);
          e.writeJson(pet, { statusCode: 201 });
        },
      );
      g.addRoute(
        {
          method: 'GET',
          path: '/pets/:petId',
          openapi: {
            summary: 'Find a pet by id',
            operationId: 'getPet',
            parameters: [petId],
            responses: {
              '200': {
                description: 'The pet',
                content: newOAContentMediaType({ contentType: 'application/json', content: 'Pet' }),
              },
              '404': { reference: 'NotFound' },
            },
          },
        },
        (e) => {
          const pet = pets.get(Number(e.parameters.petId));
          if (pet === undefined) e.writeJson({ message: 'No such pet' }, { statusCode: 404 });
          else e.writeJson(pet);
        },
      );
      g.addRoute(
        {
          method: 'DELETE',
          path: '/pets/:petId',
          openapi: {
            summary: 'Remove a pet',
            operationId: 'deletePet',
            parameters: [petId],
            responses: { '204': { description: 'Removed' }, '404': { reference: 'NotFound' } },
          },
        },
        (e) => {
          if (!pets.delete(Number(e.parameters.petId))) {
            e.writeJson({ message: 'No such pet' }, { statusCode: 404 });
          } else e.setStatus(204);
        },
      );
    });
    // Checked by hand instead of by the route's description (Pode's Test-PodeOAJsonSchemaCompliance).
    s.addRoute({ method: 'POST', path: '/api/check/pet' }, (e) => {
      e.writeJson(testOAJsonSchemaCompliance(e.data, 'NewPet'));
    });
    s.setOARouteInfo(
      { method: 'POST', path: '/api/check/pet' },
      { summary: 'Check a pet without adding it', operationId: 'checkPet', tags: ['pets'] },
    );
    s.setOARequest(
      { method: 'POST', path: '/api/check/pet' },
      {
        requestBody: {
          required: true,
          content: newOAContentMediaType({
            contentType: 'application/json',
            content: newOAObjectProperty(),
          }),
        },
      },
    );
    s.addOAResponse({ method: 'POST', path: '/api/check/pet' }, 200, {
      description: 'Whether the pet complies with NewPet',
      content: newOAContentMediaType({
        contentType: 'application/json',
        content: newOAObjectProperty({
          properties: [
            newOABoolProperty({ name: 'result', required: true }),
            newOAStringProperty({ name: 'message' }),
          ],
        }),
      }),
    });
    s.enableOAViewer({ type: 'swagger', path: '/swagger' });
  }, options);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await start();
  console.log(`rest-openapi: ${server.url} (viewer at ${server.url}/swagger)`);
}
