import { getState, lockObject, setState, startServer, type ServerBuilder } from 'pode-ts';
import { add } from 'pode-ts/powershell';

// shared settings changed through a state value's methods, keys and properties
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  await setState('settings', { Changes: 0 });
  s.addRoute({ method: 'POST', path: '/settings' }, async (e) => {
    let key: any;
    key = (e.data as any).key;
    await lockObject(async () => {
      {
        const stateSettings = await getState<any>('settings');
        stateSettings[key] = (e.data as any).value;
        await setState('settings', stateSettings);
      }
      {
        const stateSettings = await getState<any>('settings');
        stateSettings.LastKey = key;
        await setState('settings', stateSettings);
      }
      {
        const stateSettings = await getState<any>('settings');
        stateSettings.Changes = add(stateSettings.Changes, 1);
        await setState('settings', stateSettings);
      }
    });
    e.writeJson(await getState<any>('settings'));
  });
  s.addRoute({ method: 'DELETE', path: '/settings/:key' }, async (e) => {
    {
      const stateSettings = await getState<any>('settings');
      delete stateSettings[e.parameters.key];
      await setState('settings', stateSettings);
    }
    e.writeJson(await getState<any>('settings'));
  });
  s.addRoute({ method: 'POST', path: '/settings/reset' }, async (e) => {
    let settings: any;
    settings = await getState<any>('settings');
    delete settings['LastKey'];
    await setState('settings', settings);
    settings.Changes = 0;
    await setState('settings', settings);
    e.writeJson(await getState<any>('settings'));
  });
});
