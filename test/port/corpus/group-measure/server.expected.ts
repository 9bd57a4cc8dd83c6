import { startServer, type ServerBuilder } from 'pode-ts';
import {
  count,
  eq,
  forEachObject,
  groupObject,
  mathRound,
  measureObject,
  sortObject,
  toArray,
  whereObject,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    const orders = [
      { Id: 1, Customer: 'acme', Total: 10.5, Status: 'paid' },
      { Id: 2, Customer: 'acme', Total: 4.5, Status: 'open' },
      { Id: 3, Customer: 'globex', Total: 20, Status: 'paid' },
      { Id: 4, Customer: 'initech', Total: 7, Status: 'paid' },
      { Id: 5, Customer: 'globex', Total: 3, Status: 'open' },
    ];
    s.addRoute({ method: 'GET', path: '/stats' }, async (e) => {
      let totals: any;
      totals = measureObject(
        forEachObject(orders, (item: any) => item.Total),
        { sum: true, average: true, maximum: true, minimum: true },
      );
      e.writeJson({
        Count: count(totals),
        Sum: totals.Sum,
        Average: mathRound(totals.Average, 2),
        Max: totals.Maximum,
        Min: totals.Minimum,
      });
    });
    s.addRoute({ method: 'GET', path: '/by-customer' }, async (e) => {
      let groups: any;
      let result: any;
      groups = psOutput(
        sortObject(
          groupObject(
            forEachObject(orders, (item: any) => item),
            'Customer',
          ),
          { property: ['Count', 'Name'], descending: true },
        ),
      );
      result = psOutput(
        toArray(groups).map((group) => ({
          Customer: group.Name,
          Orders: count(group),
          Total: measureObject(group.Group, { property: 'Total', sum: true }).Sum,
        })),
      );
      e.writeJson(toArray(result));
    });
    s.addRoute({ method: 'GET', path: '/open-count' }, async (e) => {
      const open = count(
        measureObject(whereObject(orders, (item: any) => eq(item.Status, 'open'))),
      );
      e.writeText(`${open} open orders`);
    });
  },
  { threads: 2 },
);
