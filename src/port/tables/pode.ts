/**
 * The Pode DSL as data: each Pode cmdlet pode-ts has, where its call goes (the builder `s`, the
 * WebEvent `e` or its free function, a scheme factory, `startServer`), and which of its
 * parameters become which arguments or option keys. docs/porting.md is the same table for people.
 */

import { openApiCmdlets } from './openapi.js';

/** How a bound PowerShell value becomes a JavaScript argument or option value. */
export type Conversion =
  /** the expression as it is */
  | 'value'
  /** a string (`String(x)` unless already one) */
  | 'string'
  /** a number */
  | 'number'
  /** a switch: `true`, or the expression after `-Switch:` */
  | 'switch'
  /** a switch whose meaning is inverted (`-DisableTermination` → `handleSignals: false`) */
  | 'notSwitch'
  /** an enum value written in lower case (`Http` → `'http'`) */
  | 'lower'
  /** HTTP methods in upper case, one or a list (`Get, Post` → `['GET', 'POST']`) */
  | 'methods'
  /** a list of strings in upper case (`-IgnoreMethods Get` → `['GET']`) */
  | 'upperList'
  /** `-IfExists Default|Error|Skip|Overwrite` (Default = left out) */
  | 'ifExists'
  /** a file path whose contents are read (`-Certificate './cert.pem'`) */
  | 'fileContents'
  /** a script block → a function (`-Generator { … }`) */
  | 'function'
  /** script blocks → functions (`-Middleware $a, $b`) */
  | 'functions';

/** One parameter that becomes a positional JavaScript argument. */
export interface ArgumentMapping {
  param: string;
  as: Conversion;
  /** What to pass when the parameter is not given (required arguments). */
  missing?: string;
}

/** One parameter that becomes a key of the options object. */
export interface OptionMapping {
  key: string;
  as: Conversion;
}

/** The kind of function a `-ScriptBlock` becomes. */
export type HandlerKind =
  | 'setup'
  | 'route'
  | 'middleware'
  | 'endware'
  | 'auth'
  | 'custom-scheme'
  | 'inline';

/** What the call returns, for the emitter's typing of the expression. */
export type ResultType =
  | 'string'
  | 'nullableString'
  | 'boolean'
  | 'number'
  | 'date'
  | 'void'
  | 'any';

/** How one Pode cmdlet is translated. */
export interface PodeMapping {
  target:
    | 'startServer'
    | 'builder'
    | 'event'
    | 'free'
    | 'scheme'
    | 'expression'
    | 'drop'
    | 'unsupported';
  /** builder or event method, free function, scheme factory, or expression template */
  name?: string;
  /** the free function to call instead of `e.<name>` outside a handler */
  free?: string;
  args?: ArgumentMapping[];
  options?: Record<string, OptionMapping>;
  handler?: { param: string; kind: HandlerKind };
  /** awaited (returns a promise) */
  await?: boolean;
  result?: ResultType;
  /** parameters accepted with no effect in pode-ts */
  ignored?: string[];
  /** for drop/unsupported: what to tell the user */
  note?: string;
  /** positions when the catalogue does not know the cmdlet (the first one binds first) */
  positional?: string[];
}

const sessionCookie: Record<string, OptionMapping> = {
  Secret: { key: 'secret', as: 'value' },
  Strict: { key: 'strict', as: 'switch' },
};

/** Every Pode cmdlet the converter translates, by Pode's spelling. */
export const podeCmdlets: Record<string, PodeMapping> = {
  // Server and endpoints
  'Start-PodeServer': {
    target: 'startServer',
    handler: { param: 'ScriptBlock', kind: 'setup' },
    options: {
      Threads: { key: 'threads', as: 'number' },
      Quiet: { key: 'quiet', as: 'switch' },
      DisableTermination: { key: 'handleSignals', as: 'notSwitch' },
    },
    ignored: ['RootPath', 'Request', 'Browse', 'EnableBreakpoints', 'Name'],
    positional: ['ScriptBlock'],
  },
  'Add-PodeEndpoint': {
    target: 'builder',
    name: 'addEndpoint',
    options: {
      Address: { key: 'address', as: 'string' },
      Port: { key: 'port', as: 'number' },
      Protocol: { key: 'protocol', as: 'lower' },
      Name: { key: 'name', as: 'string' },
      Certificate: { key: 'tls.cert', as: 'fileContents' },
      CertificateKey: { key: 'tls.key', as: 'fileContents' },
      CertificatePassword: { key: 'tls.passphrase', as: 'string' },
    },
    ignored: ['PassThru', 'Force'],
  },
  'Close-PodeServer': {
    target: 'expression',
    name: "process.kill(process.pid, 'SIGTERM')",
    result: 'void',
  },
  // Routes, middleware, endware
  'Add-PodeRoute': {
    target: 'builder',
    name: 'addRoute',
    handler: { param: 'ScriptBlock', kind: 'route' },
    options: {
      Method: { key: 'method', as: 'methods' },
      Path: { key: 'path', as: 'string' },
      Middleware: { key: 'middleware', as: 'functions' },
      Authentication: { key: 'authentication', as: 'string' },
      Login: { key: 'login', as: 'switch' },
      Logout: { key: 'logout', as: 'switch' },
      AllowAnon: { key: 'allowAnon', as: 'switch' },
      EndpointName: { key: 'endpointName', as: 'string' },
      ContentType: { key: 'contentType', as: 'string' },
      ErrorContentType: { key: 'errorContentType', as: 'string' },
      IfExists: { key: 'ifExists', as: 'ifExists' },
    },
    ignored: ['PassThru'],
    positional: ['Method', 'Path', 'Middleware', 'ScriptBlock'],
  },
  'Add-PodeMiddleware': {
    target: 'builder',
    name: 'addMiddleware',
    args: [{ param: 'Name', as: 'string' }],
    handler: { param: 'ScriptBlock', kind: 'middleware' },
    options: { Route: { key: 'route', as: 'string' } },
    positional: ['Name', 'ScriptBlock'],
  },
  'Add-PodeEndware': {
    target: 'builder',
    name: 'addEndware',
    handler: { param: 'ScriptBlock', kind: 'endware' },
    positional: ['ScriptBlock'],
  },
  // Responses
  'Write-PodeJsonResponse': {
    target: 'event',
    name: 'writeJson',
    free: 'writeJsonResponse',
    args: [{ param: 'Value', as: 'value', missing: 'null' }],
    options: { StatusCode: { key: 'statusCode', as: 'number' } },
    ignored: ['Depth', 'NoCompress', 'ContentType'],
    positional: ['Value'],
  },
  'Write-PodeTextResponse': {
    target: 'event',
    name: 'writeText',
    free: 'writeTextResponse',
    args: [{ param: 'Value', as: 'string', missing: "''" }],
    options: { StatusCode: { key: 'statusCode', as: 'number' } },
    positional: ['Value'],
  },
  'Write-PodeHtmlResponse': {
    target: 'event',
    name: 'writeHtml',
    free: 'writeHtmlResponse',
    args: [{ param: 'Value', as: 'string', missing: "''" }],
    options: { StatusCode: { key: 'statusCode', as: 'number' } },
    positional: ['Value'],
  },
  'Write-PodeFileResponse': {
    target: 'event',
    name: 'writeFile',
    args: [{ param: 'Path', as: 'string' }],
    options: { StatusCode: { key: 'statusCode', as: 'number' } },
    await: true,
    positional: ['Path'],
  },
  'Set-PodeResponseStatus': {
    target: 'event',
    name: 'setStatus',
    free: 'setResponseStatus',
    args: [{ param: 'Code', as: 'number' }],
    options: {
      Description: { key: 'description', as: 'string' },
      NoErrorPage: { key: 'noErrorPage', as: 'switch' },
    },
    ignored: ['Exception', 'ContentType'],
    positional: ['Code'],
  },
  'Move-PodeResponseUrl': {
    target: 'event',
    name: 'redirect',
    free: 'moveResponseUrl',
    args: [{ param: 'Url', as: 'string' }],
    options: { Moved: { key: 'moved', as: 'switch' } },
    positional: ['Url'],
  },
  // Cookies
  'Set-PodeCookie': {
    target: 'event',
    name: 'setCookie',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'string', missing: "''" },
    ],
    options: {
      Duration: { key: 'duration', as: 'number' },
      ExpiryDate: { key: 'expires', as: 'value' },
      HttpOnly: { key: 'httpOnly', as: 'switch' },
      Secure: { key: 'secure', as: 'switch' },
      ...sessionCookie,
    },
    ignored: ['Discard'],
    positional: ['Name', 'Value'],
  },
  'Get-PodeCookie': {
    target: 'event',
    name: 'getCookie',
    args: [{ param: 'Name', as: 'string' }],
    options: sessionCookie,
    result: 'nullableString',
    ignored: ['Raw'],
    positional: ['Name'],
  },
  'Get-PodeCookieValue': {
    target: 'event',
    name: 'getCookie',
    args: [{ param: 'Name', as: 'string' }],
    options: sessionCookie,
    result: 'nullableString',
    positional: ['Name'],
  },
  'Test-PodeCookie': {
    target: 'expression',
    name: '{e}.getCookie({Name}) !== null',
    result: 'boolean',
    positional: ['Name'],
  },
  'Test-PodeCookieSigned': {
    target: 'expression',
    name: '{e}.getCookie({Name}, { secret: {Secret} }) !== null',
    result: 'boolean',
    positional: ['Name'],
  },
  'Remove-PodeCookie': {
    target: 'event',
    name: 'removeCookie',
    args: [{ param: 'Name', as: 'string' }],
    positional: ['Name'],
  },
  'Update-PodeCookieExpiry': {
    target: 'expression',
    name: "{e}.setCookie({Name}, {e}.getCookie({Name}) ?? '', { duration: {Duration} })",
    result: 'void',
    positional: ['Name'],
  },
  // Headers
  'Set-PodeHeader': {
    target: 'event',
    name: 'setHeader',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'string', missing: "''" },
    ],
    options: sessionCookie,
    positional: ['Name', 'Value'],
  },
  'Add-PodeHeader': {
    target: 'event',
    name: 'addHeader',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'string', missing: "''" },
    ],
    options: sessionCookie,
    positional: ['Name', 'Value'],
  },
  'Get-PodeHeader': {
    target: 'event',
    name: 'getHeader',
    args: [{ param: 'Name', as: 'string' }],
    options: sessionCookie,
    result: 'nullableString',
    positional: ['Name'],
  },
  'Test-PodeHeader': {
    target: 'expression',
    name: '{e}.getHeader({Name}) !== null',
    result: 'boolean',
    positional: ['Name'],
  },
  'Test-PodeHeaderSigned': {
    target: 'expression',
    name: '{e}.getHeader({Name}, { secret: {Secret} }) !== null',
    result: 'boolean',
    positional: ['Name'],
  },
  'Set-PodeHeaderBulk': {
    target: 'expression',
    name: 'for (const [name, value] of Object.entries({Values})) {e}.setHeader(name, String(value))',
    result: 'void',
    positional: ['Values'],
  },
  'Add-PodeHeaderBulk': {
    target: 'expression',
    name: 'for (const [name, value] of Object.entries({Values})) {e}.addHeader(name, String(value))',
    result: 'void',
    positional: ['Values'],
  },
  // Sessions
  'Enable-PodeSessionMiddleware': {
    target: 'builder',
    name: 'enableSessionMiddleware',
    options: {
      Secret: { key: 'secret', as: 'value' },
      Name: { key: 'name', as: 'string' },
      Duration: { key: 'duration', as: 'number' },
      Generator: { key: 'generator', as: 'function' },
      Storage: { key: 'storage', as: 'value' },
      Scope: { key: 'scope', as: 'lower' },
      Extend: { key: 'extend', as: 'switch' },
      HttpOnly: { key: 'httpOnly', as: 'switch' },
      Secure: { key: 'secure', as: 'switch' },
      Strict: { key: 'strict', as: 'switch' },
      UseHeaders: { key: 'useHeaders', as: 'switch' },
    },
  },
  'Get-PodeSessionId': {
    target: 'free',
    name: 'getSessionId',
    options: { Force: { key: 'force', as: 'switch' }, Signed: { key: 'signed', as: 'switch' } },
    result: 'nullableString',
  },
  'Save-PodeSession': {
    target: 'free',
    name: 'saveSession',
    options: { Force: { key: 'force', as: 'switch' } },
    await: true,
  },
  'Remove-PodeSession': { target: 'free', name: 'removeSession', await: true },
  'Reset-PodeSessionExpiry': { target: 'free', name: 'resetSessionExpiry', await: true },
  'Get-PodeSessionExpiry': { target: 'free', name: 'getSessionExpiry', result: 'date' },
  'Get-PodeSessionDuration': { target: 'free', name: 'getSessionDuration', result: 'number' },
  'Get-PodeSessionTabId': { target: 'expression', name: '{e}.session.tabId', result: 'any' },
  'Test-PodeSessionsEnabled': { target: 'expression', name: '{e}.hasSession', result: 'boolean' },
  // Authentication
  'New-PodeAuthScheme': {
    target: 'scheme',
    options: {
      Realm: { key: 'realm', as: 'string' },
      HeaderTag: { key: 'headerTag', as: 'string' },
      Encoding: { key: 'encoding', as: 'lower' },
      UsernameField: { key: 'usernameField', as: 'string' },
      PasswordField: { key: 'passwordField', as: 'string' },
      Location: { key: 'location', as: 'lower' },
      LocationName: { key: 'name', as: 'string' },
    },
    handler: { param: 'ScriptBlock', kind: 'custom-scheme' },
  },
  'Add-PodeAuth': {
    target: 'builder',
    name: 'addAuth',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Scheme', as: 'value' },
    ],
    handler: { param: 'ScriptBlock', kind: 'auth' },
    options: {
      FailureUrl: { key: 'failureUrl', as: 'string' },
      FailureMessage: { key: 'failureMessage', as: 'string' },
      SuccessUrl: { key: 'successUrl', as: 'string' },
      SuccessUseOrigin: { key: 'successUseOrigin', as: 'switch' },
      Sessionless: { key: 'sessionless', as: 'switch' },
    },
    positional: ['Name', 'Scheme', 'ScriptBlock'],
  },
  'Add-PodeAuthSession': {
    target: 'builder',
    name: 'addAuthSession',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      FailureUrl: { key: 'failureUrl', as: 'string' },
      FailureMessage: { key: 'failureMessage', as: 'string' },
      SuccessUrl: { key: 'successUrl', as: 'string' },
    },
    positional: ['Name'],
  },
  'Get-PodeAuthUser': { target: 'free', name: 'getAuthUser', result: 'any' },
  'Test-PodeAuthUser': {
    target: 'free',
    name: 'testAuthUser',
    options: { IgnoreSession: { key: 'ignoreSession', as: 'switch' } },
    result: 'boolean',
  },
  // Flash messages
  'Add-PodeFlashMessage': {
    target: 'free',
    name: 'addFlashMessage',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Message', as: 'string' },
    ],
    positional: ['Name', 'Message'],
  },
  'Get-PodeFlashMessage': {
    target: 'free',
    name: 'getFlashMessage',
    args: [{ param: 'Name', as: 'string' }],
    result: 'any',
    positional: ['Name'],
  },
  'Get-PodeFlashMessageNames': { target: 'free', name: 'getFlashMessageNames', result: 'any' },
  'Remove-PodeFlashMessage': {
    target: 'free',
    name: 'removeFlashMessage',
    args: [{ param: 'Name', as: 'string' }],
    positional: ['Name'],
  },
  'Clear-PodeFlashMessages': { target: 'free', name: 'clearFlashMessages' },
  // CSRF
  'Enable-PodeCsrfMiddleware': {
    target: 'builder',
    name: 'enableCsrfMiddleware',
    options: {
      IgnoreMethods: { key: 'ignoreMethods', as: 'upperList' },
      Secret: { key: 'secret', as: 'value' },
      UseCookies: { key: 'useCookies', as: 'switch' },
    },
  },
  'New-PodeCsrfToken': { target: 'free', name: 'newCsrfToken', result: 'string' },
  // Logging: on by default in pode-ts
  'New-PodeLoggingMethod': {
    target: 'drop',
    note: 'logging is on by default in pode-ts (one pino line per request, errors with stacks)',
  },
  'Enable-PodeRequestLogging': { target: 'drop', note: 'request logging is on by default' },
  'Enable-PodeErrorLogging': { target: 'drop', note: 'error logging is on by default' },
  'Import-PodeModule': { target: 'drop', note: 'modules are imported with import in JavaScript' },
  ...openApiCmdlets,
};

/** Pode cmdlets with no pode-ts equivalent, with what to do instead (docs/porting.md). */
export const unsupportedPodeCmdlets: Record<string, string> = {
  'Add-PodeStaticRoute': 'static routes are not in pode-ts yet',
  'Set-PodeDefaultFolder': 'static routes are not in pode-ts yet',
  'Set-PodeViewEngine': 'views are not in pode-ts yet',
  'Write-PodeViewResponse': 'views are not in pode-ts yet',
  'Write-PodeCsvResponse': 'serialise, then e.writeText',
  'Write-PodeXmlResponse': 'serialise, then e.writeText',
  'Write-PodeYamlResponse': 'serialise, then e.writeText',
  'Write-PodeDirectoryResponse': 'not in pode-ts',
  'Set-PodeResponseAttachment': 'e.writeFile with a Content-Disposition header',
  'Write-PodeErrorResponse': 'e.setStatus(code), or throw new HttpError(code, message)',
  'Add-PodeRouteGroup': 'route groups are not in pode-ts: plain functions that take s',
  'Add-PodeAuthMiddleware': 'authentication on each route',
  'Merge-PodeAuth': 'not in pode-ts',
  'Add-PodeAccess': 'not in pode-ts',
  'Add-PodeAuthWindowsAd': 'not in pode-ts: write the check in a validator',
  'Add-PodeAuthUserFile': 'not in pode-ts: write the check in a validator',
  'Add-PodeLimitRule': 'rate limits are not in pode-ts: a middleware or a reverse proxy',
  'Add-PodeAccessRule': 'access rules are not in pode-ts: a middleware or a reverse proxy',
  'Add-PodeTimer': 'timers are not in pode-ts yet: setInterval',
  'Add-PodeSchedule': 'schedules are not in pode-ts yet',
  'Add-PodeTask': 'tasks are not in pode-ts yet',
  'Add-PodeSignalRoute': 'WebSockets are not in pode-ts',
  'Select-PodeOADefinition':
    'not translated: wrap the routes in s.selectOADefinition(tag, () => { … }) by hand',
  'Add-PodeFileWatcher': 'not in pode-ts',
  'Add-PodeHandler': 'not in pode-ts',
  'Add-PodeVerb': 'not in pode-ts',
  'Get-PodeSessionInfo': 'not in pode-ts',
  'Initialize-PodeCsrf': 'per-route CSRF is not in pode-ts: Enable-PodeCsrfMiddleware',
  'Get-PodeCsrfMiddleware': 'per-route CSRF is not in pode-ts',
  'Get-PodeCsrfToken': 'not in pode-ts: New-PodeCsrfToken',
  'Test-PodeCsrfToken': 'not in pode-ts: the CSRF middleware checks the token',
  'Get-PodeEndpoint': 'use the running server’s endpoints',
  'New-PodeMiddleware': 'hashtable middleware is not translated: write a function',
};

/** `$WebEvent` members → WebEvent members (`e.<value>`); the rest stay as they are, camelCased. */
export const webEventMembers: Record<
  string,
  { js: string; type: ResultType | 'unknown' | 'record' }
> = {
  // Pode's $WebEvent.Method is lower case ('get'); pode-ts's e.method is as sent ('GET')
  Method: { js: 'method.toLowerCase()', type: 'string' },
  Path: { js: 'path', type: 'string' },
  Query: { js: 'query', type: 'record' },
  Parameters: { js: 'parameters', type: 'record' },
  Data: { js: 'data', type: 'unknown' },
  Files: { js: 'files', type: 'any' },
  Cookies: { js: 'cookies', type: 'record' },
  Session: { js: 'session', type: 'any' },
  Auth: { js: 'auth', type: 'any' },
  Route: { js: 'route', type: 'any' },
  Endpoint: { js: 'endpoint', type: 'any' },
  ContentType: { js: 'contentType', type: 'string' },
  Timestamp: { js: 'timestamp', type: 'date' },
  Metadata: { js: 'metadata', type: 'unknown' },
  Request: { js: 'request', type: 'any' },
  Response: { js: 'response', type: 'any' },
};
