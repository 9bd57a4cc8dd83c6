import {
  getState,
  getStateNames,
  lockObject,
  removeState,
  restoreState,
  saveState,
  setState,
  startServer,
  testState,
  type ServerBuilder,
} from 'pode-ts';
import { add, sortObject, toArray, toPsString } from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // state from a previous run, when there is one
  await restoreState('./state.json');
  if (!(await testState('visits'))) {
    await setState('visits', 0, { scope: 'counters' });
  }
  await setState('inventory', { Items: [] as any[], Total: 0 }, { scope: 'shop' });
  await setState('secret', 'hidden');
  s.addRoute({ method: 'GET', path: '/visit' }, async (e) => {
    await lockObject(async () => {
      await setState('visits', ((await getState<any>('visits')) ?? 0) + 1);
    });
    e.writeJson({ Visits: await getState<any>('visits') });
  });
  s.addRoute({ method: 'POST', path: '/items' }, async (e) => {
    let item: any;
    item = (e.data as any).name;
    await lockObject(async () => {
      let inventory: any;
      {
        const stateInventory = await getState<any>('inventory');
        stateInventory.Items = add(stateInventory.Items, item);
        await setState('inventory', stateInventory);
      }
      inventory = await getState<any>('inventory');
      inventory.Total = add(inventory.Total, 1);
      await setState('inventory', inventory);
    });
    e.writeJson(await getState<any>('inventory'));
  });
  s.addRoute({ method: 'GET', path: '/names' }, async (e) => {
    let names: any;
    names = psOutput(sortObject(await getStateNames({ scope: ['shop', 'counters'] })));
    e.writeJson({ Names: toArray(names) });
  });
  s.addRoute({ method: 'POST', path: '/save' }, async (e) => {
    await saveState('./state.json', { exclude: 'secret' });
    e.writeJson({ Saved: true });
  });
  s.addRoute({ method: 'DELETE', path: '/state/:name' }, async (e) => {
    let name: any;
    name = e.parameters.name;
    await removeState(toPsString(name));
    e.writeJson({ Exists: await testState(toPsString(name)) });
  });
  s.addRoute({ method: 'POST', path: '/restore' }, async (e) => {
    await restoreState('./state.json', { merge: true });
    e.writeJson({ Visits: await getState<any>('visits'), Secret: await getState<any>('secret') });
  });
});
