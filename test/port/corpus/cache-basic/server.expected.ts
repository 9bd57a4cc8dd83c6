import {
  clearCache,
  getCache,
  getCacheDefaultTtl,
  getState,
  removeCache,
  setCache,
  setState,
  startServer,
  testCache,
  type ServerBuilder,
} from 'pode-ts';
import { containsKey, startSleep, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let sideStorage: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // keys live for two minutes unless a call says otherwise
  s.setCacheDefaultTtl(120);
  // a second storage, kept in shared state: routes pick it with -Storage
  await setState('sideStore', {} as Record<string, any>);
  sideStorage = {
    Get: async (key: any, metadata: any) => {
      let store: any;
      store = await getState<any>('sideStore');
      return store[key];
    },
    Set: async (key: any, value: any, ttl: any) => {
      let store: any;
      store = await getState<any>('sideStore');
      store[key] = `${toPsString(value)} (for ${toPsString(ttl)}s)`;
      await setState('sideStore', store);
    },
    Remove: async (key: any) => {
      let store: any;
      store = await getState<any>('sideStore');
      delete store[key];
    },
    Test: async (key: any) => {
      let store: any;
      store = await getState<any>('sideStore');
      return containsKey(store, key);
    },
    Clear: async () => {},
  };
  s.addCacheStorage({
    name: 'side',
    get: sideStorage.Get,
    set: sideStorage.Set,
    remove: sideStorage.Remove,
    test: sideStorage.Test,
    clear: sideStorage.Clear,
  });
  // warm the cache while the server starts
  await setCache('greeting', 'hello');
  // the price list is slow to build: keep it in the cache for a minute
  s.addRoute({ method: 'GET', path: '/prices' }, async (e) => {
    let prices: any;
    const cached = await testCache('prices');
    prices = await getCache('prices');
    if (prices == null) {
      prices = { Apple: 1, Pear: 2 };
      await setCache('prices', prices, { ttl: 60 });
    }
    e.writeJson({ Prices: prices, Cached: cached });
  });
  s.addRoute({ method: 'GET', path: '/greeting' }, async (e) => {
    e.writeJson({ Greeting: await getCache<any>('greeting'), Ttl: getCacheDefaultTtl() });
  });
  s.addRoute({ method: 'POST', path: '/greeting' }, async (e) => {
    await setCache('greeting', (e.data as any).greeting);
    e.writeJson({ Greeting: await getCache<any>('greeting') });
  });
  s.addRoute({ method: 'GET', path: '/hits' }, async (e) => {
    await setCache('hits', ((await getCache<any>('hits')) ?? 0) + 1);
    e.writeJson({ Hits: await getCache<any>('hits') });
  });
  // a key set for one second is gone a moment later
  s.addRoute({ method: 'GET', path: '/expiry' }, async (e) => {
    await setCache('short', 'soon gone', { ttl: 1 });
    const before = await testCache('short');
    await startSleep({ milliseconds: 1200 });
    const after = await testCache('short');
    e.writeJson({ Before: before, After: after, Value: await getCache('short') });
  });
  s.addRoute({ method: 'PUT', path: '/side/:key' }, async (e) => {
    await setCache(toPsString(e.parameters.key), (e.data as any).value, { storage: 'side' });
    e.writeJson({ Exists: await testCache(toPsString(e.parameters.key), { storage: 'side' }) });
  });
  s.addRoute({ method: 'GET', path: '/side/:key' }, async (e) => {
    let value: any;
    value = await getCache(toPsString(e.parameters.key), { storage: 'side' });
    e.writeJson({ Value: value, InMemory: await testCache(toPsString(e.parameters.key)) });
  });
  s.addRoute({ method: 'DELETE', path: '/side/:key' }, async (e) => {
    await removeCache(toPsString(e.parameters.key), { storage: 'side' });
    e.writeJson({ Exists: await testCache(toPsString(e.parameters.key), { storage: 'side' }) });
  });
  s.addRoute({ method: 'DELETE', path: '/cache' }, async (e) => {
    await clearCache();
    e.writeJson({ Prices: await testCache('prices'), Greeting: await testCache('greeting') });
  });
  s.addRoute({ method: 'GET', path: '/ping' }, async (e) => {
    e.writeText('pong');
  });
});
