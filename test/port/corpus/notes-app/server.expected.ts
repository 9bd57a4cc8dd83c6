import { form, startServer, type ServerBuilder } from 'pode-ts';
import {
  add,
  count,
  eq,
  forEachObject,
  isNullOrWhiteSpace,
  selectObject,
  sortObject,
  toArray,
  toInt,
  toPsString,
  truthy,
  whereObject,
} from 'pode-ts/powershell';

declare module 'pode-ts' {
  interface SessionData {
    notes?: any;
  }
}

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

/*
 *
 * .SYNOPSIS
 * A small notes service: sign in with a form, then keep notes in your session.
 *
 * .EXAMPLE
 * ./server.ps1 -Port 8090
 *
 */
// param $Port: set PORT to override
const port = process.env.PORT === undefined ? 8090 : Number(process.env.PORT);
async function testNoteTitle(title = '') {
  return !isNullOrWhiteSpace(title) && title.length <= 40;
}
async function getNoteSummary(notes?: any) {
  if (notes == null) {
    notes = [] as any[];
  }
  notes = toArray(notes);
  return {
    Total: count(notes),
    Done: whereObject(notes, (item: any) => truthy(item.Done)).length,
    Titles: sortObject(forEachObject(notes, (item: any) => item.Title)),
  };
}
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: toInt(port), protocol: 'http' });
  s.enableSessionMiddleware({ duration: 600, extend: true });
  s.addAuth(
    'Notes',
    form({ usernameField: 'user', passwordField: 'pass' }),
    async ({ username: user, password: pass }, e) => {
      if (eq(pass, `${toPsString(user)}123`)) {
        return { user: { Name: user } };
      }
      return { message: 'Wrong password' };
    },
    { failureUrl: '/signin', successUrl: '/notes' },
  );
  s.addRoute(
    { method: 'GET', path: '/signin', authentication: 'Notes', login: true },
    async (e) => {
      e.writeHtml('<form method="post"><input name="user"><input name="pass"></form>');
    },
  );
  s.addRoute({ method: 'POST', path: '/signin', authentication: 'Notes', login: true });
  s.addRoute({ method: 'GET', path: '/notes', authentication: 'Notes' }, async (e) => {
    let summary: any;
    summary = await getNoteSummary(e.session.data.notes);
    summary.Owner = e.auth.user?.Name;
    e.writeJson(summary);
  });
  s.addRoute({ method: 'POST', path: '/notes', authentication: 'Notes' }, async (e) => {
    let title: any;
    let note: any;
    title = (e.data as any).title;
    if (!truthy(await testNoteTitle(title))) {
      e.writeJson({ Error: 'A title of 1 to 40 characters is required' }, { statusCode: 422 });
      return;
    }
    if (e.session.data.notes == null) {
      e.session.data.notes = [] as any[];
    }
    note = { Id: toArray(e.session.data.notes).length + 1, Title: title, Done: false };
    e.session.data.notes = add(e.session.data.notes, note);
    e.writeJson(note, { statusCode: 201 });
  });
  s.addRoute({ method: 'POST', path: '/notes/:id/done', authentication: 'Notes' }, async (e) => {
    let note: any;
    const id = toInt(e.parameters.id);
    note = psOutput(
      selectObject(
        whereObject(e.session.data.notes, (item: any) => eq(item.Id, id)),
        { first: 1 },
      ),
    );
    if (note == null) {
      e.setStatus(404);
      return;
    }
    note.Done = true;
    e.writeJson(note);
  });
  s.addRoute({ method: 'POST', path: '/signout', authentication: 'Notes', logout: true });
});
