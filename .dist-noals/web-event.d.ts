import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { type CookieOptions } from './cookies.js';
import type { Session } from './sessions/session.js';
import type { AuthState, EndpointInfo, RequestData, RouteInfo, UploadedFile, WebEventMetadata } from './types.js';
/** Server-wide settings every event of one endpoint shares (built once at start-up). */
export interface EventContext {
    endpoint: EndpointInfo;
    trustProxy: boolean;
    logger: Logger;
}
/** Options of `writeJson`, `writeText`, `writeHtml` and `writeFile`. */
export interface WriteOptions {
    /** The response status; left as it is when omitted. */
    statusCode?: number;
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
export declare const kSession: unique symbol;
/** The request being handled: Pode's `$WebEvent`. */
export declare class WebEvent<TData = RequestData> {
    #private;
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
    /** @internal Built by the server for each request. */
    constructor(request: IncomingMessage, response: ServerResponse, context: EventContext, path: string, rawQuery: string | undefined, parameters: Record<string, string>, route: RouteInfo | undefined);
    /** The parsed body: an object for JSON, forms and multipart, a string for `text/*`; `{}` without a body. */
    get data(): TData;
    set data(value: TData);
    /** The request headers (Node's: lower-case keys, repeats joined with `, `). */
    get headers(): IncomingHttpHeaders;
    /** The query string as an object of strings (a repeated key keeps its values joined by `,`). */
    get query(): Record<string, string>;
    /** The request cookies, percent-decoded. Signed values are as sent: see `getCookie`. */
    get cookies(): Record<string, string>;
    /** The request's media type, without parameters (`application/json`), or `''`. */
    get contentType(): string;
    /** The client's IP (IPv4-mapped IPv6 as plain IPv4; the first X-Forwarded-For with trustProxy). */
    get remoteAddress(): string;
    /** True when the request came over https (or X-Forwarded-Proto says so, with trustProxy). */
    get isSecure(): boolean;
    /** When the request arrived. */
    get timestamp(): Date;
    /** Milliseconds since the request arrived. */
    get elapsed(): number;
    /** Free for user code: `{}` on every event. */
    get metadata(): WebEventMetadata;
    /** The authentication state: `{ isAuthenticated: false }` until an auth succeeds. */
    get auth(): AuthState;
    set auth(value: AuthState);
    /** The request's session; throws `PODE_ERR_NO_SESSION` when there is none (see `hasSession`). */
    get session(): Session;
    /** Whether this request has a session. */
    get hasSession(): boolean;
    /** The pino logger of the server. */
    get log(): Logger;
    /** Runs `fn` at the end of the request, before server endware and before the response is sent. */
    onEnd(fn: EndCallback): void;
    /** @internal The callbacks registered with onEnd. */
    endCallbacks(): readonly EndCallback[] | undefined;
    /** Writes `value` as JSON (`application/json; charset=utf-8`), replacing any earlier body. */
    writeJson(value: unknown, options?: WriteOptions): void;
    /** Writes plain text (`text/plain; charset=utf-8`), replacing any earlier body. */
    writeText(text: string, options?: WriteOptions): void;
    /** Writes HTML (`text/html; charset=utf-8`), replacing any earlier body. */
    writeHtml(html: string, options?: WriteOptions): void;
    /** Writes a file's bytes with a type from its extension; a missing file is a 404. */
    writeFile(path: string, options?: WriteOptions): Promise<void>;
    /** Sets the status; 400 and above get an error page unless `noErrorPage` (or a body is written later). */
    setStatus(code: number, options?: StatusOptions): void;
    /** Redirects: 302 Found, or 301 Moved Permanently with `moved`. */
    redirect(url: string, options?: RedirectOptions): void;
    /** Sets a response header, replacing earlier values; signed with `secret` if given. */
    setHeader(name: string, value: string | number | readonly string[], options?: HeaderOptions): void;
    /** Adds a value to a response header, keeping earlier ones. */
    addHeader(name: string, value: string, options?: HeaderOptions): void;
    /** Reads a request header; with `secret`, the unsigned value or null when it is not validly signed. */
    getHeader(name: string, options?: SignedReadOptions): string | null;
    /** Sets a cookie (the last one set for a name on this response wins); signed with `secret`. */
    setCookie(name: string, value: string, options?: CookieOptions): void;
    /** Reads a request cookie; with `secret`, the unsigned value or null when it is not validly signed. */
    getCookie(name: string, options?: SignedReadOptions): string | null;
    /** Tells the client to delete a cookie (Max-Age=0, Path=/ unless given). */
    removeCookie(name: string, options?: {
        path?: string;
        domain?: string;
    }): void;
    /** @internal Sets a fully serialised Set-Cookie value for `name`, replacing an earlier one. */
    setRawCookie(name: string, serialized: string): void;
    /** @internal Removes a pending Set-Cookie for `name`. */
    dropCookie(name: string): void;
    /** @internal Verifies a signed value against a secret or rotation, strict-aware. */
    unsign(value: string, secret: string | readonly string[], strict?: boolean): string | null;
    /** @internal The strict-mode key for `secret` on this request. */
    strictKey(secret: string): string;
    /** @internal Replaces whatever was written with the framework's error page for `status`. */
    fail(status: number, pageMessage?: string): void;
    /** @internal Sends the buffered response, unless user code already ended it. */
    send(): void;
}
//# sourceMappingURL=web-event.d.ts.map