import { startServer, type ServerBuilder, writeJsonResponse } from 'pode-ts';
import {
  divide,
  isNullOrWhiteSpace,
  mathCeiling,
  mathMax,
  ne,
  replace,
  split,
  toInt,
  toPsString,
  whereObject,
} from 'pode-ts/powershell';

// helpers used by the routes: Pode imports script functions into its runspaces
async function convertToSlug(text = '') {
  let slug: any;
  slug = text.toLowerCase().trim();
  slug = replace(slug, '[^a-z0-9\\s-]', '');
  slug = replace(slug, '\\s+', '-');
  return slug;
}
async function getReadingTime(text = '', wordsPerMinute: number = 200) {
  const words = whereObject(split(text, '\\s+'), (item: any) => ne(item, '')).length;
  return mathMax(1, mathCeiling(divide(words, wordsPerMinute)));
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
      await newApiError(422, 'title is required');
      return;
    }
    e.writeJson(
      { slug: await convertToSlug(title), minutes: await getReadingTime(body) },
      { statusCode: 201 },
    );
  });
  s.addRoute({ method: 'GET', path: '/slug' }, async (e) => {
    e.writeText(toPsString(await convertToSlug(e.query.text)));
  });
});
