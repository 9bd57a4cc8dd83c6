/**
 * Copying session data. Session data is plain JSON (objects, arrays, strings, numbers, booleans,
 * null), and a hand-written walk copies such small values many times faster than
 * `structuredClone`, which serialises through V8's value serializer. Anything else (a Date, a
 * Map, a class instance) falls back to `structuredClone`, so what can be cloned still is.
 */
/** A deep copy of `value`. */
export function cloneData(value) {
    if (typeof value !== 'object' || value === null)
        return value;
    if (Array.isArray(value)) {
        const copy = new Array(value.length);
        for (let i = 0; i < value.length; i++)
            copy[i] = cloneData(value[i]);
        return copy;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
        return structuredClone(value);
    const copy = {};
    for (const key of Object.keys(value)) {
        const item = cloneData(value[key]);
        // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
        if (key === '__proto__') {
            Object.defineProperty(copy, key, {
                value: item,
                enumerable: true,
                writable: true,
                configurable: true,
            });
        }
        else {
            copy[key] = item;
        }
    }
    return copy;
}
/** A deep copy of `value` in which every object and array is frozen. */
export function frozenCopy(value) {
    return deepFreeze(cloneData(value));
}
/** Freezes `value` and everything it holds. */
export function deepFreeze(value) {
    if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const key of Object.keys(value))
            deepFreeze(value[key]);
    }
    return value;
}
const URI_SAFE = /^[A-Za-z0-9_.~-]*$/;
/**
 * A copy of `text` in a string of its own. V8 keeps a slice of a string as a view on the whole
 * (an id sliced from the Cookie header would keep the whole header alive while the session is
 * stored) and keeps strings built by `+=` as chains of pieces (a 21-character nanoid held as a
 * Map key costs some 350 bytes that way, 80 as a flat string).
 */
export function ownString(text) {
    // encodeURIComponent returns the same characters for an id-safe string, in a new flat string.
    return URI_SAFE.test(text)
        ? encodeURIComponent(text)
        : JSON.parse(JSON.stringify(text));
}
//# sourceMappingURL=clone.js.map