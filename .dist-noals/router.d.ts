/** A route as the router stores it: its method ('*' for any), path and what to run. */
export interface RouterEntry<T> {
    method: string;
    path: string;
    value: T;
}
/** The outcome of a lookup. */
export type Resolution<T> = {
    kind: 'found';
    value: T;
    params: Record<string, string>;
    query: string | undefined;
} | {
    kind: 'options';
    allow: string;
} | {
    kind: 'not-allowed';
    allow: string;
} | {
    kind: 'not-found';
} | {
    kind: 'bad-url';
};
/** The routes of one endpoint, built once at start-up. */
export declare class Router<T> {
    #private;
    constructor(entries: Iterable<RouterEntry<T>>);
    /** Resolves `method` and the raw request URL (path and query) to a route or a miss. */
    resolve(method: string, url: string): Resolution<T>;
}
/**
 * The key that decides whether two route paths are the same route: case-folded, parameter names
 * ignored, query dropped. `/Users/:id` and `/users/:name` are the same route, and a `*` segment
 * before the last is a one-segment parameter, so it is the same as a `:name` in its place.
 */
export declare function routeKey(path: string): string;
/** A defined path as Pode reads it: the query string dropped, a leading slash required. */
export declare function cleanRoutePath(path: string): string;
/**
 * Compiles a route-path pattern (as used by middleware `route` filters) to a case-insensitive
 * RegExp over request paths: `:name` and a mid-path `*` match one segment, a trailing `*` the rest.
 */
export declare function routePattern(path: string): RegExp;
//# sourceMappingURL=router.d.ts.map