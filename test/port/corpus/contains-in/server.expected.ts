import { startServer, type ServerBuilder } from 'pode-ts';
import {
  contains,
  isIn,
  isNullOrEmpty,
  notContains,
  notIn,
  toPsString,
  truthy,
} from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    const allowedColours = ['red', 'green', 'blue'];
    const blockedUsers = ['eve', 'mallory'];
    s.addRoute({ method: 'GET', path: '/colour/:colour' }, async (e) => {
      let colour: any;
      colour = e.parameters.colour;
      e.writeJson({
        Colour: colour,
        Allowed: contains(allowedColours, colour),
        AllowedIn: isIn(colour, allowedColours),
        NotAllowed: notIn(colour, allowedColours),
        Exact: contains(allowedColours, colour, true),
      });
    });
    s.addRoute({ method: 'GET', path: '/login/:user' }, async (e) => {
      let user: any;
      user = e.parameters.user;
      if (notContains(blockedUsers, user) && !isNullOrEmpty(user)) {
        e.writeText(`welcome ${toPsString(user)}`);
      } else {
        e.setStatus(403);
      }
    });
    s.addRoute({ method: 'GET', path: '/truthy' }, async (e) => {
      let checks: any;
      let values: any;
      checks = {} as Record<string, any>;
      values = {
        'empty-string': '',
        zero: 0,
        'text-zero': '0',
        'text-false': 'False',
        'empty-array': [] as any[],
        null: null,
        one: 1,
      };
      for (const key of Object.keys(values)) {
        if (truthy(values[key])) {
          checks[key] = 'truthy';
        } else {
          checks[key] = 'falsy';
        }
      }
      e.writeJson(checks);
    });
  },
  { threads: 2 },
);
