import {
  getState,
  getStateNames,
  newStateDictionary,
  newStateList,
  setState,
  startServer,
  tryAdd,
  type ServerBuilder,
} from 'pode-ts';
import { count, toArray } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let basket: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // thread-safe collections for the shared state, made once
  if ((basket = await getState<any>('basket')) == null) {
    basket = await setState('basket', newStateDictionary(), { scope: 'Shop' });
    basket.values = newStateList();
    await setState('basket', basket);
  }
  if ((await getState<any>('seen')) == null) {
    await setState('seen', newStateDictionary());
    {
      const stateSeen = await getState<any>('seen');
      stateSeen.values = newStateList(toArray('start'));
      await setState('seen', stateSeen);
    }
  }
  s.addRoute({ method: 'POST', path: '/api/basket/:item' }, async (e) => {
    basket = await getState<any>('basket');
    tryAdd(basket.values ?? Object.values(basket), e.parameters.item);
    await setState('basket', basket);
    {
      const stateSeen = await getState<any>('seen');
      tryAdd(stateSeen.values ?? Object.values(stateSeen), e.parameters.item);
      await setState('seen', stateSeen);
    }
    e.writeJson({ Count: count(basket.values ?? Object.values(basket)) });
  });
  s.addRoute({ method: 'GET', path: '/api/basket' }, async (e) => {
    e.writeJson(await getState<any>('basket'));
  });
  s.addRoute({ method: 'GET', path: '/api/seen' }, async (e) => {
    e.writeJson(await getState<any>('seen'));
  });
  // empty the basket: a new dictionary in its place
  s.addRoute({ method: 'DELETE', path: '/api/basket' }, async (e) => {
    basket = await setState('basket', newStateDictionary(), { scope: 'Shop' });
    basket.values = newStateList();
    await setState('basket', basket);
    e.writeJson({ Names: toArray(await getStateNames({ scope: 'Shop' })) });
  });
});
