import {
  newJsonSchemaInteger,
  newJsonSchemaString,
  newMcpTextContent,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { gt, toPsString } from 'pode-ts/powershell';

// An MCP server for a small warehouse: tools in two groups, one route per group.
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8090, protocol: 'http' });
  s.addMcpGroup('Stock', { description: 'Read the stock levels' });
  s.addMcpGroup('Admin');
  // no parameters: a plain list
  s.addMcpTool(
    'ListItems',
    { description: 'Lists every item in stock', group: ['Stock', 'Admin'] },
    async (_args, e) => {
      return newMcpTextContent('bolts, nuts, washers');
    },
  );
  // the schema read from the param block
  s.addMcpTool(
    'CountItem',
    {
      description: 'How many of one item are in stock',
      group: 'Stock',
      properties: {
        Item: newJsonSchemaString({
          enum: ['bolts', 'nuts', 'washers'],
          description: 'The item to count',
        }),
        Shelf: newJsonSchemaInteger({ minimum: 1, maximum: 10 }),
      },
      required: ['Item'],
    },
    async ({ Item: item, Shelf: shelf }: any, e) => {
      return newMcpTextContent(`There are 12 ${toPsString(item)} on shelf ${toPsString(shelf)}`);
    },
  );
  // the schema written by hand
  s.addMcpTool(
    'Restock',
    {
      description: 'Orders more of an item',
      group: 'Admin',
      properties: {
        Item: newJsonSchemaString({ description: 'The item to order', minLength: 2 }),
        Amount: newJsonSchemaInteger({ description: 'How many to order', minimum: 1 }),
      },
      required: ['Item', 'Amount'],
    },
    async ({ Item: item, Amount: amount }: any, e) => {
      if (gt(amount, 100)) {
        throw new Error('That is too many to order at once');
      }
      return newMcpTextContent(`Ordered ${toPsString(amount)} ${toPsString(item)}`);
    },
  );
  s.addRoute({ method: 'POST', path: '/mcp/stock' }, async (e) => {
    await e.resolveMcpRequest({ group: 'Stock', serverName: 'Warehouse', serverVersion: '1.2.0' });
  });
  s.addRoute({ method: 'POST', path: '/mcp/admin' }, async (e) => {
    await e.resolveMcpRequest({ group: 'Admin' });
  });
});
