import { HttpError } from './errors.js';
/** The name of the inbuilt body-parsing middleware (a user middleware of this name replaces it). */
export const BODY_PARSING = '__pode_mw_body_parsing__';
/** The inbuilt body-parsing middleware: step 2 of the pipeline, before any user middleware. */
export function bodyParsingMiddleware(limit) {
    return (event) => parseBody(event, limit, event.route?.contentType);
}
/**
 * Parses the body of `event`'s request into `event.data` (and `event.files`). Returns undefined
 * at once when there is no body; otherwise a promise that rejects with an {@link HttpError}
 * (400 for a malformed body, 413 past `limit`).
 */
export function parseBody(event, limit, forcedType) {
    const headers = event.request.headers;
    const length = headers['content-length'];
    if (headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) {
        return undefined;
    }
    if (length !== undefined && Number(length) > limit) {
        return Promise.reject(tooLarge(limit));
    }
    const type = forcedType === undefined ? event.contentType : mediaType(forcedType);
    return readAll(event.request, limit).then((bytes) => assignBody(event, bytes, type));
}
/** Reads the whole request body, rejecting with 413 as soon as it passes `limit` bytes. */
export function readAll(request, limit) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const cleanup = () => {
            request.off('data', onData);
            request.off('end', onEnd);
            request.off('error', onError);
            request.off('aborted', onAborted);
        };
        const onData = (chunk) => {
            size += chunk.length;
            if (size > limit) {
                cleanup();
                request.pause();
                reject(tooLarge(limit));
                return;
            }
            chunks.push(chunk);
        };
        const onEnd = () => {
            cleanup();
            resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
        };
        const onError = (error) => {
            cleanup();
            reject(new HttpError(400, `The request body could not be read: ${error.message}`));
        };
        const onAborted = () => onError(new Error('the client aborted the request'));
        request.on('data', onData);
        request.on('end', onEnd);
        request.on('error', onError);
        request.on('aborted', onAborted);
    });
}
async function assignBody(event, bytes, type) {
    if (bytes.length === 0)
        return;
    if (type === 'application/json' || type.endsWith('+json')) {
        event.data = parseJson(bytes.toString('utf8'));
    }
    else if (type === 'application/x-www-form-urlencoded') {
        event.data = parseForm(bytes.toString('utf8'));
    }
    else if (type === 'multipart/form-data') {
        await parseMultipart(event, bytes);
    }
    else {
        // text/* and anything unknown: the raw text, as Pode does.
        event.data = bytes.toString('utf8');
    }
}
/** Parses a JSON body; anything malformed is a 400. */
export function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new HttpError(400, 'The request body is not valid JSON.');
    }
}
/** Parses an urlencoded body into an object of strings (repeated keys joined with `,`). */
export function parseForm(text) {
    const data = Object.create(null);
    for (const [key, value] of new URLSearchParams(text)) {
        const earlier = data[key];
        data[key] = earlier === undefined ? value : `${earlier},${value}`;
    }
    return data;
}
async function parseMultipart(event, bytes) {
    let form;
    try {
        // undici (Node's fetch) ships a standards-compliant multipart parser: use it.
        const response = new Response(bytes, {
            headers: { 'content-type': event.request.headers['content-type'] ?? '' },
        });
        form = await response.formData();
    }
    catch {
        throw new HttpError(400, 'The multipart body is malformed.');
    }
    const data = Object.create(null);
    const files = Object.create(null);
    for (const [name, value] of form) {
        if (typeof value === 'string') {
            const earlier = data[name];
            data[name] = earlier === undefined ? value : `${earlier},${value}`;
        }
        else {
            const content = Buffer.from(await value.arrayBuffer());
            files[name] = {
                filename: value.name,
                contentType: value.type || 'application/octet-stream',
                size: content.length,
                data: content,
            };
        }
    }
    event.data = data;
    event.files = files;
}
// `Application/JSON; charset=utf-8` → `application/json`, as e.contentType reads the header.
function mediaType(type) {
    const semicolon = type.indexOf(';');
    return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}
function tooLarge(limit) {
    return new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
}
//# sourceMappingURL=body.js.map