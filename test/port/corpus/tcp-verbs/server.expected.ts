import { newLogTerminalMethod, startServer, type ServerBuilder } from 'pode-ts';
import { containsKey, multiply, toInt, toPsString } from 'pode-ts/powershell';

/*
 *
 * A small line-based shop counter over TCP: a greeting on connect, verbs with parameters,
 * a verb that asks a follow-up question, a catch-all and a quit verb, and a second
 * endpoint for staff with a verb of its own.
 *
 */
await startServer(async (s: ServerBuilder) => {
  let prices: any;
  s.addEndpoint({
    address: 'localhost',
    port: 9100,
    protocol: 'tcp',
    name: 'Counter',
    acknowledge: 'Welcome to the Plumbus shop',
    crlfMessageEnd: true,
  });
  s.addEndpoint({
    address: 'localhost',
    port: 9101,
    protocol: 'tcp',
    name: 'Staff',
    crlfMessageEnd: true,
  });
  s.enableLogErrorType(newLogTerminalMethod());
  prices = { plumbus: 12, fleeb: 3 };
  s.addVerb('PRICE :item', async (e) => {
    const item = e.parameters.item.toLowerCase();
    if (containsKey(prices, item)) {
      e.write(`${item} costs ${toPsString(prices[item])} schmeckles`);
    } else {
      e.write(`We don't sell ${item}`);
    }
  });
  s.addVerb('BUY :count :item', async (e) => {
    let total: any;
    total = multiply(toInt(e.parameters.count), prices[e.parameters.item]);
    e.write(`That will be ${toPsString(total)} schmeckles. Name for the order?`);
    const name = await e.read({ crlfMessageEnd: true });
    e.write(`Thanks ${name}, your order is on its way`);
  });
  s.addVerb(
    'STOCK',
    async (e) => {
      e.write('plumbus: 40');
    },
    { endpointName: 'Staff' },
  );
  s.addVerb('*', async (e) => {
    e.write(`Unknown command: ${toPsString(e.request.body)}`);
  });
  s.addVerb('BYE', async (e) => {
    e.write('Come again');
    e.close();
  });
  s.addVerb('QUIT', { close: true });
});
