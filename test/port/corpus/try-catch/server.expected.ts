import { startServer, type ServerBuilder } from 'pode-ts';
import { add, divide, toInt } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    s.addRoute({ method: 'POST', path: '/parse' }, async (e) => {
      let steps: any;
      let number: any;
      steps = [] as any[];
      try {
        steps = add(steps, 'start');
        number = toInt((e.data as any).value);
        if (number < 0) {
          throw new Error('negative numbers are not allowed');
        }
        steps = add(steps, 'parsed');
        e.writeJson({ Value: number, Steps: steps });
      } catch (error) {
        steps = add(steps, 'caught');
        e.writeJson({ Error: (error as Error).message, Steps: steps }, { statusCode: 400 });
      } finally {
        e.setHeader('X-Finally', 'ran');
      }
    });
    // an uncaught error is a 500
    s.addRoute({ method: 'GET', path: '/boom' }, async (e) => {
      throw new Error('something broke');
    });
    s.addRoute({ method: 'GET', path: '/safe-divide' }, async (e) => {
      let result: any;
      try {
        result = divide(10, toInt(e.query.by));
        e.writeText(`${result}`);
      } catch (error) {
        e.setStatus(422, { description: 'Cannot divide' });
      }
    });
  },
  { threads: 2 },
);
