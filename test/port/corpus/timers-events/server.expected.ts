import {
  getState,
  lockObject,
  setState,
  startServer,
  testTimer,
  threadId,
  type ServerBuilder,
} from 'pode-ts';
import { add, startSleep } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  await setState('seen', { Count: 0 });
  await setState('beats', 0);
  await setState('imported', 0);
  // what the timer knows about itself, from its event
  s.addTimer('observer', { interval: 1, limit: 2 }, async (timerEvent) => {
    timerEvent.metadata.Note = 'mine';
    await lockObject(async () => {
      await setState('seen', {
        Count: timerEvent.count,
        Interval: timerEvent.sender.interval,
        Limit: timerEvent.sender.limit,
        HasNext: timerEvent.sender.nextTriggerTime != null,
        Note: timerEvent.metadata.Note,
      });
    });
  });
  // the timer's logic lives in a file of its own
  s.addTimer('heartbeat', { interval: 1 }, async () => {
    await lockObject(async () => {
      await setState('beats', add(await getState<any>('beats'), 1));
    });
  });
  s.addRoute({ method: 'GET', path: '/api/seen' }, async (e) => {
    await startSleep({ seconds: 3 });
    e.writeJson(await getState<any>('seen'));
  });
  s.addRoute({ method: 'GET', path: '/api/beats' }, async (e) => {
    e.writeJson({ Beats: await getState<any>('beats'), Imported: await getState<any>('imported') });
  });
  s.addRoute({ method: 'GET', path: '/api/timers' }, async (e) => {
    e.writeJson({
      Observer: testTimer('observer'),
      Heartbeat: testTimer('heartbeat'),
      Imported: testTimer('from-folder'),
    });
  });
  // which request thread answers
  s.addRoute({ method: 'GET', path: '/api/thread' }, async (e) => {
    e.writeJson({ Thread: threadId() });
  });
  // every script in ./timers
  // Use-PodeTimers: timers/*.ps1
  // loaded by Use-PodeTimers
  s.addTimer('from-folder', { interval: 1 }, async () => {
    await lockObject(async () => {
      await setState('imported', add(await getState<any>('imported'), 1));
    });
  });
});
