import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { add, gt, le, lt, mathFloor, mod, multiply, toArray, toInt, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/fizzbuzz/:n' }, async (e) => {
    let n: any;
    let out: any;
    let i: any;
    n = toInt(e.parameters.n);
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
    let limit: any;
    let primes: any;
    let isPrime: any;
    limit = 30;
    // TODO(port): $primes = [System.Collections.ArrayList]::new()
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: [System.Collections.ArrayList]::new');
    // TODO(port): foreach ($candidate in 2..$limit) {
    //     $isPrime = $true
    //     foreach ($p in $primes) {
    //         if ($p * $p -gt $candidate) { break }
    //         if ($candidate % $p -eq 0) {
    //             $isPrime = $false
    //             break
    //         }
    //     }
    //     if (!$isPrime) { continue }
    //     [void]$primes.Add($candidate)
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: 2..$limit (no equivalent in pode-ts)');
    e.writeJson({ Primes: toArray(primes) });
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
      // TODO(port): $halved = [Math]::Floor($halved / 2)
      throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: multiplicative argument expression');
    } while (!(lt(halved, 10)));
    e.writeJson({ Steps: steps, Doubled: doubled, Halved: halved });
  });
});
