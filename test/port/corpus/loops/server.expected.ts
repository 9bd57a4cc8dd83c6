import { startServer, type ServerBuilder } from 'pode-ts';
import {
  add,
  divide,
  gt,
  le,
  lt,
  mathFloor,
  mod,
  multiply,
  range,
  toInt,
  toPsString,
  truthy,
} from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/fizzbuzz/:n' }, async (e) => {
    let out: any;
    let i: any;
    const n = toInt(e.parameters.n);
    out = [] as any[];
    for (let i = 1; le(i, n); i = (i ?? 0) + 1) {
      if (mod(i, 15) === 0) {
        out = add(out, 'FizzBuzz');
      } else if (mod(i, 3) === 0) {
        out = add(out, 'Fizz');
      } else if (mod(i, 5) === 0) {
        out = add(out, 'Buzz');
      } else {
        out = add(out, `${toPsString(i)}`);
      }
    }
    e.writeJson({ Items: out });
  });
  s.addRoute({ method: 'GET', path: '/primes' }, async (e) => {
    let isPrime: any;
    const limit = 30;
    const primes = [];
    for (const candidate of range(2, limit)) {
      isPrime = true;
      for (const p of primes) {
        if (gt(multiply(p, p), candidate)) {
          break;
        }
        if (mod(candidate, p) === 0) {
          isPrime = false;
          break;
        }
      }
      if (!truthy(isPrime)) {
        continue;
      }
      void primes.push(candidate);
    }
    e.writeJson({ Primes: primes });
  });
  s.addRoute({ method: 'GET', path: '/countdown' }, async (e) => {
    let n: any;
    let steps: any;
    let doubled: any;
    let halved: any;
    n = 5;
    steps = [] as any[];
    while (gt(n, 0)) {
      steps = add(steps, n);
      n = (n ?? 0) - 1;
    }
    doubled = 1;
    do {
      doubled = multiply(doubled, 2);
    } while (lt(doubled, 100));
    halved = 1000;
    do {
      halved = mathFloor(divide(halved, 2));
    } while (!lt(halved, 10));
    e.writeJson({ Steps: steps, Doubled: doubled, Halved: halved });
  });
});
