import { getSchedule, getState, newCron, setState, startServer, type ServerBuilder } from 'pode-ts';
import { toArray, toPsString, writeHost } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let crons: any;
  let id: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // cron expressions from the helper rather than by hand
  const everyOtherMinute = newCron({ every: 'Minute', interval: 2 });
  crons = {
    OtherMinute: everyOtherMinute,
    TueFri: newCron({ hour: 1, day: ['Tuesday', 'Friday'], every: 'Day' }),
    Fifteenth: newCron({ date: 15, every: 'Month' }),
    OtherDay: newCron({ date: 2, every: 'Date', interval: 2 }),
    June: newCron({ month: 'June', every: 'Year' }),
    Hourly: newCron({ hour: 1, every: 'Hour', interval: 1 }),
    Early: newCron({ hour: [1, 2, 3, 4, 5], every: 'Minute', interval: 15 }),
    Mondays: newCron({ day: 'Monday', every: 'Hour' }),
    Quarterly: newCron({ every: 'Quarter' }),
  };
  await setState('crons', crons);
  s.addSchedule('every-other-minute', everyOtherMinute, async () => {
    writeHost('tick');
  });
  // a batch of schedules, made in a loop
  for (const item of [1, 2, 3]) {
    id = item;
    s.addSchedule(
      `batch_${toPsString(id)}`,
      newCron({ hour: id, every: 'Day' }),
      async (_event, { ID: id }: any) => {
        writeHost(`batch ${toPsString(id)}`);
      },
      { args: { ID: id } },
    );
  }
  s.setScheduleConcurrency(5);
  s.addRoute({ method: 'GET', path: '/api/crons' }, async (e) => {
    e.writeJson(await getState<any>('crons'));
  });
  s.addRoute({ method: 'GET', path: '/api/schedules/:name' }, async (e) => {
    let schedule: any;
    schedule = getSchedule(toPsString(e.parameters.name));
    e.writeJson({ Name: schedule!.name, Cron: toArray(schedule!.cron)[0] });
  });
});
