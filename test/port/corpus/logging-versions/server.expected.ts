import {
  getState,
  lockObject,
  newLogCustomMethod,
  newLogTerminalMethod,
  outVariable,
  setState,
  startServer,
  type ServerBuilder,
  writeLog,
} from 'pode-ts';
import {
  podeLogMethod,
  podeLogType,
  requestUri,
  toArray,
  toInt,
  toPsString,
} from 'pode-ts/powershell';

/*
 *
 * Newer logging: -Version 2 log types and methods, a raw log type, the request URL as a .NET
 * Uri, a $script: variable set in the set-up, and Out-PodeVariable.
 *
 */
// param $Port: set PORT to override
const port = process.env.PORT === undefined ? 8085 : Number(process.env.PORT);
let greeting: any;
await startServer(async (s: ServerBuilder) => {
  let auditMethod: any;
  s.addEndpoint({ address: 'localhost', port: toInt(port), protocol: 'http' });
  // a method that keeps the last batch it was given, and a type that shapes each event
  auditMethod = newLogCustomMethod(
    podeLogMethod(
      async (items: any, label: any) => {
        for (const item of toArray(items)) {
          await lockObject(async () => {
            await setState(
              'lastAudit',
              `${toPsString(label)}: ${toPsString(item.Data.Verb)} ${toPsString(item.Data.Where)} at ${toPsString(item.Event.Level)}`,
            );
          });
        }
      },
      2,
      ['audit'],
    ),
  );
  s.addLogType('audit', auditMethod, {
    levels: ['Informational', 'Warning'],
    format: podeLogType(
      async (logEvent: any) => {
        return { Verb: logEvent.Data.Method, Where: logEvent.Data.Path };
      },
      'audit',
      2,
    ),
  });
  s.addLogType('ids', newLogTerminalMethod());
  greeting = 'hello from the set-up';
  s.addRoute({ method: 'GET', path: '/where' }, async (e) => {
    let url: any;
    url = requestUri(e);
    writeLog('audit', { inputObject: { Method: 'GET', Path: url.AbsolutePath }, level: 'Warning' });
    e.writeJson({ Path: url.AbsolutePath, Query: url.Query, Default: url.IsDefaultPort });
  });
  s.addRoute({ method: 'GET', path: '/audit' }, async (e) => {
    e.writeText(`${toPsString(await getState<any>('lastAudit'))}`);
  });
  s.addRoute({ method: 'GET', path: '/greeting' }, async (e) => {
    writeLog('ids', { inputObject: e.path });
    e.writeText(toPsString(greeting));
  });
  s.addRoute({ method: 'POST', path: '/keep' }, async (e) => {
    outVariable('Kept', (e.data as any).value);
    e.setStatus(204);
  });
});
