import {
  addTimer,
  getState,
  invokeTimer,
  lockObject,
  removeTimer,
  setState,
  startServer,
  testTimer,
  type ServerBuilder,
} from 'pode-ts';
import { add, startSleep, toInt, toPsString, writeHost } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  await setState('ticks', 0);
  await setState('pings', 0);
  // counts every second
  s.addTimer('counter', { interval: 1 }, async () => {
    await lockObject(async () => {
      await setState('ticks', add(await getState<any>('ticks'), 1));
    });
  });
  // only ever run by hand: the first run is an hour away
  s.addTimer(
    'manual',
    { interval: 3600 },
    async (_event, amount) => {
      await lockObject(async () => {
        await setState('pings', add(await getState<any>('pings'), amount));
      });
    },
    [5],
  );
  // create a timer on demand: /api/timer?name=ping&seconds=5
  s.addRoute({ method: 'GET', path: '/api/timer' }, async (e) => {
    let name: any;
    name = e.query.name;
    const seconds = toInt(e.query.seconds);
    addTimer(name, { interval: seconds }, async () => {
      // logic
      writeHost('tick');
    });
    e.writeJson({ Created: name, Exists: testTimer(toPsString(name)) });
  });
  s.addRoute({ method: 'DELETE', path: '/api/timer/:name' }, async (e) => {
    removeTimer(toPsString(e.parameters.name));
    e.writeJson({ Exists: testTimer(toPsString(e.parameters.name)) });
  });
  // wait a little, then say how often the counter ran
  s.addRoute({ method: 'GET', path: '/api/ticks' }, async (e) => {
    await startSleep({ seconds: 3 });
    e.writeJson({ Ticks: await getState<any>('ticks') });
  });
  s.addRoute({ method: 'POST', path: '/api/ping' }, async (e) => {
    await invokeTimer('manual');
    e.writeJson({ Pings: await getState<any>('pings') });
  });
  s.addRoute({ method: 'GET', path: '/api/ping' }, async (e) => {
    e.writeText('pong');
  });
});
