import { startServer, type ServerBuilder } from 'pode-ts';
import {
  add,
  divide,
  eq,
  format,
  lt,
  mathAbs,
  mathCeiling,
  mathFloor,
  mathMax,
  mathMin,
  mathPow,
  mathRound,
  mathSqrt,
  mod,
  multiply,
  toDouble,
  toInt,
  toPsString,
  truthy,
} from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/round' }, async (e) => {
    e.writeJson({
      Banker: [mathRound(2.5), mathRound(3.5), mathRound(-2.5)],
      Digits: mathRound(3.14159, 2),
      IntCast: [toInt(2.5), toInt(3.5), toInt('7')],
      Floor: mathFloor(-1.5),
      Ceiling: mathCeiling(1.2),
      Abs: mathAbs(-42),
      Power: mathPow(2, 10),
      Sqrt: mathSqrt(81),
      MaxMin: [mathMax(3, 9), mathMin(3, 9)],
    });
  });
  s.addRoute({ method: 'GET', path: '/vat' }, async (e) => {
    const net = toDouble(e.query.net);
    const rate = 0.2;
    const vat = mathRound(net * rate, 2);
    const gross = net + vat;
    e.writeJson({ Net: net, Vat: vat, Gross: gross, Label: format('{0:N2}', gross) });
  });
  s.addRoute({ method: 'GET', path: '/types' }, async (e) => {
    let number: any;
    let sum: any;
    const flag = truthy('false');
    const empty = truthy('');
    const zero = truthy(0);
    const text = toPsString(42);
    number = multiply('5', 3);
    sum = add(5, '3');
    const concat = '5' + 3;
    e.writeJson({
      Flag: flag,
      Empty: empty,
      Zero: zero,
      Text: text,
      Repeat: number,
      Sum: sum,
      Concat: concat,
      Compare: eq('10', 10),
      Less: lt('9', '10'),
      LessNumber: lt(9, '10'),
    });
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
