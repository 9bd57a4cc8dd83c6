import {
  getState,
  invokeTask,
  lockObject,
  setState,
  startServer,
  type ServerBuilder,
  waitTask,
} from 'pode-ts';
import { dateDifference, ge, startSleep, writeHost } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  await setState('attempts', 0);
  // fails twice, then works: tried again by itself
  s.addTask(
    'flaky',
    async (taskEvent) => {
      await lockObject(async () => {
        await setState('attempts', taskEvent.count + 1);
      });
      if (taskEvent.count < 2) {
        throw new Error(`not yet (attempt ${taskEvent.count})`);
      }
      writeHost('flaky task done');
    },
    { maxRetries: 3, autoRetry: true },
  );
  s.addTask('slow', async (_event, { ms }: any) => {
    await startSleep({ milliseconds: ms });
    return ms;
  });
  // one task at a time
  s.setTaskConcurrency(1);
  // start the flaky task and come back later
  s.addRoute({ method: 'POST', path: '/api/flaky' }, async (e) => {
    invokeTask('flaky');
    e.writeJson({ Started: true });
  });
  s.addRoute({ method: 'GET', path: '/api/flaky' }, async (e) => {
    await startSleep({ seconds: 1 });
    e.writeJson({ Attempts: await getState<any>('attempts') });
  });
  // two runs of 300ms: with one at a time they take turns
  s.addRoute({ method: 'GET', path: '/api/slow' }, async (e) => {
    let first: any;
    let second: any;
    let took: any;
    first = invokeTask('slow', { ms: 300 });
    second = invokeTask('slow', { ms: 300 });
    const start = new Date();
    await waitTask(first);
    await waitTask(second);
    took = dateDifference(new Date(), start).TotalMilliseconds;
    e.writeJson({ InTurn: ge(took, 550) });
  });
});
