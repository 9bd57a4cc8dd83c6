import {
  getSchedule,
  getScheduleNextTrigger,
  getState,
  invokeSchedule,
  lockObject,
  removeSchedule,
  setState,
  startServer,
  testSchedule,
  type ServerBuilder,
} from 'pode-ts';
import { add, format, toPsString, writeHost } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  await setState('runs', [] as any[]);
  // runs once as the server starts, then every day at 02:30
  s.addSchedule(
    'cleanup',
    '30 2 * * *',
    async (event, { Reason: reason }: any) => {
      await lockObject(async () => {
        await setState('runs', add(await getState<any>('runs'), reason));
      });
    },
    { onStart: true, args: { Reason: 'start' } },
  );
  // Pode's own shortcuts, and several expressions for one schedule
  s.addSchedule('twice', '@twice-daily', async () => {
    writeHost('twice a day');
  });
  s.addSchedule('office', ['0 9 * * 1-5', '0 12 * * 6'], async () => {
    writeHost('office hours');
  });
  s.addRoute({ method: 'POST', path: '/schedules/cleanup' }, async (e) => {
    await invokeSchedule('cleanup', { Reason: 'manual' });
    e.writeJson({ Runs: await getState<any>('runs') });
  });
  s.addRoute({ method: 'GET', path: '/schedules/:name/next' }, async (e) => {
    let name: any;
    name = e.parameters.name;
    if (!testSchedule(toPsString(name))) {
      e.setStatus(404);
      return;
    }
    const next = getScheduleNextTrigger(toPsString(name));
    e.writeJson({ Name: name, MinuteSecond: format('{0:' + 'mm:ss' + '}', next) });
  });
  // the schedule as Pode describes it, read with Pode's key names
  s.addRoute({ method: 'GET', path: '/schedules/:name/info' }, async (e) => {
    let schedule: any;
    schedule = getSchedule(toPsString(e.parameters.name));
    e.writeJson({
      Name: schedule!.name,
      Count: schedule!.count,
      Limit: schedule!.limit,
      Next: format('{0:' + 'mm:ss' + '}', schedule!.nextTriggerTime),
      HasRun: schedule!.lastTriggerTime != null,
    });
  });
  s.addRoute({ method: 'DELETE', path: '/schedules/:name' }, async (e) => {
    removeSchedule(toPsString(e.parameters.name));
    e.writeJson({ Exists: testSchedule(toPsString(e.parameters.name)) });
  });
});
