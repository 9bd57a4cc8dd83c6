/**
 * The public interfaces users extend by declaration merging:
 *
 * ```ts
 * declare module 'pode-ts' {
 *   interface SessionData { views?: number }
 *   interface AuthUser { id: number; name: string }
 *   interface WebEventMetadata { requestId?: string }
 * }
 * ```
 */

/** The data kept in a session (`e.session.data`, `sessionScope`). Extend it to type your keys. */
export interface SessionData {
  [key: string]: unknown;
  /** The login, written by authentication (shared by every tab with `scope: 'tab'`). */
  auth?: SessionAuth;
  /** Flash messages by name. */
  flash?: Record<string, string[]>;
  /** The CSRF secret of the session. */
  'pode.csrf'?: string;
}

/** What authentication keeps in the session. */
export interface SessionAuth {
  user: AuthUser;
  isAuthenticated: boolean;
  name: string;
}

/** The authenticated user a validator returns (`e.auth.user`, `getAuthUser()`). Extend it. */
export interface AuthUser {
  [key: string]: unknown;
}

/** `e.metadata`: free for user code, `{}` on every event. Extend it to type your keys. */
export interface WebEventMetadata {
  [key: string]: unknown;
}

/** The parsed request body for JSON, urlencoded and multipart requests. */
export interface RequestData {
  [key: string]: unknown;
}

/** A file from a multipart request, in `e.files`. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** The endpoint a request arrived on (`e.endpoint`). */
export interface EndpointInfo {
  name: string;
  protocol: 'http' | 'https';
  address: string;
  port: number;
}

/** The route a request matched (`e.route`). */
export interface RouteInfo {
  method: string;
  path: string;
  endpointName: string | undefined;
  contentType: string | undefined;
  errorContentType: string | undefined;
  /** The coding every request body is decoded with (`transferEncoding`), if the route forces one. */
  transferEncoding?: 'gzip' | 'deflate' | 'br';
  authentication: string | undefined;
  login: boolean;
  logout: boolean;
  allowAnon: boolean;
  /** A session's login passes only when this route's own authentication made it. */
  strictAuthentication: boolean;
}

/** What `e.auth` holds once authentication has run. */
export interface AuthState {
  user?: AuthUser;
  isAuthenticated: boolean;
  name?: string;
  /** The failure message of the last authentication attempt on this request, if any. */
  message?: string;
}
