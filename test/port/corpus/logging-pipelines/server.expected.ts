import {
  newLogCustomMethod,
  newLogFileMethod,
  newLogTerminalMethod,
  startServer,
  type ServerBuilder,
  writeLog,
} from 'pode-ts';
import {
  convertToJson,
  podeLogMethod,
  podeLogType,
  toPsString,
  writeHost,
} from 'pode-ts/powershell';

// logging set up the way older Pode servers do it
await startServer(async (s: ServerBuilder) => {
  let custom: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.enableLogErrorType(newLogTerminalMethod());
  s.enableLogRequestType(newLogFileMethod({ name: 'requests', maxDays: 4 }));
  // a custom method: each batch of items as JSON on the terminal
  custom = newLogCustomMethod(
    podeLogMethod(async (items: any) => {
      writeHost(convertToJson(items, { compress: true }));
    }),
  );
  s.addLogType('events', custom, {
    format: podeLogType(async (item: any) => {
      return `event: ${toPsString(item.Name)}`;
    }, 'events'),
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    writeLog('events', { inputObject: { Name: 'home' } });
    e.writeJson({ Page: 'home' });
  });
  s.addRoute({ method: 'GET', path: '/boom' }, async (e) => {
    throw new Error('kaboom');
  });
});
