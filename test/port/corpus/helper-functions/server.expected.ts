import { PodeError, startServer, type ServerBuilder, writeJsonResponse } from 'pode-ts';
import { isNullOrWhiteSpace, mathCeiling, mathMax, ne, replace, split, toInt, toPsString, whereObject } from 'pode-ts/powershell';

// helpers used by the routes: Pode imports script functions into its runspaces
async function convertToSlug(text: string) {
  let slug: any;
  slug = text.toLowerCase().trim();
  slug = replace(slug, '[^a-z0-9\\s-]', '');
  slug = replace(slug, '\\s+', '-');
  return slug;
}
async function getReadingTime(text: string, wordsPerMinute: number = 200) {
  let words: any;
  words = (whereObject(split(text, '\\s+'), (item: any) => ne(item, ''))).length;
  // TODO(port): return [Math]::Max(1, [Math]::Ceiling($words / $WordsPerMinute))
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: multiplicative argument expression');
}
async function newApiError(code?: any, message?: any) {
  writeJsonResponse({ error: { code: code, message: message } }, { statusCode: toInt(code) });
}
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'POST', path: '/posts' }, async (e) => {
    let title: any;
    let body: any;
    title = (e.data as any).title;
    body = (e.data as any).body;
    if (isNullOrWhiteSpace(title)) {
      // TODO(port): New-ApiError -Code 422 -Message 'title is required'
      throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: a named argument to a script function');
      return;
    }
    // TODO(port): Write-PodeJsonResponse -StatusCode 201 -Value @{
    //     slug    = ConvertTo-Slug -Text $title
    //     minutes = Get-ReadingTime -Text $body
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: a named argument to a script function');
  });
  s.addRoute({ method: 'GET', path: '/slug' }, async (e) => {
    e.writeText(toPsString((await convertToSlug(e.query.text))));
  });
});
