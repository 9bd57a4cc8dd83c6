import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { add, divide, eq, format, lt, mathRound, mod, multiply, toDouble } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/round' }, async (e) => {
    // TODO(port): Write-PodeJsonResponse -Value @{
    //     Banker    = @([Math]::Round(2.5), [Math]::Round(3.5), [Math]::Round(-2.5))
    //     Digits    = [Math]::Round(3.14159, 2)
    //     IntCast   = @([int]2.5, [int]3.5, [int]'7')
    //     Floor     = [Math]::Floor(-1.5)
    //     Ceiling   = [Math]::Ceiling(1.2)
    //     Abs       = [Math]::Abs(-42)
    //     Power     = [Math]::Pow(2, 10)
    //     Sqrt      = [Math]::Sqrt(81)
    //     MaxMin    = @([Math]::Max(3, 9), [Math]::Min(3, 9))
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]2.5]');
  });
  s.addRoute({ method: 'GET', path: '/vat' }, async (e) => {
    let net: any;
    let rate: any;
    let vat: any;
    let gross: any;
    // TODO(port): $net = [double]$WebEvent.Query['net']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [double]$WebEvent.Query[\'net\']');
    rate = 0.2;
    // TODO(port): $vat = [Math]::Round($net * $rate, 2)
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: multiplicative argument expression');
    gross = add(net, vat);
    e.writeJson({ Net: net, Vat: vat, Gross: gross, Label: format('{0:N2}', gross) });
  });
  s.addRoute({ method: 'GET', path: '/types' }, async (e) => {
    let flag: any;
    let empty: any;
    let zero: any;
    let text: any;
    let number: any;
    let sum: any;
    let concat: any;
    // TODO(port): $flag = [bool]'false'
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [bool]\'false\']');
    // TODO(port): $empty = [bool]''
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [bool]\'\']');
    // TODO(port): $zero = [bool]0
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [bool]0]');
    // TODO(port): $text = [string]42
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [string]42]');
    number = multiply('5', 3);
    sum = add(5, '3');
    concat = '5' + 3;
    e.writeJson({ Flag: flag, Empty: empty, Zero: zero, Text: text, Repeat: number, Sum: sum, Concat: concat, Compare: (eq('10', 10)), Less: (lt('9', '10')), LessNumber: (lt(9, '10')) });
  });
  s.addRoute({ method: 'GET', path: '/counter' }, async (e) => {
    let n: any;
    n = 10;
    n = add(n, 5);
    n = toDouble(n) - 3;
    n = multiply(n, 2);
    n = divide(n, 4);
    n = (n ?? 0) + 1;
    n = (n ?? 0) - 1;
    n = mod(n, 4);
    e.writeJson({ N: n });
  });
});
