import {
  convertToOAParameter,
  getState,
  lockObject,
  newLogTerminalMethod,
  newOAExternalDoc,
  newOAIntProperty,
  newOAObjectProperty,
  newOARequestBody,
  newOAStringProperty,
  setState,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import {
  convertToJson,
  count,
  invokeRestMethod,
  toArray,
  toPsString,
  writePodeHost,
} from 'pode-ts/powershell';

// A notification service: clients register callback URLs, the API documents the callback it
// sends as an OpenAPI 3.1 webhook. Uses the editor-free viewers, bookmarks, component parameters
// and Invoke-RestMethod to call the subscribers.
await startServer(async (s: ServerBuilder) => {
  let docs: any;
  s.addEndpoint({ address: 'localhost', port: 8090, protocol: 'http' });
  s.enableLogErrorType(newLogTerminalMethod());
  await setState('hooks', {} as Record<string, any>);
  s.enableOpenApi({
    path: '/docs/openapi',
    openApiVersion: '3.1.0',
    disableMinimalDefinitions: true,
    noDefaultResponses: true,
  });
  s.addOAInfo({ title: 'Notifier', version: '0.3.0', description: 'Callbacks on events' });
  docs = newOAExternalDoc({ url: 'https://example.com/handbook', description: 'The handbook' });
  s.addOAExternalDoc({ externalDoc: docs });
  s.enableOAViewer({ type: 'swagger', path: '/docs/swagger' });
  s.enableOAViewer({ type: 'redoc', path: '/docs/redoc' });
  s.enableOAViewer({ bookmarks: true, path: '/docs' });
  s.addOAComponentSchema(
    'Event',
    newOAObjectProperty({
      properties: [
        newOAStringProperty({ name: 'event', required: true }),
        newOAIntProperty({ name: 'sequence', required: true }),
      ],
      noAdditionalProperties: true,
    }),
  );
  s.addOAComponentParameter(
    'HookName',
    convertToOAParameter('path', newOAStringProperty({ name: 'name', required: true })),
  );
  s.addRoute({ method: 'PUT', path: '/hooks/:name' }, async (e) => {
    let name: any;
    name = e.parameters.name;
    await lockObject(async () => {
      {
        const stateHooks = await getState<any>('hooks');
        stateHooks[name] = (e.data as any).url;
        await setState('hooks', stateHooks);
      }
    });
    writePodeHost(`registered ${toPsString(name)}`, { noNewLine: true });
    e.writeJson({ name: name, url: (e.data as any).url }, { statusCode: 201 });
  });
  s.setOARouteInfo(
    { method: 'PUT', path: '/hooks/:name' },
    { summary: 'Register a callback', operationId: 'register' },
  );
  s.setOARequest(
    { method: 'PUT', path: '/hooks/:name' },
    {
      parameters: convertToOAParameter({ reference: 'HookName' }),
      requestBody: newOARequestBody({
        content: {
          'application/json': newOAStringProperty({ name: 'url', required: true, object: true }),
        },
        required: true,
      }),
    },
  );
  s.addOAResponse({ method: 'PUT', path: '/hooks/:name' }, 201);
  s.addOAResponse({ method: 'PUT', path: '/hooks/:name' }, 400);
  s.addRoute({ method: 'GET', path: '/hooks' }, async (e) => {
    e.writeJson({ count: count(await getState<any>('hooks')) });
  });
  s.setOARouteInfo(
    { method: 'GET', path: '/hooks' },
    { summary: 'How many callbacks are registered', operationId: 'countHooks' },
  );
  s.addRoute({ method: 'POST', path: '/fire' }, async (e) => {
    let sent: any;
    let answer: any;
    sent = 0;
    for (const url of toArray(
      (await getState<any>('hooks')).Values ?? Object.values(await getState<any>('hooks')),
    )) {
      try {
        answer = await invokeRestMethod(url, {
          method: 'Post',
          body: convertToJson({ event: 'fired', sequence: 1 }),
          contentType: 'application/json',
        });
        sent = (sent ?? 0) + 1;
      } catch (error) {
        writePodeHost(`failed: ${toPsString(url)}`);
      }
    }
    writePodeHost({ sent: sent }, { explode: true });
    e.writeJson({ sent: sent });
  });
  s.addOAWebhook('eventFired', { method: 'POST' });
  s.setOARouteInfo(
    { method: 'POST', webhook: 'eventFired' },
    { summary: 'Sent to each callback when an event fires', operationId: 'eventFired' },
  );
  s.setOARequest(
    { method: 'POST', webhook: 'eventFired' },
    { requestBody: newOARequestBody({ content: { 'application/json': 'Event' }, required: true }) },
  );
  s.addOAResponse({ method: 'POST', webhook: 'eventFired' }, 200, {
    description: 'The callback took the event',
  });
});
