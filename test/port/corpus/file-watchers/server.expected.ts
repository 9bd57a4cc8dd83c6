import { getState, lockObject, setState, startServer, type ServerBuilder } from 'pode-ts';
import { add, joinPath, setContent, startSleep, toArray, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  await setState('seen', [] as any[]);
  // note each price list someone drops in ./incoming (csv files only)
  s.addFileWatcher(
    { path: './incoming', eventName: ['Created', 'Changed'], include: '*.csv' },
    async (fileEvent) => {
      await lockObject(async () => {
        let seen: any;
        seen = await getState<any>('seen');
        await setState('seen', add(toArray(seen), `${fileEvent.type} ${fileEvent.name}`));
      });
    },
  );
  // an upload drops a file into the watched folder
  s.addRoute({ method: 'POST', path: '/prices/:name' }, async (e) => {
    const path = joinPath('./incoming', e.parameters.name);
    setContent(path, `uploaded ${toPsString(new Date())}`);
    e.setStatus(202);
  });
  s.addRoute({ method: 'GET', path: '/prices' }, async (e) => {
    // give the watcher a moment to see the newest file
    let seen: any;
    await startSleep({ milliseconds: 700 });
    seen = await getState<any>('seen');
    e.writeJson({ Seen: toArray(seen) });
  });
});
