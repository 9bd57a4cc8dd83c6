/**
 * The session store contract (SPEC §6.3) and the guard every store call goes through: a failure
 * or a call slower than `storeTimeoutMs` becomes a {@link SessionStoreError} (answered 503).
 * Synchronous stores stay synchronous: no promise is made for them.
 */
import { ErrorCodes, SessionStoreError, setupError } from '../errors.js';
import { hashId } from '../logging.js';
const METHODS = ['get', 'set', 'delete'];
/** Throws the SPEC's set-up error when `store` lacks one of get, set and delete. */
export function validateStore(store) {
    if (store === null || typeof store !== 'object') {
        throw setupError(ErrorCodes.SESSION_STORE_METHOD, "The custom session storage does not implement the required 'get()' method.", 'Pass an object with get(id), set(id, record, expiry) and delete(id) methods.');
    }
    for (const method of METHODS) {
        if (typeof store[method] !== 'function') {
            throw setupError(ErrorCodes.SESSION_STORE_METHOD, `The custom session storage does not implement the required '${method}()' method.`, 'A store needs get(id), set(id, record, expiry) and delete(id), each sync or async.');
        }
    }
}
/**
 * Calls a store method, bounding it by `timeoutMs` and turning any failure into a
 * SessionStoreError that carries a hash of the id (for the log line).
 */
export function guardStoreCall(operation, id, call, timeoutMs) {
    let result;
    try {
        result = call();
    }
    catch (error) {
        throw new SessionStoreError(operation, error, hashId(id));
    }
    if (!isPromise(result))
        return result;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            reject(new SessionStoreError(operation, new Error(`timed out after ${timeoutMs} ms`), hashId(id)));
        }, timeoutMs);
        result.then((value) => {
            clearTimeout(timer);
            resolve(value);
        }, (error) => {
            clearTimeout(timer);
            reject(new SessionStoreError(operation, error, hashId(id)));
        });
    });
}
/** Applies `value` to `fn` now when it is a plain value, or when it resolves. */
export function chain(value, fn) {
    return isPromise(value) ? value.then(fn) : fn(value);
}
/** Checks that a value read from a store looks like a record this version can use. */
export function isUsableRecord(value) {
    if (value === null || typeof value !== 'object')
        return false;
    const record = value;
    return (record.version === 1 &&
        typeof record.metadata === 'object' &&
        record.metadata !== null &&
        typeof record.metadata.expires === 'string' &&
        typeof record.data === 'object' &&
        record.data !== null &&
        !Array.isArray(record.data));
}
export function isPromise(value) {
    return (value !== null && typeof value === 'object' && typeof value.then === 'function');
}
//# sourceMappingURL=store.js.map