import { startServer, type ServerBuilder } from 'pode-ts';
import { toInt, toPsString, truthy } from 'pode-ts/powershell';

// param $Port: set PORT to override
const port = process.env.PORT === undefined ? 8085 : Number(process.env.PORT);
// param $Greeting: set GREETING to override
const greeting = process.env.GREETING ?? 'Howdy';
// param $Shout: set SHOUT to override
const shout = process.env.SHOUT === undefined ? false : process.env.SHOUT === 'true';
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: toInt(port), protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/greet/:name' }, async (e) => {
    let text: any;
    text = `${toPsString(greeting)}, ${toPsString(e.parameters.name)}`;
    if (truthy(shout)) {
      text = text.toUpperCase();
    }
    e.writeText(toPsString(text));
  });
  s.addRoute({ method: 'GET', path: '/config' }, async (e) => {
    e.writeJson({ Greeting: greeting, Shout: truthy(shout) });
  });
});
