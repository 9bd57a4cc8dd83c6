/**
 * The per-request WebEvent (Pode's `$WebEvent`): the request, its parsed parts, the session and
 * the response helpers. Expensive parts (query, cookies, remote address) are built on first use.
 * The response is buffered here and sent once, after endware (see pipeline.ts).
 */
import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { extname } from 'node:path';
import { expiredAttributes, lifetimeAttributes, parseCookies, serializeCookie, } from './cookies.js';
import { NoSessionError } from './errors.js';
import { signValue, strictKey, unsignValue } from './signing.js';
/** @internal The session slot; read through `e.session`. */
export const kSession = Symbol('pode.session');
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
/** The request being handled: Pode's `$WebEvent`. */
export class WebEvent {
    /** Node's request. */
    request;
    /** Node's response: prefer the helpers, which buffer until endware has run. */
    response;
    /** The request method, upper case. */
    method;
    /** The request path, without the query string. */
    path;
    /** Route parameters (`:name`, and `*` for a trailing wildcard), percent-decoded. */
    parameters;
    /** Files of a multipart body, by field name. */
    files;
    /** The matched route, or undefined for a 404/405. */
    route;
    /** The endpoint the request arrived on. */
    endpoint;
    /** @internal */
    [kSession];
    #context;
    #data;
    #rawQuery;
    #query;
    #cookies;
    #remoteAddress;
    #metadata;
    #auth;
    #started;
    #onEnd;
    #body;
    #errorPage = false;
    #statusMessage;
    #pageMessage;
    #setCookies;
    /** @internal Built by the server for each request. */
    constructor(request, response, context, path, rawQuery, parameters, route) {
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
    get data() {
        this.#data ??= {};
        return this.#data;
    }
    set data(value) {
        this.#data = value;
    }
    /** The request headers (Node's: lower-case keys, repeats joined with `, `). */
    get headers() {
        return this.request.headers;
    }
    /** The query string as an object of strings (a repeated key keeps its values joined by `,`). */
    get query() {
        this.#query ??= parseQuery(this.#rawQuery);
        return this.#query;
    }
    /** The request cookies, percent-decoded. Signed values are as sent: see `getCookie`. */
    get cookies() {
        this.#cookies ??= parseCookies(this.request.headers.cookie);
        return this.#cookies;
    }
    /** The request's media type, without parameters (`application/json`), or `''`. */
    get contentType() {
        const header = this.request.headers['content-type'];
        if (header === undefined)
            return '';
        const semicolon = header.indexOf(';');
        return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
    }
    /** The client's IP (IPv4-mapped IPv6 as plain IPv4; the first X-Forwarded-For with trustProxy). */
    get remoteAddress() {
        this.#remoteAddress ??= clientAddress(this.request, this.#context.trustProxy);
        return this.#remoteAddress;
    }
    /** True when the request came over https (or X-Forwarded-Proto says so, with trustProxy). */
    get isSecure() {
        if (this.endpoint.protocol === 'https')
            return true;
        if (!this.#context.trustProxy)
            return false;
        const forwarded = this.request.headers['x-forwarded-proto'];
        return (typeof forwarded === 'string' && forwarded.split(',')[0].trim().toLowerCase() === 'https');
    }
    /** When the request arrived. */
    get timestamp() {
        return new Date(this.#started);
    }
    /** Milliseconds since the request arrived. */
    get elapsed() {
        return Date.now() - this.#started;
    }
    /** Free for user code: `{}` on every event. */
    get metadata() {
        this.#metadata ??= {};
        return this.#metadata;
    }
    /** The authentication state: `{ isAuthenticated: false }` until an auth succeeds. */
    get auth() {
        this.#auth ??= { isAuthenticated: false };
        return this.#auth;
    }
    set auth(value) {
        this.#auth = value;
    }
    /** The request's session; throws `PODE_ERR_NO_SESSION` when there is none (see `hasSession`). */
    get session() {
        const session = this[kSession];
        if (session === undefined || session.removed)
            throw new NoSessionError();
        return session;
    }
    /** Whether this request has a session. */
    get hasSession() {
        const session = this[kSession];
        return session !== undefined && !session.removed;
    }
    /** The pino logger of the server. */
    get log() {
        return this.#context.logger;
    }
    /** Runs `fn` at the end of the request, before server endware and before the response is sent. */
    onEnd(fn) {
        (this.#onEnd ??= []).push(fn);
    }
    /** @internal The callbacks registered with onEnd. */
    endCallbacks() {
        return this.#onEnd;
    }
    // ---- responses ----------------------------------------------------------------------------
    /** Writes `value` as JSON (`application/json; charset=utf-8`), replacing any earlier body. */
    writeJson(value, options) {
        this.#write(JSON.stringify(value) ?? 'null', JSON_TYPE, options);
    }
    /** Writes plain text (`text/plain; charset=utf-8`), replacing any earlier body. */
    writeText(text, options) {
        this.#write(String(text), TEXT_TYPE, options);
    }
    /** Writes HTML (`text/html; charset=utf-8`), replacing any earlier body. */
    writeHtml(html, options) {
        this.#write(String(html), HTML_TYPE, options);
    }
    /** Writes a file's bytes with a type from its extension; a missing file is a 404. */
    async writeFile(path, options) {
        let bytes;
        try {
            bytes = await readFile(path);
        }
        catch {
            this.setStatus(404);
            return;
        }
        this.#write(bytes, contentTypeFor(path), options);
    }
    /** Sets the status; 400 and above get an error page unless `noErrorPage` (or a body is written later). */
    setStatus(code, options) {
        this.response.statusCode = code;
        this.#statusMessage = options?.description;
        if (code >= 400 && options?.noErrorPage !== true) {
            this.#errorPage = true;
            this.#body = undefined;
        }
        else {
            this.#errorPage = false;
        }
    }
    /** Redirects: 302 Found, or 301 Moved Permanently with `moved`. */
    redirect(url, options) {
        this.response.statusCode = options?.moved === true ? 301 : 302;
        this.response.setHeader('Location', url);
        this.#statusMessage = undefined;
        this.#body = undefined;
        this.#errorPage = false;
    }
    /** Sets a response header, replacing earlier values; signed with `secret` if given. */
    setHeader(name, value, options) {
        const secret = firstSecret(options?.secret);
        this.response.setHeader(name, secret === undefined ? value : this.#sign(String(value), secret, options?.strict === true));
    }
    /** Adds a value to a response header, keeping earlier ones. */
    addHeader(name, value, options) {
        const secret = firstSecret(options?.secret);
        this.response.appendHeader(name, secret === undefined ? value : this.#sign(value, secret, options?.strict === true));
    }
    /** Reads a request header; with `secret`, the unsigned value or null when it is not validly signed. */
    getHeader(name, options) {
        const raw = this.request.headers[name.toLowerCase()];
        const value = Array.isArray(raw) ? raw[0] : raw;
        if (value === undefined)
            return null;
        return options?.secret === undefined
            ? value
            : this.unsign(value, options.secret, options.strict);
    }
    /** Sets a cookie (the last one set for a name on this response wins); signed with `secret`. */
    setCookie(name, value, options = {}) {
        const secret = firstSecret(options.secret);
        const written = secret === undefined ? value : this.#sign(value, secret, options.strict === true);
        this.setRawCookie(name, serializeCookie(name, written, lifetimeAttributes(options)));
    }
    /** Reads a request cookie; with `secret`, the unsigned value or null when it is not validly signed. */
    getCookie(name, options) {
        const value = this.cookies[name];
        if (value === undefined)
            return null;
        return options?.secret === undefined
            ? value
            : this.unsign(value, options.secret, options.strict);
    }
    /** Tells the client to delete a cookie (Max-Age=0, Path=/ unless given). */
    removeCookie(name, options) {
        this.setRawCookie(name, serializeCookie(name, '', expiredAttributes(options?.path, options?.domain)));
    }
    /** @internal Sets a fully serialised Set-Cookie value for `name`, replacing an earlier one. */
    setRawCookie(name, serialized) {
        (this.#setCookies ??= new Map()).set(name, serialized);
    }
    /** @internal Removes a pending Set-Cookie for `name`. */
    dropCookie(name) {
        this.#setCookies?.delete(name);
    }
    /** @internal Verifies a signed value against a secret or rotation, strict-aware. */
    unsign(value, secret, strict = false) {
        const secrets = typeof secret === 'string' ? [secret] : secret;
        const keys = strict ? secrets.map((s) => this.strictKey(s)) : secrets;
        return unsignValue(value, keys)?.value ?? null;
    }
    /** @internal The strict-mode key for `secret` on this request. */
    strictKey(secret) {
        return strictKey(secret, this.request.headers['user-agent'], this.remoteAddress);
    }
    #sign(value, secret, strict) {
        return signValue(value, strict ? this.strictKey(secret) : secret);
    }
    #write(body, type, options) {
        this.#body = body;
        this.#errorPage = false;
        this.response.setHeader('Content-Type', type);
        if (options?.statusCode !== undefined) {
            // A description belongs to the status it was given with.
            this.response.statusCode = options.statusCode;
            this.#statusMessage = undefined;
        }
    }
    // ---- used by the pipeline ------------------------------------------------------------------
    /** @internal Replaces whatever was written with the framework's error page for `status`. */
    fail(status, pageMessage) {
        this.response.statusCode = status;
        this.#statusMessage = undefined;
        this.#pageMessage = pageMessage;
        this.#body = undefined;
        this.#errorPage = true;
    }
    /** @internal Sends the buffered response, unless user code already ended it. */
    send() {
        const response = this.response;
        if (response.headersSent || response.writableEnded)
            return;
        if (this.#setCookies !== undefined) {
            const existing = response.getHeader('Set-Cookie');
            const values = [...this.#setCookies.values()];
            response.setHeader('Set-Cookie', existing === undefined ? values : [...toArray(existing), ...values]);
        }
        const status = response.statusCode;
        if (this.#statusMessage !== undefined)
            response.statusMessage = sanitizeReason(this.#statusMessage);
        if (this.#errorPage && status >= 400 && this.#body === undefined) {
            this.#writeErrorPage(status);
        }
        if (this.#body === undefined) {
            response.end();
        }
        else {
            // Node drops a HEAD body without counting it: say how long the GET body would be.
            if (this.method === 'HEAD')
                response.setHeader('Content-Length', Buffer.byteLength(this.#body));
            response.end(this.#body);
        }
    }
    #writeErrorPage(status) {
        const message = this.#pageMessage ?? this.#statusMessage ?? STATUS_CODES[status] ?? 'Error';
        if (wantsJson(this.route?.errorContentType, this.request.headers.accept)) {
            this.response.setHeader('Content-Type', JSON_TYPE);
            this.#body = JSON.stringify({ status, message });
        }
        else {
            this.response.setHeader('Content-Type', HTML_TYPE);
            const text = escapeHtml(`${status} ${message}`);
            this.#body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${text}</title></head><body><h1>${text}</h1></body></html>`;
        }
    }
}
const EMPTY_FILES = Object.freeze({});
const CONTENT_TYPES = {
    '.html': HTML_TYPE,
    '.htm': HTML_TYPE,
    '.txt': TEXT_TYPE,
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.json': JSON_TYPE,
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.webp': 'image/webp',
    '.ico': 'image/x-icon',
    '.pdf': 'application/pdf',
    '.xml': 'application/xml',
    '.csv': 'text/csv; charset=utf-8',
    '.md': 'text/markdown; charset=utf-8',
    '.woff2': 'font/woff2',
    '.wasm': 'application/wasm',
};
function contentTypeFor(path) {
    return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
function parseQuery(raw) {
    const query = Object.create(null);
    if (raw === undefined || raw.length === 0)
        return query;
    for (const [key, value] of new URLSearchParams(raw)) {
        const earlier = query[key];
        query[key] = earlier === undefined ? value : `${earlier},${value}`;
    }
    return query;
}
function clientAddress(request, trustProxy) {
    if (trustProxy) {
        const forwarded = request.headers['x-forwarded-for'];
        const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim();
        if (first)
            return plainIp(first);
    }
    return plainIp(request.socket.remoteAddress ?? '');
}
function plainIp(ip) {
    return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
function firstSecret(secret) {
    return typeof secret === 'string' || secret === undefined ? secret : secret[0];
}
function wantsJson(errorContentType, accept) {
    if (errorContentType !== undefined)
        return errorContentType.toLowerCase().includes('json');
    return accept?.toLowerCase().includes('json') === true;
}
function toArray(value) {
    return Array.isArray(value) ? value : [String(value)];
}
// A reason phrase may not hold control characters (Node would throw on send).
function sanitizeReason(reason) {
    return reason.replace(/[^\t\x20-\x7e]/g, '');
}
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
//# sourceMappingURL=web-event.js.map