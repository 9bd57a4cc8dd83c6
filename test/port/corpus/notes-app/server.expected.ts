import { PodeError, form, startServer, type ServerBuilder } from 'pode-ts';
import { add, eq, isNullOrWhiteSpace, selectObject, toArray, toInt, toPsString, whereObject } from 'pode-ts/powershell';

declare module 'pode-ts' {
  interface SessionData {
    notes?: any;
  }
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
async function testNoteTitle(title: string) {
  return (!isNullOrWhiteSpace(title)) && (title.length <= 40);
}
async function getNoteSummary(notes?: any) {
  if (notes == null) {
    notes = [] as any[];
  }
  notes = toArray(notes);
  // TODO(port): return [ordered]@{
  //     Total  = $notes.Count
  //     Done   = @($notes | Where-Object { $_.Done }).Count
  //     Titles = @($notes | ForEach-Object { $_.Title } | Sort-Object)
  // }
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [ordered]@{\n        Total  = $notes.Count\n        Done   = @($notes | Where-Object { $_.Done }).Count\n        Titles = @($notes | ForEach-Object { $_.Title } | Sort-Object)\n    }]');
}
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: toInt(port), protocol: 'http' });
  s.enableSessionMiddleware({ duration: 600, extend: true });
  s.addAuth('Notes', form({ usernameField: 'user', passwordField: 'pass' }), async ({ username: user, password: pass }, e) => {
    if (eq(pass, `${toPsString((user))}123`)) {
      return { User: { Name: user } };
    }
    return { Message: 'Wrong password' };
  }, { failureUrl: '/signin', successUrl: '/notes' });
  s.addRoute({ method: 'GET', path: '/signin', authentication: 'Notes', login: true }, async (e) => {
    e.writeHtml('<form method="post"><input name="user"><input name="pass"></form>');
  });
  s.addRoute({ method: 'POST', path: '/signin', authentication: 'Notes', login: true });
  s.addRoute({ method: 'GET', path: '/notes', authentication: 'Notes' }, async (e) => {
    let summary: any;
    // TODO(port): $summary = Get-NoteSummary -Notes $WebEvent.Session.Data.Notes
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: a named argument to a script function');
    summary.Owner = e.auth.user.Name;
    e.writeJson(summary);
  });
  s.addRoute({ method: 'POST', path: '/notes', authentication: 'Notes' }, async (e) => {
    let title: any;
    let note: any;
    title = (e.data as any).title;
    // TODO(port): if (!(Test-NoteTitle -Title $title)) {
    //     Write-PodeJsonResponse -StatusCode 422 -Value @{ Error = 'A title of 1 to 40 characters is required' }
    //     return
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: a named argument to a script function');
    if (e.session.data.notes == null) {
      e.session.data.notes = [] as any[];
    }
    note = { Id: toArray(e.session.data.notes).length + 1, Title: title, Done: false };
    e.session.data.notes = add(e.session.data.notes, note);
    e.writeJson(note, { statusCode: 201 });
  });
  s.addRoute({ method: 'POST', path: '/notes/:id/done', authentication: 'Notes' }, async (e) => {
    let id: any;
    let note: any;
    // TODO(port): $id = [int]$WebEvent.Parameters['id']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Parameters[\'id\']');
    note = selectObject(whereObject(e.session.data.notes, (item: any) => eq(item.Id, id)), { first: 1 });
    if (note == null) {
      e.setStatus(404);
      return;
    }
    note.Done = true;
    e.writeJson(note);
  });
  s.addRoute({ method: 'POST', path: '/signout', authentication: 'Notes', logout: true });
}, { threads: 2 });
