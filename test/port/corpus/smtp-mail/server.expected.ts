import { getState, newLogTerminalMethod, setState, startServer, type ServerBuilder } from 'pode-ts';
import { toArray, toPsString, writePodeHost } from 'pode-ts/powershell';

/*
 *
 * A mail catcher for tests: an SMTP endpoint keeps the last email it received in the
 * server's state, and an HTTP route shows it.
 *
 */
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8085, protocol: 'http' });
  s.addEndpoint({ address: 'localhost', port: 2525, protocol: 'smtp' });
  s.enableLogErrorType(newLogTerminalMethod());
  await setState('LastMail', {} as Record<string, any>);
  s.addHandler('smtp', 'Catcher', async (e) => {
    let mail: any;
    mail = {
      From: e.email.from,
      To: toArray(e.email.to),
      Subject: e.email.subject,
      Urgent: e.email.isUrgent,
      Body: e.email.body.trim(),
      Attachments: e.email.attachments.length,
    };
    await setState('LastMail', mail);
    writePodeHost(`mail from ${toPsString(e.email.from)}`);
  });
  s.addRoute({ method: 'GET', path: '/last' }, async (e) => {
    e.writeJson(await getState<any>('LastMail'));
  });
});
