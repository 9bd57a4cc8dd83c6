import {
  addFlashMessage,
  getFlashMessage,
  getFlashMessageNames,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { notMatch, toArray, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.enableSessionMiddleware({ duration: 120, extend: true });
  // post/redirect/get with flash messages
  s.addRoute({ method: 'POST', path: '/contact' }, async (e) => {
    let email: any;
    email = (e.data as any).email;
    if (notMatch(email, '^[^@\\s]+@[^@\\s]+$')) {
      addFlashMessage('error', `'${toPsString(email)}' is not an email address`);
      e.redirect('/contact');
      return;
    }
    addFlashMessage('info', 'Thanks, we will be in touch');
    addFlashMessage('info', `A copy went to ${toPsString(email)}`);
    e.redirect('/contact');
  });
  s.addRoute({ method: 'GET', path: '/contact' }, async (e) => {
    // every flash message waiting for this visitor, by name (each is read once)
    let messages: any;
    const names = toArray(getFlashMessageNames());
    messages = {} as Record<string, any>;
    for (const name of names) {
      messages[name] = toArray(getFlashMessage(toPsString(name)));
    }
    e.writeJson({ Names: names.length, Messages: messages });
  });
});
