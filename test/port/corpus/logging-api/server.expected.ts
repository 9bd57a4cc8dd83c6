import {
  newLogBatchInfo,
  newLogFileMethod,
  newLogTerminalMethod,
  startServer,
  type ServerBuilder,
  writeErrorLog,
  writeLog,
} from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  let batch: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // requests to a file, errors to the terminal
  s.enableLogRequestType(newLogFileMethod({ name: 'requests', maxDays: 7 }));
  s.enableLogErrorType(newLogTerminalMethod(), { levels: ['Error', 'Warning'] });
  // an audit log of our own, batched
  batch = newLogBatchInfo({ size: 1 });
  s.addLogType('audit', newLogFileMethod({ name: 'audit', batch: batch }));
  s.addRoute({ method: 'POST', path: '/orders' }, async (e) => {
    writeLog('audit', { inputObject: { Event: 'order', Id: (e.data as any).id } });
    e.writeJson({ Accepted: (e.data as any).id }, { statusCode: 202 });
  });
  s.addRoute({ method: 'GET', path: '/fail' }, async (e) => {
    try {
      throw new Error('the stock service is down');
    } catch (error) {
      writeErrorLog(error, { level: 'Warning' });
      e.writeText('logged', { statusCode: 503 });
    }
  });
});
