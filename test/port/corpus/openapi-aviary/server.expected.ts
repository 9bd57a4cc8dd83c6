import {
  convertToOAParameter,
  getState,
  newOAContentMediaType,
  newOAIntProperty,
  newOAObjectProperty,
  newOASchemaProperty,
  newOAStringProperty,
  setState,
  startServer,
  testState,
  type ServerBuilder,
} from 'pode-ts';
import { add, eq, joinPath, newItem, testPath, toInt, toPsString } from 'pode-ts/powershell';

/** Get-PodeConfig: the settings of server.psd1, as the file held them when converted. */
const podeConfig: Record<string, any> = {
  Port: 8093,
  Aviary: { Name: 'Riverside Aviary', MaxUpload: 2097152 },
};

// An aviary's API with two OpenAPI definitions: v1 is served on the public endpoint, v2 on the
// staff endpoint only. The bird routes belong to both definitions (one Select-PodeOADefinition
// with two tags); the records live in a module (Birds.psm1) and the settings in server.psd1.
// param $Reset: set RESET to override
const reset = process.env.RESET === undefined ? false : process.env.RESET === 'true';
// Pode's module loader dropped: pode-ts is imported above
const aviaryPath = import.meta.dirname;
// from Birds.psm1
// The aviary's records, kept in shared state. Functions here call ones defined further down, and
// Add-Bird takes its fields either one by one or as a whole hashtable (two parameter sets).
async function initializeBirds(reset = false) {
  if (reset || !(await testState('birds'))) {
    await setState('birds', {} as Record<string, any>);
    await addBird(1, 'Kea', 90);
    await addBird(
      undefined,
      undefined,
      undefined,
      { id: 2, name: 'Kakapo', wingspan: 0 },
      'Record',
    );
  }
}
async function addBird(id = 0, name = '', wingspan = 0, bird?: any, parameterSetName = 'Fields') {
  let record: any;
  let birds: any;
  if (eq(parameterSetName, 'Fields')) {
    record = { id: id, name: name, wingspan: wingspan, source: 'fields' };
  } else if (eq(parameterSetName, 'Record')) {
    record = { id: bird.id, name: bird.name, wingspan: bird.wingspan, source: 'record' };
  }
  birds = await getState<any>('birds');
  birds[`${toPsString(record.id)}`] = record;
  await setState('birds', birds);
}
async function getBird(id = '') {
  let birds: any;
  birds = await getState<any>('birds');
  return birds[id];
}
// Export-ModuleMember -Function Initialize-Birds: the module's functions are part of this file
// Export-ModuleMember -Function Add-Bird: the module's functions are part of this file
// Export-ModuleMember -Function Get-Bird: the module's functions are part of this file
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({
    address: 'localhost',
    port: toInt(podeConfig.Port),
    protocol: 'http',
    name: 'public',
  });
  s.addEndpoint({
    address: 'localhost',
    port: toInt(add(podeConfig.Port, 1)),
    protocol: 'http',
    name: 'staff',
  });
  const photos = joinPath(aviaryPath, 'photos');
  if (!testPath(photos, { pathType: 'Container' })) {
    newItem(photos, { itemType: 'Directory', force: true });
  }
  await initializeBirds(reset);
  s.enableOpenApi({
    path: '/docs/openapi',
    disableMinimalDefinitions: true,
    definitionTag: 'v1',
    noDefaultResponses: true,
    endpointName: 'public',
  });
  s.enableOpenApi({
    path: '/docs/openapi',
    openApiVersion: '3.1.0',
    disableMinimalDefinitions: true,
    definitionTag: 'v2',
    noDefaultResponses: true,
    endpointName: 'staff',
  });
  s.addOAInfo({
    title: toPsString(podeConfig.Aviary.Name),
    version: '1.0.0',
    definitionTag: ['v1', 'v2'],
  });
  s.enableOAViewer({ bookmarks: true, path: '/docs', definitionTag: 'v1' });
  s.enableOAViewer({ bookmarks: true, path: '/docs', definitionTag: 'v2' });
  s.selectOADefinition(['v1', 'v2'], () => {
    s.addOAComponentSchema(
      'Bird',
      newOAObjectProperty({
        properties: [
          newOAIntProperty({ name: 'id', required: true, xmlAttribute: true }),
          newOAStringProperty({
            name: 'name',
            required: true,
            xmlNamespace: 'http://example.com/aviary',
            xmlPrefix: 'av',
          }),
          newOAIntProperty({ name: 'wingspan' }),
          newOAStringProperty({
            name: 'calls',
            array: true,
            xmlWrapped: true,
            xmlItemName: 'call',
          }),
        ],
        xmlName: 'bird',
      }),
    );
    s.addOAComponentSchema(
      'Flock',
      newOAObjectProperty({
        properties: [newOASchemaProperty('Bird', { name: 'birds', array: true, xmlWrapped: true })],
        xmlName: 'flock',
      }),
    );
    s.addRoute({ method: 'GET', path: '/birds/:id' }, async (e) => {
      let bird: any;
      bird = await getBird(e.parameters.id);
      if (bird == null) {
        e.writeJson({ message: 'No such bird' }, { statusCode: 404 });
        return;
      }
      e.writeJson(bird);
    });
    s.setOARouteInfo(
      { method: 'GET', path: '/birds/:id' },
      { summary: 'One bird', operationId: 'getBird' },
    );
    s.setOARequest(
      { method: 'GET', path: '/birds/:id' },
      {
        parameters: convertToOAParameter('path', newOAIntProperty({ name: 'id', required: true })),
      },
    );
    s.addOAResponse({ method: 'GET', path: '/birds/:id' }, 200, {
      description: 'The bird',
      content: newOAContentMediaType({
        contentType: ['application/json', 'application/xml'],
        content: 'Bird',
      }),
    });
    s.addOAResponse({ method: 'GET', path: '/birds/:id' }, 'default', {
      description: 'Something went wrong',
    });
  });
  s.selectOADefinition('v2', () => {
    s.addRoute({ method: 'GET', path: '/limits' }, async (e) => {
      e.writeJson({ maxUpload: podeConfig.Aviary.MaxUpload });
    });
    s.setOARouteInfo(
      { method: 'GET', path: '/limits' },
      { summary: 'Upload limits', operationId: 'getLimits' },
    );
  });
});
