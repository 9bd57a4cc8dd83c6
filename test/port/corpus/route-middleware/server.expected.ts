import { getWebEvent, setResponseStatus, startServer, type ServerBuilder } from 'pode-ts';
import { ne, toPsString } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    let requireJson: any;
    let stamp: any;
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    // route middleware as script blocks held in variables
    requireJson = async () => {
      if (ne(getWebEvent().contentType, 'application/json')) {
        setResponseStatus(415);
        return false;
      }
      return true;
    };
    stamp = async () => {
      (getWebEvent().metadata as any).Stamp = 'checked';
      return true;
    };
    s.addRoute({ method: 'POST', path: '/echo', middleware: [requireJson, stamp] }, async (e) => {
      e.writeJson({ You: e.data, Stamp: (e.metadata as any).Stamp });
    });
    s.addRoute({ method: 'GET', path: '/plain', middleware: [stamp] }, async (e) => {
      e.writeText(toPsString((e.metadata as any).Stamp));
    });
  },
  { threads: 2 },
);
