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
 *
 * Each starts empty. While it is empty, any key is allowed (`e.session.data.anything`); once you
 * declare a key, only declared keys are, so a misspelt key fails to compile. To keep any key
 * allowed beside typed ones, declare `[key: string]: unknown` too.
 */

/** Declare your session keys here (`e.session.data`, `sessionScope`). Empty: any key is allowed. */
// biome-ignore lint/suspicious/noEmptyInterface: users extend it by declaration merging
export interface SessionData {}

/** The authenticated user a validator returns (`e.auth.user`, `getAuthUser()`). Empty: any key. */
// biome-ignore lint/suspicious/noEmptyInterface: users extend it by declaration merging
export interface AuthUser {}

/** Declare your `e.metadata` keys here (free for user code, `{}` on every event). Empty: any key. */
// biome-ignore lint/suspicious/noEmptyInterface: users extend it by declaration merging
export interface WebEventMetadata {}

/** `T` when it declares any key, else an object taking any key. */
export type DeclaredOrAny<T> = [keyof T] extends [never] ? { [key: string]: unknown } : T;

/** The keys pode-ts itself keeps in a session. */
export interface InbuiltSessionData {
  /** The login, written by authentication (shared by every tab with `scope: 'tab'`). */
  auth?: SessionAuth;
  /** Flash messages by name. */
  flash?: Record<string, string[]>;
  /** The CSRF secret of the session. */
  'pode.csrf'?: string;
}

/** Session data as the framework and stores handle it: the inbuilt keys and any other key. */
export type StoredSessionData = InbuiltSessionData & { [key: string]: unknown };

/** The type of `e.session.data`: the inbuilt keys and your declared {@link SessionData} keys (any key while none is declared). */
export type ResolvedSessionData = InbuiltSessionData & DeclaredOrAny<SessionData>;

/** The type of `e.auth.user`: your declared {@link AuthUser} keys (any key while none is declared). */
export type ResolvedAuthUser = DeclaredOrAny<AuthUser>;

/** The type of `e.metadata`: your declared {@link WebEventMetadata} keys (any key while none is declared). */
export type ResolvedWebEventMetadata = DeclaredOrAny<WebEventMetadata>;

/** What authentication keeps in the session. */
export interface SessionAuth {
  user: ResolvedAuthUser;
  isAuthenticated: boolean;
  name: string;
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
  protocol: 'http' | 'https' | 'ws' | 'wss';
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
  /** The route's access methods and values (`access`, `role`, `group`, `scope`, `user`, `customAccess`). */
  access?: RouteAccess;
}

/** The access names and values of a route (Pode's `Route.Access` and `Route.AccessMeta`). */
export interface RouteAccess {
  /** The access methods run after the route's authentication. */
  names: readonly string[];
  role?: readonly string[];
  group?: readonly string[];
  scope?: readonly string[];
  user?: readonly string[];
  /** Custom access values by access method name (`Add-PodeAccessCustom`). */
  custom?: Readonly<Record<string, readonly unknown[]>>;
}

/** What `e.auth` holds once authentication has run. */
export interface AuthState {
  user?: ResolvedAuthUser;
  isAuthenticated: boolean;
  name?: string;
  /** The failure message of the last authentication attempt on this request, if any. */
  message?: string;
  /** Set by an access check: whether the user was allowed (Pode's `Auth.IsAuthorised`). */
  isAuthorised?: boolean;
}
