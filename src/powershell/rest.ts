/**
 * PowerShell's `Invoke-RestMethod` over `fetch`: a request whose answer comes back parsed (JSON
 * as a value, anything else as text), and an error thrown for a status that is not a success.
 */
import { PowerShellError } from './errors.js';

/** `invokeRestMethod` options (Invoke-RestMethod's parameters). */
export interface InvokeRestMethodOptions {
  /** Default `'GET'`. */
  method?: string;
  /**
   * A string or bytes are sent as they are; an object is sent as a form
   * (`application/x-www-form-urlencoded`), or as the query string of a GET.
   */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, unknown>;
}

/**
 * PowerShell's `Invoke-RestMethod`: sends the request and returns the answer parsed, as
 * PowerShell does: JSON (by its content type) as a value, anything else as text. A status that
 * is not 2xx throws, as in PowerShell (catch it with try/catch).
 */
export async function invokeRestMethod(
  // PowerShell casts whatever it is given to a Uri: a value read from a hashtable is taken as well
  uri: unknown,
  options: InvokeRestMethodOptions = {},
): Promise<unknown> {
  const method = (options.method ?? 'GET').toUpperCase();
  const url = new URL(String(uri));
  const headers = new Headers();
  for (const [name, value] of Object.entries(options.headers ?? {}))
    headers.set(name, String(value));
  if (options.contentType !== undefined) headers.set('content-type', options.contentType);
  let body: string | Uint8Array | undefined;
  const given = options.body;
  if (given === undefined || given === null) body = undefined;
  else if (typeof given === 'string' || given instanceof Uint8Array) body = given;
  else if (typeof given === 'object') {
    const form = new URLSearchParams();
    const entries = given instanceof Map ? [...given.entries()] : Object.entries(given);
    for (const [key, value] of entries) form.append(String(key), String(value));
    if (method === 'GET') for (const [key, value] of form) url.searchParams.append(key, value);
    else {
      body = form.toString();
      if (!headers.has('content-type'))
        headers.set('content-type', 'application/x-www-form-urlencoded');
    }
  } else body = String(given);
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  if (!response.ok) {
    throw new PowerShellError(
      'WebCmdletWebResponseException',
      `Response status code does not indicate success: ${response.status} (${response.statusText}).${text === '' ? '' : ` ${text}`}`,
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (/[/+]json\b/i.test(type)) return text.trim() === '' ? null : JSON.parse(text);
  return text;
}
