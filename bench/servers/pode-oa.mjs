/**
 * pode-ts with OpenAPI (bench/compare.mjs --scenario OA): `POST /` described with a JSON body
 * schema, answered with the pet it was sent. `startOpenApiServer(validate)` is shared by
 * pode-oa-plain.mjs (no validation) and pode-oa-validated.mjs (the body validated with ajv).
 */
import { pathToFileURL } from 'node:url';
import { ready } from './common.mjs';

const dist = process.env.BENCH_PODE_DIST
  ? pathToFileURL(`${process.env.BENCH_PODE_DIST}/`)
  : new URL('../../dist/', import.meta.url);
const pode = await import(new URL('index.js', dist).href);

export async function startOpenApiServer(validate) {
  const { newOAArrayProperty, newOAIntProperty, newOAObjectProperty, newOAStringProperty } = pode;
  const server = await pode.startServer(
    (s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      s.enableOpenApi({ title: 'bench' });
      s.addOAComponentSchema(
        'Pet',
        newOAObjectProperty({
          noAdditionalProperties: true,
          properties: [
            newOAStringProperty({ name: 'name', required: true, minLength: 1 }),
            newOAStringProperty({ name: 'status', required: true, enum: ['available', 'sold'] }),
            newOAArrayProperty(newOAStringProperty(), { name: 'tags' }),
            newOAIntProperty({ name: 'age', minimum: 0 }),
          ],
        }),
      );
      s.addRoute(
        {
          method: 'POST',
          path: '/',
          openapi: {
            validate,
            requestBody: { required: true, content: { 'application/json': 'Pet' } },
            responses: { 200: { description: 'The pet' } },
          },
        },
        (e) => e.writeJson(e.data),
      );
    },
    { logger: false, handleSignals: false },
  );
  ready(server.endpoints[0].port);
}
