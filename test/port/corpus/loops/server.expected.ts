import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { add, le, mod, toArray, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/fizzbuzz/:n' }, async (e) => {
    let n: any;
    let out: any;
    let i: any;
    // TODO(port): $n = [int]$WebEvent.Parameters['n']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Parameters[\'n\']');
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
    // TODO(port): while ($n -gt 0) {
    //     $steps += $n
    //     $n--
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: while condition');
    doubled = 1;
    // TODO(port): do {
    //     $doubled *= 2
    // } while ($doubled -lt 100)
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: while condition');
    halved = 1000;
    // TODO(port): do {
    //     $halved = [Math]::Floor($halved / 2)
    // } until ($halved -lt 10)
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: while condition');
    e.writeJson({ Steps: steps, Doubled: doubled, Halved: halved });
  });
});
