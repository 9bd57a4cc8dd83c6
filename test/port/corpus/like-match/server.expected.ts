import { startServer, type ServerBuilder } from 'pode-ts';
import {
  type MatchTable,
  eq,
  like,
  match,
  matchOne,
  notLike,
  toInt,
  toPsString,
} from 'pode-ts/powershell';

let matches: MatchTable | null = null;

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/classify' }, async (e) => {
    let email: any;
    let result: any;
    email = e.query.email;
    result = { Email: email };
    if ((matches = matchOne(email, '^(?<user>[^@]+)@(?<domain>[^@]+)$')) !== null) {
      result.User = matches.user;
      result.Domain = matches.domain.toLowerCase();
      result.Corporate = like(matches.domain, '*.corp');
      result.Gmail = eq(matches.domain, 'GMAIL.com');
      result.StrictGmail = eq(matches.domain, 'GMAIL.com', true);
    } else {
      result.Valid = false;
    }
    e.writeJson(result);
  });
  s.addRoute({ method: 'GET', path: '/filter' }, async (e) => {
    const files = ['report.pdf', 'Photo.JPG', 'notes.txt', 'photo2.jpg', 'data.csv'];
    e.writeJson({
      Images: like(files, '*.jpg'),
      NotImages: notLike(files, '*.jpg'),
      Digits: match(files, '\\d'),
      CaseOnly: like(files, '*.jpg', true),
    });
  });
  s.addRoute({ method: 'GET', path: '/version-check' }, async (e) => {
    let agent: any;
    agent = e.headers['user-agent'];
    if ((matches = matchOne(agent, 'MyClient/(\\d+)\\.(\\d+)')) === null) {
      e.writeText('unknown client', { statusCode: 400 });
      return;
    }
    const major = toInt(matches[1]);
    if (major < 2) {
      e.writeText(`please upgrade from ${toPsString(matches[0])}`, { statusCode: 426 });
      return;
    }
    e.writeText(`ok v${major}.${toPsString(matches[2])}`);
  });
});
