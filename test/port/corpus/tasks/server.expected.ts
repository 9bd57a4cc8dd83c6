import { invokeTask, startServer, type ServerBuilder, waitTask } from 'pode-ts';
import { add, startSleep, toInt } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addTask('Add', async (_event, { Value1: value1, Value2: value2 }: any) => {
    return add(value1, value2);
  });
  s.addTask('Slow', async () => {
    await startSleep({ seconds: 3 });
    return 'done';
  });
  // invoke, then wait for the result
  s.addRoute({ method: 'GET', path: '/add' }, async (e) => {
    let result: any;
    const a = toInt(e.query.a);
    const b = toInt(e.query.b);
    result = await waitTask(invokeTask('Add', { Value1: a, Value2: b }));
    e.writeJson({ Result: result });
  });
  // invoke and wait in one go
  s.addRoute({ method: 'GET', path: '/add-wait' }, async (e) => {
    let result: any;
    result = await waitTask(invokeTask('Add', { Value1: 40, Value2: 2 }));
    e.writeJson({ Result: result });
  });
  // waiting less than the task takes fails the request
  s.addRoute({ method: 'GET', path: '/slow' }, async (e) => {
    let task: any;
    let result: any;
    task = invokeTask('Slow');
    result = await waitTask(task, { timeout: 1 });
    e.writeJson({ Result: result });
  });
  s.addRoute({ method: 'GET', path: '/ok' }, async (e) => {
    e.writeText('ok');
  });
});
