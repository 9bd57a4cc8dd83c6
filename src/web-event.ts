/**
 * The per-request WebEvent (Pode's `$WebEvent`): the request, its parsed parts, the session and
 * the response helpers. Expensive parts (query, cookies, remote address) are built on first use.
 * The response is buffered here and sent once, after endware (see pipeline.ts).
 */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import type { Logger } from 'pino';
import { accessRegistryOf, findAccessRegistry } from './access/bind.js';
import type { TestAccessOptions } from './access/registry.js';
import { findAuthRegistry } from './auth/bind.js';
import type { AuthUserOptions } from './auth/functions.js';
import { type CookieSecretOptions, cookieSecretName } from './cookie-secrets.js';
import {
  type CookieOptions,
  expiredAttributes,
  lifetimeAttributes,
  parseCookies,
  serializeCookie,
} from './cookies.js';
import {
  type EndpointBases,
  type RedirectTarget,
  redirectTargetUrl,
} from './endpoints/redirect.js';
import { ErrorCodes, NoSessionError, PodeError } from './errors.js';
import { markdownToHtml, toCsv, toJson, toXml, toYaml } from './formats/write.js';
import { type ResolveMcpOptions, resolveMcp } from './mcp/resolve.js';
import { openSignalConnection, signalConnectionOf } from './realtime/signals.js';
import { openSseConnection, sseConnectionOf } from './realtime/sse.js';
import type {
  SignalConnection,
  SignalConnectionOptions,
  SseConnection,
  SseConnectionOptions,
} from './realtime/types.js';

import type { Compressor } from './security/compression.js';
import type { Session } from './sessions/session.js';
import { signValue, strictKey, unsignValue } from './signing.js';
import type { SiteContext } from './site.js';
import { mediaTypeOf } from './static/error-pages.js';
import type { StreamedBody } from './static/files.js';
import {
  type AttachmentOptions,
  type FileResponseOptions,
  respondWithAttachment,
  respondWithDirectory,
  respondWithFile,
} from './static/respond.js';
import type {
  AuthState,
  EndpointInfo,
  RequestData,
  ResolvedAuthUser,
  ResolvedWebEventMetadata,
  RouteInfo,
  UploadedFile,
} from './types.js';
import { type SaveFileOptions, saveUploadedFile } from './uploads/save.js';
import { renderPartial, renderView, type ViewData, type ViewOptions } from './views/render.js';

/** Server-wide settings every event of one endpoint shares (built once at start-up). */
export interface EventContext {
  endpoint: EndpointInfo;
  trustProxy: boolean;
  logger: Logger;
  /** The server root, folders, view engine and static routes (views and static files). */
  site: SiteContext;
  /** Response compression (`s.enableCompression`), when enabled. */
  compressor?: Compressor;
  /** The base URLs of the server's endpoints by name (redirects to another endpoint). */
  endpointBases?: EndpointBases;
  /** Pode's cookie secrets by name (`s.setCookieSecret`). */
  cookieSecrets?: ReadonlyMap<string, string>;
}

/** Options of `writeJson`, `writeText`, `writeHtml` and `writeFile`. */
export interface WriteOptions {
  /** The response status; left as it is when omitted. */
  statusCode?: number;
}

/** Options of `writeText` (Pode's `Write-PodeTextResponse` parameters). */
export interface TextWriteOptions extends WriteOptions {
  /** The Content-Type instead of `text/plain` (`; charset=utf-8` is added), as Pode's `-ContentType`. */
  contentType?: string;
}

/** Options of `writeJson` (Pode's `Write-PodeJsonResponse` parameters). */
export interface JsonWriteOptions extends WriteOptions {
  /** Containers nested deeper are written as their string form, as `ConvertTo-Json -Depth` does (0–100). No limit when omitted. */
  depth?: number;
  /** Indent the JSON by two spaces (Pode's `-NoCompress`). */
  noCompress?: boolean;
  /** The Content-Type instead of `application/json` (`; charset=utf-8` is added). */
  contentType?: string;
}

/** Options of `writeXml` and `writeYaml` (Pode's `Write-PodeXmlResponse`/`Write-PodeYamlResponse`). */
export interface FormatWriteOptions extends WriteOptions {
  /** How deep objects are serialised (0–100, default 10, as Pode's `-Depth`). */
  depth?: number;
  /** The Content-Type instead of `application/xml` or `application/yaml` (`; charset=utf-8` is added). */
  contentType?: string;
}

/** Options of `writeMarkdown` (Pode's `Write-PodeMarkdownResponse`). */
export interface MarkdownWriteOptions extends WriteOptions {
  /** Render the Markdown to HTML (`text/html`) instead of sending it as `text/markdown`. Not sanitised. */
  asHtml?: boolean;
}

/** Options of `setStatus`. */
export interface StatusOptions {
  /** The HTTP reason phrase and the error page's message. */
  description?: string;
  /** Do not render an error page for a status of 400 or more. */
  noErrorPage?: boolean;
}

/** Options of `redirect`. */
export interface RedirectOptions {
  /** 301 Moved Permanently instead of 302 Found. */
  moved?: boolean;
}

/** Options of `getCookie` and `getHeader`. */
export interface SignedReadOptions {
  /** The secret (or rotation of secrets) the value must be signed with; null when it is not. */
  secret?: string | readonly string[];
  /** The value was signed in strict mode (bound to User-Agent and IP). */
  strict?: boolean;
}

/** Options of `setHeader` and `addHeader`. */
export interface HeaderOptions {
  /** Sign the value with this secret (the first of an array signs). */
  secret?: string | readonly string[];
  strict?: boolean;
}

/** A callback run at the end of the request, before the response is sent. */
export type EndCallback = (event: WebEvent) => unknown;

/** @internal The session slot; read through `e.session`. */
export const kSession = Symbol('pode.session');

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';
const YAML_TYPE = 'application/yaml; charset=utf-8';
const MARKDOWN_TYPE = 'text/markdown; charset=utf-8';

/** The request being handled: Pode's `$WebEvent`. */
export class WebEvent<TData = RequestData> {
  /** Node's request. */
  readonly request: IncomingMessage;
  /** Node's response: prefer the helpers, which buffer until endware has run. */
  readonly response: ServerResponse;
  /** The request method, upper case. */
  readonly method: string;
  /** The request path, without the query string. */
  readonly path: string;
  /** Route parameters (`:name`, and `*` for a trailing wildcard), percent-decoded. */
  parameters: Record<string, string>;
  /** Files of a multipart body, by field name. */
  files: Record<string, UploadedFile>;
  /** The matched route, or undefined for a 404/405. */
  readonly route: RouteInfo | undefined;
  /** The endpoint the request arrived on. */
  readonly endpoint: EndpointInfo;
  /** @internal */
  [kSession]: Session | undefined;

  readonly #context: EventContext;
  #data: TData | undefined;
  readonly #rawQuery: string | undefined;
  #query: Record<string, string> | undefined;
  #cookies: Record<string, string> | undefined;
  #remoteAddress: string | undefined;
  #metadata: ResolvedWebEventMetadata | undefined;
  #auth: AuthState | undefined;
  readonly #started: number;
  #onEnd: EndCallback[] | undefined;
  #body: string | Buffer | undefined;
  /** The Content-Type of `#body` (set with it by `#setBody`, read only while there is a body). */
  #type: string | undefined;
  #errorPage = false;
  #statusMessage: string | undefined;
  #pageMessage: string | undefined;
  /** Pending Set-Cookie lines by cookie name, flat: `[name, line, name, line, …]`. */
  #setCookies: string[] | undefined;
  /** A file streamed as the body instead of `#body` (set by `writeFile` and static routes). */
  #streamed: StreamedBody | undefined;

  /** @internal Built by the server for each request. */
  constructor(
    request: IncomingMessage,
    response: ServerResponse,
    context: EventContext,
    path: string,
    rawQuery: string | undefined,
    parameters: Record<string, string>,
    route: RouteInfo | undefined,
  ) {
    this.request = request;
    this.response = response;
    this.method = request.method ?? 'GET';
    this.path = path;
    this.parameters = parameters;
    this.files = EMPTY_FILES;
    this.route = route;
    this.endpoint = context.endpoint;
    this[kSession] = undefined;
    this.#context = context;
    this.#rawQuery = rawQuery;
    this.#started = Date.now();
  }

  /** The parsed body: an object for JSON, forms and multipart, a string for `text/*`; `{}` without a body. */
  get data(): TData {
    this.#data ??= {} as TData;
    return this.#data;
  }

  set data(value: TData) {
    this.#data = value;
  }

  /** The request headers (Node's: lower-case keys, repeats joined with `, `). */
  get headers(): IncomingHttpHeaders {
    return this.request.headers;
  }

  /** The query string as an object of strings (a repeated key keeps its values joined by `,`). */
  get query(): Record<string, string> {
    this.#query ??= parseQuery(this.#rawQuery);
    return this.#query;
  }

  /** The request cookies, percent-decoded. Signed values are as sent: see `getCookie`. */
  get cookies(): Record<string, string> {
    this.#cookies ??= parseCookies(this.request.headers.cookie);
    return this.#cookies;
  }

  /** The request's media type, without parameters (`application/json`), or `''`. */
  get contentType(): string {
    const header = this.request.headers['content-type'];
    if (header === undefined) return '';
    const semicolon = header.indexOf(';');
    return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  }

  /** The client's IP (IPv4-mapped IPv6 as plain IPv4; the first X-Forwarded-For with trustProxy). */
  get remoteAddress(): string {
    this.#remoteAddress ??= clientAddress(this.request, this.#context.trustProxy);
    return this.#remoteAddress;
  }

  /** True when the request came over https (or X-Forwarded-Proto says so, with trustProxy). */
  get isSecure(): boolean {
    if (this.endpoint.protocol === 'https' || this.endpoint.protocol === 'wss') return true;
    if (!this.#context.trustProxy) return false;
    const forwarded = this.request.headers['x-forwarded-proto'];
    return (
      typeof forwarded === 'string' && forwarded.split(',')[0].trim().toLowerCase() === 'https'
    );
  }

  /** When the request arrived. */
  get timestamp(): Date {
    return new Date(this.#started);
  }

  /** Milliseconds since the request arrived. */
  get elapsed(): number {
    return Date.now() - this.#started;
  }

  /** Free for user code: `{}` on every event. */
  get metadata(): ResolvedWebEventMetadata {
    this.#metadata ??= {};
    return this.#metadata;
  }

  /** The authentication state: `{ isAuthenticated: false }` until an auth succeeds. */
  get auth(): AuthState {
    this.#auth ??= { isAuthenticated: false };
    return this.#auth;
  }

  set auth(value: AuthState) {
    this.#auth = value;
  }

  /** The request's session; throws `PODE_ERR_NO_SESSION` when there is none (see `hasSession`). */
  get session(): Session {
    const session = this[kSession];
    if (session === undefined || session.removed) throw new NoSessionError();
    return session;
  }

  /** Whether this request has a session. */
  get hasSession(): boolean {
    const session = this[kSession];
    return session !== undefined && !session.removed;
  }

  /** The pino logger of the server. */
  get log(): Logger {
    return this.#context.logger;
  }

  /**
   * The authenticated user (`Get-PodeAuthUser`): `e.auth.user`, else the user of the session's
   * login (unless `ignoreSession`); null when nobody is logged in.
   */
  getAuthUser(options: AuthUserOptions = {}): ResolvedAuthUser | null {
    const auth = this.auth;
    if (auth.isAuthenticated && auth.user !== undefined) return auth.user;
    if (options.ignoreSession === true || !this.hasSession) return null;
    const stored = this.session.authData;
    return stored?.isAuthenticated === true && stored.user !== undefined ? stored.user : null;
  }

  /** Whether the request is authenticated, by `e.auth` or the session's login (`Test-PodeAuthUser`). */
  testAuthUser(options: AuthUserOptions = {}): boolean {
    return this.getAuthUser(options) !== null;
  }

  /**
   * Whether this request authenticates with authentication `name` (`Test-PodeAuth`), for a route
   * that checks by itself: a logged-in session passes (unless `ignoreSession`), else the scheme
   * reads and the validator checks. Nothing is written to the response or to `e.auth`.
   */
  async testAuth(name: string, options: AuthUserOptions = {}): Promise<boolean> {
    if (options.ignoreSession !== true && this.hasSession && this.testAuthUser()) return true;
    const registry = findAuthRegistry(this.route);
    if (registry === undefined) {
      throw new PodeError(
        ErrorCodes.AUTH_UNKNOWN,
        `testAuth(): Authentication method does not exist: ${name}`,
        "Add it with s.addAuth('Name', scheme, validate) in the set-up.",
      );
    }
    return registry.test(name, this as WebEvent);
  }

  /** Whether the server has an authentication of this name (`Test-PodeAuthExists`). */
  testAuthExists(name: string): boolean {
    return findAuthRegistry(this.route)?.has(name) === true;
  }

  /**
   * Whether `source` values meet `destination` values under access method `name`
   * (`Test-PodeAccess`): an empty destination allows; an empty source asks the scheme's
   * `scriptBlock` with this request's user. Resolves to true or false.
   */
  async testAccess(name: string, options: TestAccessOptions = {}): Promise<boolean> {
    return accessRegistryOf(this.route, 'testAccess').test(name, options, this as WebEvent);
  }

  /** Whether this request's user's values meet `values` under access method `name` (`Test-PodeAccessUser`). */
  async testAccessUser(name: string, values: unknown): Promise<boolean> {
    return accessRegistryOf(this.route, 'testAccessUser').testUser(name, values, this as WebEvent);
  }

  /** Whether this request's user passes access method `name` with its route's values (`Test-PodeAccessRoute`). */
  async testAccessRoute(name: string): Promise<boolean> {
    return accessRegistryOf(this.route, 'testAccessRoute').testRoute(name, this as WebEvent);
  }

  /** Whether the server has an access method of this name (`Test-PodeAccessExists`). */
  testAccessExists(name: string): boolean {
    return findAccessRegistry(this.route)?.has(name) === true;
  }

  /** Runs `fn` at the end of the request, before server endware and before the response is sent. */
  onEnd(fn: EndCallback): void {
    (this.#onEnd ??= []).push(fn);
  }

  /** @internal The callbacks registered with onEnd. */
  endCallbacks(): readonly EndCallback[] | undefined {
    return this.#onEnd;
  }

  // ---- responses ----------------------------------------------------------------------------

  /**
   * Writes `value` as JSON (`application/json; charset=utf-8`), replacing any earlier body;
   * `depth`, `noCompress` and `contentType` are Pode's `-Depth`, `-NoCompress` and `-ContentType`.
   */
  writeJson(value: unknown, options?: JsonWriteOptions): void {
    if (
      options === undefined ||
      (options.depth === undefined &&
        options.noCompress === undefined &&
        options.contentType === undefined)
    ) {
      this.#write(JSON.stringify(value) ?? 'null', JSON_TYPE, options);
      return;
    }
    const json = toJson(value, checkDepth(options.depth, undefined), options.noCompress === true);
    this.#write(json, withCharset(options.contentType, JSON_TYPE), options);
  }

  /**
   * Writes `value` as XML (`application/xml; charset=utf-8`, `Write-PodeXmlResponse`): a string
   * as it is, anything else as PowerShell's `ConvertTo-Xml` writes it (`<Objects><Object>
   * <Property Name="…">`), `depth` levels deep (default 10).
   */
  writeXml(value: unknown, options?: FormatWriteOptions): void {
    const xml =
      typeof value === 'string'
        ? value
        : value === null || value === undefined
          ? ''
          : toXml(value, checkDepth(options?.depth, 10));
    this.#write(xml, withCharset(options?.contentType, XML_TYPE), options);
  }

  /**
   * Writes `value` as CSV (`text/csv; charset=utf-8`, `Write-PodeCsvResponse`): a string as it
   * is, an object or array of objects as `ConvertTo-Csv` writes it (a header of the first
   * object's names, every field quoted).
   */
  writeCsv(value: unknown, options?: WriteOptions): void {
    const csv =
      typeof value === 'string' ? value : value === null || value === undefined ? '' : toCsv(value);
    this.#write(csv, CSV_TYPE, options);
  }

  /**
   * Writes `value` as YAML (`application/yaml; charset=utf-8`, `Write-PodeYamlResponse`): a
   * string as it is, anything else serialised `depth` levels deep (default 10); nothing is `[]`.
   */
  writeYaml(value: unknown, options?: FormatWriteOptions): void {
    const yaml =
      typeof value === 'string' && value.trim().length > 0
        ? value
        : toYaml(typeof value === 'string' ? undefined : value, checkDepth(options?.depth, 10));
    this.#write(yaml, withCharset(options?.contentType, YAML_TYPE), options);
  }

  /**
   * Writes Markdown (`Write-PodeMarkdownResponse`): as `text/markdown; charset=utf-8`, or with
   * `asHtml` rendered to HTML (CommonMark, raw HTML kept: not sanitised) as `text/html`.
   */
  writeMarkdown(markdown: string, options?: MarkdownWriteOptions): void {
    const text = String(markdown ?? '');
    if (options?.asHtml === true) this.#write(markdownToHtml(text), HTML_TYPE, options);
    else this.#write(text, MARKDOWN_TYPE, options);
  }

  /** Writes plain text (`text/plain; charset=utf-8`, or `contentType`), replacing any earlier body. */
  writeText(text: string, options?: TextWriteOptions): void {
    this.#write(String(text), withCharset(options?.contentType, TEXT_TYPE), options);
  }

  /** Writes HTML (`text/html; charset=utf-8`), replacing any earlier body. */
  writeHtml(html: string, options?: WriteOptions): void {
    this.#write(String(html), HTML_TYPE, options);
  }

  /**
   * Streams a file (`Write-PodeFileResponse`): a relative path is taken from the server root, the
   * type from the extension, with ETag, Last-Modified, 304 and Range; a view-engine file is
   * rendered with `data`; a folder is listed with `fileBrowser`; a missing file is a 404.
   */
  writeFile(path: string, options?: FileResponseOptions): Promise<void> {
    return respondWithFile(this as WebEvent, this.#context.site, path, options);
  }

  /** Writes the file browser's listing of a folder (`Write-PodeDirectoryResponse`); 404 when it is no folder. */
  writeDirectory(path: string): Promise<void> {
    return respondWithDirectory(this as WebEvent, this.#context.site, path);
  }

  /**
   * Sends a file as a download (`Set-PodeResponseAttachment`, `Content-Disposition: attachment`):
   * `path` is looked up in the static routes, then the public folder, then from the server root.
   */
  setResponseAttachment(path: string, options?: AttachmentOptions): Promise<void> {
    return respondWithAttachment(this as WebEvent, this.#context.site, path, options);
  }

  /**
   * Saves the file uploaded under the form field `key` (`Save-PodeRequestFile`): into the folder
   * `path` (default the server root) under its uploaded name, or at `path` when that is no
   * folder. Returns the path written. No file under `key`, or an uploaded name that is a path, is a 400.
   */
  saveRequestFile(key: string, options?: SaveFileOptions): Promise<string | undefined> {
    return saveUploadedFile(this.files, this.#context.site.root, key, options);
  }

  /**
   * Renders a view from the views folder with the view engine (`Write-PodeViewResponse`) and
   * writes it as HTML; the extension is optional. A missing view, or a path leaving the views
   * folder, is a 404.
   */
  writeView(path: string, data?: ViewData, options?: ViewOptions): Promise<void> {
    return renderView(this as WebEvent, this.#context.site, path, data, options);
  }

  /** Renders a partial view and returns it (`Use-PodePartialView`), for a view to include. */
  usePartialView(path: string, data?: ViewData, options?: { folder?: string }): Promise<string> {
    return renderPartial(this.#context.site, path, data, options);
  }

  /** Sets the status; 400 and above get an error page unless `noErrorPage` (or a body is written later). */
  setStatus(code: number, options?: StatusOptions): void {
    this.response.statusCode = code;
    this.#statusMessage = options?.description;
    if (code >= 400 && options?.noErrorPage !== true) {
      this.#errorPage = true;
      this.#body = undefined;
      if (this.#streamed !== undefined) this.#dropStreamed();
    } else {
      this.#errorPage = false;
    }
  }

  /**
   * Redirects: 302 Found, or 301 Moved Permanently with `moved`. Given `{ protocol, address,
   * port }` instead of a URL, to this request's URL with those changed; given `{ endpointName }`,
   * to the same path and query on that endpoint.
   */
  redirect(url: string | RedirectTarget, options?: RedirectOptions): void {
    const location =
      typeof url === 'string'
        ? url
        : redirectTargetUrl(url, this.request, this.isSecure, this.#context.endpointBases);
    this.response.statusCode = options?.moved === true ? 301 : 302;
    this.response.setHeader('Location', location);
    this.#statusMessage = undefined;
    this.#body = undefined;
    this.#errorPage = false;
    if (this.#streamed !== undefined) this.#dropStreamed();
  }

  /** A cookie secret stored with `s.setCookieSecret` (`Get-PodeCookieSecret`): `{ name }` or `{ global: true }`; undefined when not set. */
  getCookieSecret(options: CookieSecretOptions): string | undefined {
    return this.#context.cookieSecrets?.get(cookieSecretName('getCookieSecret()', options));
  }

  /** Sets a response header, replacing earlier values; signed with `secret` if given. */
  setHeader(
    name: string,
    value: string | number | readonly string[],
    options?: HeaderOptions,
  ): void {
    const secret = firstSecret(options?.secret);
    this.response.setHeader(
      name,
      secret === undefined ? value : this.#sign(String(value), secret, options?.strict === true),
    );
  }

  /** Adds a value to a response header, keeping earlier ones. */
  addHeader(name: string, value: string, options?: HeaderOptions): void {
    const secret = firstSecret(options?.secret);
    this.response.appendHeader(
      name,
      secret === undefined ? value : this.#sign(value, secret, options?.strict === true),
    );
  }

  /** Reads a request header; with `secret`, the unsigned value or null when it is not validly signed. */
  getHeader(name: string, options?: SignedReadOptions): string | null {
    const raw = this.request.headers[name.toLowerCase()];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) return null;
    return options?.secret === undefined
      ? value
      : this.unsign(value, options.secret, options.strict);
  }

  /** Sets a cookie (the last one set for a name on this response wins); signed with `secret`. */
  setCookie(name: string, value: string, options: CookieOptions = {}): void {
    const secret = firstSecret(options.secret);
    const written =
      secret === undefined ? value : this.#sign(value, secret, options.strict === true);
    this.setRawCookie(name, serializeCookie(name, written, lifetimeAttributes(options)));
  }

  /** Reads a request cookie; with `secret`, the unsigned value or null when it is not validly signed. */
  getCookie(name: string, options?: SignedReadOptions): string | null {
    const value = this.cookies[name];
    if (value === undefined) return null;
    return options?.secret === undefined
      ? value
      : this.unsign(value, options.secret, options.strict);
  }

  /** Tells the client to delete a cookie (Max-Age=0, Path=/ unless given). */
  removeCookie(name: string, options?: { path?: string; domain?: string }): void {
    this.setRawCookie(
      name,
      serializeCookie(name, '', expiredAttributes(options?.path, options?.domain)),
    );
  }

  /** @internal Sets a fully serialised Set-Cookie value for `name`, replacing an earlier one. */
  setRawCookie(name: string, serialized: string): void {
    const pending = (this.#setCookies ??= []);
    const at = pendingCookieIndex(pending, name);
    if (at === -1) pending.push(name, serialized);
    else pending[at + 1] = serialized;
  }

  /** @internal Removes a pending Set-Cookie for `name`. */
  dropCookie(name: string): void {
    const pending = this.#setCookies;
    if (pending === undefined) return;
    const at = pendingCookieIndex(pending, name);
    if (at !== -1) pending.splice(at, 2);
  }

  /** @internal Verifies a signed value against a secret or rotation, strict-aware. */
  unsign(value: string, secret: string | readonly string[], strict = false): string | null {
    const secrets = typeof secret === 'string' ? [secret] : secret;
    const keys = strict ? secrets.map((s) => this.strictKey(s)) : secrets;
    return unsignValue(value, keys)?.value ?? null;
  }

  /** @internal The strict-mode key for `secret` on this request. */
  strictKey(secret: string): string {
    return strictKey(secret, this.request.headers['user-agent'], this.remoteAddress);
  }

  #sign(value: string, secret: string, strict: boolean): string {
    return signValue(value, strict ? this.strictKey(secret) : secret);
  }

  #write(body: string | Buffer, type: string, options: WriteOptions | undefined): void {
    this.#setBody(body, type);
    this.#errorPage = false;
    if (options?.statusCode !== undefined) {
      // A description belongs to the status it was given with.
      this.response.statusCode = options.statusCode;
      this.#statusMessage = undefined;
    }
  }

  // ---- server-sent events --------------------------------------------------------------------

  /**
   * Turns this request into a server-sent events stream (`ConvertTo-PodeSseConnection`): the
   * headers, `retry:` and a `pode.open` event are sent now; returns the connection (client id,
   * name, group, the `Last-Event-ID` sent). 406 when the request does not accept `text/event-stream`.
   */
  toSseConnection(options: SseConnectionOptions): SseConnection {
    return openSseConnection(this as WebEvent, options);
  }

  /** This request's SSE connection (Pode's `$WebEvent.Sse`), once converted. */
  get sse(): SseConnection | undefined {
    return sseConnectionOf(this as WebEvent);
  }

  /**
   * Turns this WebSocket request into a signal connection (`ConvertTo-PodeSignalConnection`):
   * the 101 answer is sent now and the route's own response is dropped; the socket's messages go
   * to the signal route of this path. A request that is not a WebSocket one gets 426.
   */
  toSignalConnection(options: SignalConnectionOptions): SignalConnection {
    return openSignalConnection(this as WebEvent, options);
  }

  /** This request's signal connection (Pode's `$WebEvent.Signal`), once converted. */
  get signal(): SignalConnection | undefined {
    return signalConnectionOf(this as WebEvent);
  }

  // ---- MCP ----------------------------------------------------------------------------------

  /**
   * Answers this request as an MCP request (JSON-RPC 2.0) for a group of tools
   * (`Resolve-PodeMcpRequest`): initialize, ping, tools/list, tools/call, notifications. Never throws.
   */
  resolveMcpRequest(options: ResolveMcpOptions): Promise<void> {
    return resolveMcp(this as WebEvent, options);
  }

  // ---- used by the pipeline ------------------------------------------------------------------

  /** @internal Replaces whatever was written with the framework's error page for `status`. */
  fail(status: number, pageMessage?: string): void {
    this.response.statusCode = status;
    this.#statusMessage = undefined;
    this.#pageMessage = pageMessage;
    this.#body = undefined;
    this.#errorPage = true;
    if (this.#streamed !== undefined) this.#dropStreamed();
  }

  /** @internal Makes a file stream the body (replacing any other), sent with its status and headers after endware. */
  setStreamedBody(body: StreamedBody): void {
    if (this.#streamed !== undefined) this.#dropStreamed();
    this.#body = undefined;
    this.#errorPage = false;
    this.#statusMessage = undefined;
    this.#streamed = body;
  }

  /** @internal Sends the buffered response, unless user code already ended it. */
  send(): void {
    const response = this.response;
    if (response.headersSent || response.writableEnded) {
      if (this.#streamed !== undefined) this.#dropStreamed();
      return;
    }
    const pending = this.#setCookies;
    if (pending !== undefined && pending.length > 0) {
      const existing = response.getHeader('Set-Cookie');
      const lines: string[] = existing === undefined ? [] : toArray(existing);
      for (let i = 1; i < pending.length; i += 2) lines.push(pending[i]);
      response.setHeader('Set-Cookie', lines.length === 1 ? lines[0] : lines);
    }
    const status = response.statusCode;
    if (this.#statusMessage !== undefined)
      response.statusMessage = sanitizeReason(this.#statusMessage);
    if (this.#errorPage && status >= 400 && this.#body === undefined) {
      this.#writeErrorPage(status);
    }
    let body = this.#body;
    if (body === undefined) {
      if (this.#streamed !== undefined) this.#sendStreamed(this.#streamed);
      else response.end();
      return;
    }
    const type = this.#type;
    const compressor = this.#context.compressor;
    if (compressor !== undefined)
      body = compressor.body(response, this.request.headers, body, type);
    if (
      type !== undefined &&
      response.getHeaderNames().length === 0 &&
      status >= 200 &&
      status !== 204 &&
      status !== 304
    ) {
      // No other header: the body's two in one writeHead, which Node neither validates one by one
      // in setHeader nor walks a header map for (S0: about 0.8 µs less per request). The length
      // is the GET body's for HEAD too, whose body Node drops without counting it.
      response.writeHead(status, ['Content-Type', type, 'Content-Length', Buffer.byteLength(body)]);
    } else {
      // A Content-Type that user code set after the write wins over the body's own.
      if (type !== undefined && !response.hasHeader('Content-Type'))
        response.setHeader('Content-Type', type);
      if (this.method === 'HEAD') response.setHeader('Content-Length', Buffer.byteLength(body));
    }
    response.end(body);
  }

  /**
   * Buffers `body` with its Content-Type until the response is sent: the type replaces one set
   * before, and one set after (with `setHeader`) replaces it.
   */
  #setBody(body: string | Buffer, type: string): void {
    if (this.#streamed !== undefined) this.#dropStreamed();
    this.#body = body;
    this.#type = type;
    if (this.response.hasHeader('Content-Type')) this.response.removeHeader('Content-Type');
  }

  #sendStreamed(streamed: StreamedBody): void {
    this.#streamed = undefined;
    const response = this.response;
    // A plain 200 leaves a status set around the write (`e.setStatus(201)`), as the other writers
    // do; a conditional or partial answer (304, 206) and an explicit statusCode win.
    if (streamed.status !== 200) response.statusCode = streamed.status;
    const compress = this.#context.compressor?.stream(
      response,
      this.request.headers,
      streamed.headers,
    );
    for (const name in streamed.headers) response.setHeader(name, streamed.headers[name]);
    const content = streamed.content;
    if (content !== undefined) {
      // From the small-file cache: the bytes at once (or through the compressor).
      if (compress === undefined) response.end(content);
      else {
        pipeline(Readable.from([content]), compress, response, (error) => {
          if (error !== undefined && error !== null) this.#logStreamError(error);
        });
      }
      return;
    }
    const stream = streamed.stream;
    if (stream === undefined) {
      response.end();
      return;
    }
    const failed = (error: NodeJS.ErrnoException) => this.#logStreamError(error);
    if (compress !== undefined) {
      // pipeline closes the file and the compressor when the client goes away.
      pipeline(stream, compress, response, (error) => {
        if (error !== undefined && error !== null) failed(error);
      });
      return;
    }
    // pipe() rather than stream.pipeline(), which costs an AbortSignal (and a DOMException) per
    // call: the file is closed when the response closes first (the client went away), and a read
    // error is logged and ends the response.
    response.once('close', () => {
      if (!stream.destroyed) stream.destroy();
    });
    stream.once('error', (error: NodeJS.ErrnoException) => {
      failed(error);
      response.destroy();
    });
    stream.pipe(response);
  }

  #logStreamError(error: NodeJS.ErrnoException): void {
    if (!isPrematureClose(error)) {
      this.#context.logger.error(
        { err: error, method: this.method, path: this.path },
        'streaming a file failed',
      );
    }
  }

  #dropStreamed(): void {
    this.#streamed?.stream?.destroy();
    this.#streamed = undefined;
  }

  #writeErrorPage(status: number): void {
    const json = wantsJson(this.route?.errorContentType, this.request.headers.accept);
    const pages = this.#context.site.errorPages;
    if (pages !== undefined) {
      // Pode's lookup: the route's error type (or JSON when asked for), then HTML.
      const wanted = this.route?.errorContentType ?? (json ? JSON_TYPE : HTML_TYPE);
      const page = pages.find(status, mediaTypeOf(wanted)) ?? pages.find(status, 'text/html');
      if (page !== undefined) {
        this.#setBody(page.body, page.type);
        return;
      }
    }
    const message = this.#pageMessage ?? this.#statusMessage ?? STATUS_CODES[status] ?? 'Error';
    if (json) {
      this.#setBody(JSON.stringify({ status, message }), JSON_TYPE);
    } else {
      const text = escapeHtml(`${status} ${message}`);
      this.#setBody(
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${text}</title></head><body><h1>${text}</h1></body></html>`,
        HTML_TYPE,
      );
    }
  }
}

const EMPTY_FILES: Record<string, UploadedFile> = Object.freeze({}) as Record<string, UploadedFile>;

function isPrematureClose(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function parseQuery(raw: string | undefined): Record<string, string> {
  const query: Record<string, string> = Object.create(null);
  if (raw === undefined || raw.length === 0) return query;
  for (const [key, value] of new URLSearchParams(raw)) {
    const earlier = query[key];
    query[key] = earlier === undefined ? value : `${earlier},${value}`;
  }
  return query;
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim();
    if (first) return plainIp(first);
  }
  return plainIp(request.socket.remoteAddress ?? '');
}

function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

function firstSecret(secret: string | readonly string[] | undefined): string | undefined {
  return typeof secret === 'string' || secret === undefined ? secret : secret[0];
}

function wantsJson(errorContentType: string | undefined, accept: string | undefined): boolean {
  if (errorContentType !== undefined) return errorContentType.toLowerCase().includes('json');
  return accept?.toLowerCase().includes('json') === true;
}

// Where `name` sits in a flat `[name, line, …]` list of pending cookies, or -1.
function pendingCookieIndex(pending: readonly string[], name: string): number {
  for (let i = 0; i < pending.length; i += 2) if (pending[i] === name) return i;
  return -1;
}

// A new array (the header's own array is not changed).
function toArray(value: string | number | string[]): string[] {
  return Array.isArray(value) ? [...value] : [String(value)];
}

// A reason phrase may not hold control characters (Node would throw on send).
function sanitizeReason(reason: string): string {
  return reason.replace(/[^\t\x20-\x7e]/g, '');
}

// Pode's `-Depth` range (0–100); `fallback` when omitted.
function checkDepth<T extends number | undefined>(
  depth: number | undefined,
  fallback: T,
): number | T {
  if (depth === undefined) return fallback;
  if (!Number.isInteger(depth) || depth < 0 || depth > 100) {
    throw new RangeError(`depth must be a whole number from 0 to 100, but got: ${String(depth)}`);
  }
  return depth;
}

// A caller's Content-Type with `; charset=utf-8` added unless it names a charset.
function withCharset(type: string | undefined, fallback: string): string {
  if (type === undefined) return fallback;
  return /;\s*charset=/i.test(type) ? type : `${type}; charset=utf-8`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
