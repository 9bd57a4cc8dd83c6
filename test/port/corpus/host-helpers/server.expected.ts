import { startServer, type ServerBuilder } from 'pode-ts';
import { getRandom, startSleep, toPsString, writeHost, writePodeHost } from 'pode-ts/powershell';

// Pode's module loader dropped: pode-ts is imported above
// Pode's own host and sleep helpers, and random numbers in a range
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http', default: true });
  s.addRoute({ method: 'GET', path: '/dice' }, async (e) => {
    let roll: any;
    roll = getRandom({ minimum: 1, maximum: 7 });
    writeHost(`rolled ${toPsString(roll)}`);
    e.writeJson({ Roll: roll });
  });
  s.addRoute({ method: 'GET', path: '/slow' }, async (e) => {
    writePodeHost('waiting a moment');
    await startSleep({ milliseconds: 50 });
    e.writeText('done');
  });
});
