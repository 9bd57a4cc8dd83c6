import {
  dismountSecret,
  getSecret,
  getState,
  mountSecret,
  readSecret,
  removeSecret,
  setSecret,
  setState,
  startServer,
  testSecret,
  testSecretVault,
  type ServerBuilder,
  updateSecret,
} from 'pode-ts';
import { toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // the vault's back end: shared state here, a CLI or a REST service in real life
  await setState('vaultData', { 'app/api': { key: 'abc123', region: 'eu' } });
  s.registerSecretVault({
    name: 'StateVault',
    vaultParameters: { Prefix: 'app/' },
    custom: {
      read: async (config: any, key: any) => {
        let data: any;
        data = await getState<any>('vaultData');
        return data[`${toPsString(config.Prefix)}${toPsString(key)}`];
      },
      set: async (config: any, key: any, value: any) => {
        let data: any;
        data = await getState<any>('vaultData');
        data[`${toPsString(config.Prefix)}${toPsString(key)}`] = value;
        await setState('vaultData', data);
      },
      remove: async (config: any, key: any) => {
        let data: any;
        data = await getState<any>('vaultData');
        delete data[`${toPsString(config.Prefix)}${toPsString(key)}`];
      },
    },
  });
  // one member of the secret, and the whole of it
  s.mountSecret({ name: 'apiKey', vault: 'StateVault', key: 'api', expandProperty: 'key' });
  s.mountSecret({ name: 'api', vault: 'StateVault', key: 'api' });
  s.addRoute({ method: 'GET', path: '/api-key' }, async (e) => {
    e.writeJson({ Key: await getSecret<any>('apiKey') });
  });
  s.addRoute({ method: 'POST', path: '/api-key' }, async (e) => {
    await updateSecret('apiKey', (e.data as any).key);
    e.writeJson({ Api: await getSecret<any>('api') });
  });
  s.addRoute({ method: 'GET', path: '/api' }, async (e) => {
    e.writeJson({ Api: await getSecret('api') });
  });
  // secrets by key, straight from the vault
  s.addRoute({ method: 'GET', path: '/adhoc/:key' }, async (e) => {
    let value: any;
    value = await readSecret({ key: toPsString(e.parameters.key), vault: 'StateVault' });
    e.writeJson({ Value: value });
  });
  s.addRoute({ method: 'POST', path: '/adhoc/:key' }, async (e) => {
    await setSecret({
      key: toPsString(e.parameters.key),
      vault: 'StateVault',
      value: (e.data as any).value,
    });
    mountSecret({
      name: toPsString((e.data as any).name),
      vault: 'StateVault',
      key: toPsString(e.parameters.key),
    });
    e.writeJson({ Mounted: testSecret(toPsString((e.data as any).name)) });
  });
  s.addRoute({ method: 'GET', path: '/mounted/:name' }, async (e) => {
    if (!testSecret(toPsString(e.parameters.name))) {
      e.setStatus(404);
      return;
    }
    e.writeJson({ Value: await getSecret(toPsString(e.parameters.name)) });
  });
  s.addRoute({ method: 'DELETE', path: '/adhoc/:key' }, async (e) => {
    await removeSecret({ key: toPsString(e.parameters.key), vault: 'StateVault' });
    await dismountSecret(toPsString(e.parameters.key));
    e.writeJson({
      Value: await readSecret({ key: toPsString(e.parameters.key), vault: 'StateVault' }),
    });
  });
  s.addRoute({ method: 'GET', path: '/vaults/:name' }, async (e) => {
    e.writeJson({ Exists: testSecretVault(toPsString(e.parameters.name)) });
  });
});
