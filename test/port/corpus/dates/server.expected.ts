import { startServer, type ServerBuilder } from 'pode-ts';
import {
  dateDifference,
  dateTimeParse,
  dateTimeParseExact,
  dayOfWeek,
  format,
  getDate,
  isIn,
  toDate,
  toInt,
  toPsString,
} from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/today' }, async (e) => {
    e.writeJson({ Date: getDate({ format: 'yyyy-MM-dd' }), Year: new Date().getFullYear() });
  });
  s.addRoute({ method: 'GET', path: '/days-until' }, async (e) => {
    let span: any;
    const from = dateTimeParse(e.query.from);
    const to = toDate(e.query.to);
    span = dateDifference(to, from);
    e.writeJson({
      Days: span.Days,
      From: format('{0:' + 'dd MMM yyyy' + '}', from),
      Weekday: dayOfWeek(to),
    });
  });
  s.addRoute({ method: 'GET', path: '/add-days' }, async (e) => {
    let start: any;
    start = getDate({ date: '2024-02-27' });
    const days = toInt(e.query.n);
    const end = new Date(start.getTime() + days * 86400000);
    e.writeText(toPsString(getDate({ date: end, format: 'yyyy-MM-dd' })));
  });
  s.addRoute({ method: 'GET', path: '/is-weekend' }, async (e) => {
    const date = dateTimeParseExact(e.query.d, 'yyyyMMdd');
    const weekend = isIn(dayOfWeek(date), ['Saturday', 'Sunday']);
    e.writeJson({ Date: format('{0:' + 'yyyy-MM-dd' + '}', date), Weekend: weekend });
  });
});
