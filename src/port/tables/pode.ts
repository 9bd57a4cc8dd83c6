/**
 * The Pode DSL as data: each Pode cmdlet pode-ts has, where its call goes (the builder `s`, the
 * WebEvent `e` or its free function, a scheme factory, `startServer`), and which of its
 * parameters become which arguments or option keys. docs/porting.md is the same table for people.
 */

import { accessCmdlets, accessRouteOptions, jwtSchemeOptions } from './access.js';
import { endpointCmdlets } from './endpoints.js';
import { mcpCmdlets } from './mcp.js';
import { openApiCmdlets } from './openapi.js';
import { cacheCmdlets, secretCmdlets } from './secrets-cache.js';

/** How a bound PowerShell value becomes a JavaScript argument or option value. */
export type Conversion =
  /** the expression as it is */
  | 'value'
  /** a string (`String(x)` unless already one) */
  | 'string'
  /** a route path: a literal without a leading `/` gets one, as Pode adds it (`*` → `'/*'`) */
  | 'routePath'
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
  /** a log method's script block, called as Pode calls it (`-Version`, `-ArgumentList`): `podeLogMethod` */
  | 'logMethod'
  /** a log type's script block, called as Pode calls it (`-Version`, `-ArgumentList`): `podeLogType` */
  | 'logType'
  /** a script block whose result Pode casts to [bool] → a function through `boolResult` */
  | 'boolFunction'
  /** script blocks → functions (`-Middleware $a, $b`) */
  | 'functions'
  /** a list of Pode log levels, spelt as pode-ts spells them (`-Levels error, warning` → `['Error', 'Warning']`) */
  | 'levels'
  /** one Pode log level (`-Level debug` → `'Debug'`) */
  | 'level';

/** One parameter that becomes a positional JavaScript argument. */
export interface ArgumentMapping {
  param: string;
  as: Conversion;
  /** What to pass when the parameter is not given (required arguments). */
  missing?: string;
  /** What to pass when the parameter is not given but a later argument or the options follow. */
  optional?: string;
}

/** One parameter that becomes a key of the options object. */
export interface OptionMapping {
  key: string;
  as: Conversion;
  /** For `lower`: the values pode-ts accepts, so a computed value can be typed (`x.toLowerCase() as 'a' | 'b'`). */
  values?: readonly string[];
}

/** The kind of function a `-ScriptBlock` becomes. */
export type HandlerKind =
  | 'setup'
  | 'route'
  | 'middleware'
  | 'endware'
  | 'auth'
  | 'custom-scheme'
  | 'inline'
  /** a signal route: `$SignalEvent` is its event (src/port/features/realtime.ts) */
  | 'signal'
  /** a connection event: `$TriggeredEvent` is its event */
  | 'connection-event'
  /** a WebSocket client's message handler: `$WsEvent` is its event */
  | 'websocket'
  /** a route group's `-Routes` block → `(g) => { … }` */
  | 'group'
  /** Select-PodeOADefinition's block → `() => { … }`, a set-up scope on the same `s` */
  | 'definition'
  /** Add-PodePage -ScriptBlock: `async (e, data) =>`, its output the page (src/views/pages.ts) */
  | 'page'
  /** Add-PodeFileWatcher: `($FileEvent, ...args)` (src/background/file-watchers.ts) */
  | 'file-watcher'
  /** Add-PodeTimer: `(event, ...args)` */
  | 'timer'
  /** Add-PodeSchedule: `(event, args)` */
  | 'schedule'
  /** Add-PodeTask: `(event, args)` */
  | 'task'
  /** Merge-PodeAuth -ScriptBlock: `(results, e)` (src/port/features/access.ts) */
  | 'merge-auth'
  /** Add-PodeVerb: `$TcpEvent` is its event (src/port/features/tcp.ts) */
  | 'verb'
  /** Add-PodeHandler: `$SmtpEvent` or `$ServiceEvent` is its event */
  | 'handler'
  /** Add-PodeMcpTool: `({ Param: param }, e)`, the call's arguments splatted (src/port/features/mcp.ts) */
  | 'mcp-tool';

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
  /** the free function to call instead of `e.<name>` outside a handler (for a builder method: inside one, awaited) */
  free?: string;
  args?: ArgumentMapping[];
  options?: Record<string, OptionMapping>;
  handler?: { param: string; kind: HandlerKind };
  /** awaited (returns a promise) */
  await?: boolean;
  result?: ResultType;
  /** parameters accepted with no effect in pode-ts */
  ignored?: string[];
  /** parameters read by the conversion of another one (a log script block's `-Version`) */
  consumed?: string[];
  /**
   * switches that ask for what the translation gives without them (`Add-PodeOAResponse -Default`:
   * the `'default'` status a left-out -StatusCode stands for); accepted without a note
   */
  implied?: string[];
  /** for drop/unsupported: what to tell the user */
  note?: string;
  /** parameters not translated, with the TODO text saying what to write instead */
  unported?: Record<string, string>;
  /** positions when the catalogue does not know the cmdlet (the first one binds first) */
  positional?: string[];
  /** the parameter that pipeline input binds to (`$m | Enable-PodeLogErrorType`: `Method`) */
  pipeInput?: string;
}

/** The options `New-PodeAuthScheme -OAuth2` shares with its Azure AD and OIDC presets. */
const oauth2Options: Record<string, OptionMapping> = {
  ClientId: { key: 'clientId', as: 'string' },
  ClientSecret: { key: 'clientSecret', as: 'string' },
  RedirectUrl: { key: 'redirectUrl', as: 'string' },
  UsePKCE: { key: 'usePkce', as: 'switch' },
  InnerScheme: { key: 'innerScheme', as: 'value' },
};

const sessionCookie: Record<string, OptionMapping> = {
  Secret: { key: 'secret', as: 'value' },
  Strict: { key: 'strict', as: 'switch' },
};

const contentSecurityPolicy: Record<string, OptionMapping> = {
  Default: { key: 'default', as: 'value' },
  Child: { key: 'child', as: 'value' },
  Connect: { key: 'connect', as: 'value' },
  Font: { key: 'font', as: 'value' },
  Frame: { key: 'frame', as: 'value' },
  Image: { key: 'image', as: 'value' },
  Manifest: { key: 'manifest', as: 'value' },
  Media: { key: 'media', as: 'value' },
  Object: { key: 'object', as: 'value' },
  Scripts: { key: 'scripts', as: 'value' },
  Style: { key: 'style', as: 'value' },
  BaseUri: { key: 'baseUri', as: 'value' },
  FormAction: { key: 'formAction', as: 'value' },
  FrameAncestor: { key: 'frameAncestor', as: 'value' },
  FencedFrame: { key: 'fencedFrame', as: 'value' },
  Prefetch: { key: 'prefetch', as: 'value' },
  ScriptAttr: { key: 'scriptAttr', as: 'value' },
  ScriptElem: { key: 'scriptElem', as: 'value' },
  StyleAttr: { key: 'styleAttr', as: 'value' },
  StyleElem: { key: 'styleElem', as: 'value' },
  Worker: { key: 'worker', as: 'value' },
  Sandbox: { key: 'sandbox', as: 'lower' },
  ReportUri: { key: 'reportUri', as: 'string' },
  UpgradeInsecureRequests: { key: 'upgradeInsecureRequests', as: 'switch' },
  ReportOnly: { key: 'reportOnly', as: 'switch' },
};

const permissionsPolicy: Record<string, OptionMapping> = {
  Accelerometer: { key: 'accelerometer', as: 'value' },
  AmbientLightSensor: { key: 'ambientLightSensor', as: 'value' },
  Autoplay: { key: 'autoplay', as: 'value' },
  Battery: { key: 'battery', as: 'value' },
  Camera: { key: 'camera', as: 'value' },
  DisplayCapture: { key: 'displayCapture', as: 'value' },
  DocumentDomain: { key: 'documentDomain', as: 'value' },
  EncryptedMedia: { key: 'encryptedMedia', as: 'value' },
  Fullscreen: { key: 'fullscreen', as: 'value' },
  Gamepad: { key: 'gamepad', as: 'value' },
  Geolocation: { key: 'geolocation', as: 'value' },
  Gyroscope: { key: 'gyroscope', as: 'value' },
  InterestCohort: { key: 'interestCohort', as: 'value' },
  LayoutAnimations: { key: 'layoutAnimations', as: 'value' },
  LegacyImageFormats: { key: 'legacyImageFormats', as: 'value' },
  Magnetometer: { key: 'magnetometer', as: 'value' },
  Microphone: { key: 'microphone', as: 'value' },
  Midi: { key: 'midi', as: 'value' },
  OversizedImages: { key: 'oversizedImages', as: 'value' },
  Payment: { key: 'payment', as: 'value' },
  PictureInPicture: { key: 'pictureInPicture', as: 'value' },
  PublicKeyCredentials: { key: 'publicKeyCredentials', as: 'value' },
  Speakers: { key: 'speakers', as: 'value' },
  SyncXhr: { key: 'syncXhr', as: 'value' },
  UnoptimisedImages: { key: 'unoptimisedImages', as: 'value' },
  UnsizedMedia: { key: 'unsizedMedia', as: 'value' },
  Usb: { key: 'usb', as: 'value' },
  ScreenWakeLock: { key: 'screenWakeLock', as: 'value' },
  WebShare: { key: 'webShare', as: 'value' },
  XrSpatialTracking: { key: 'xrSpatialTracking', as: 'value' },
};

/** `Remove-PodeSecurity*`: `s.removeSecurityHeader` with the cmdlet's header names. */
function removeHeaders(...names: string[]): PodeMapping {
  return {
    target: 'builder',
    name: 'removeSecurityHeader',
    args: names.map((name, index) => ({
      param: `__header${index}`,
      as: 'string',
      missing: `'${name}'`,
    })),
  };
}

/** Options that static routes and route groups share with routes. */
const routeSharing: Record<string, OptionMapping> = {
  Middleware: { key: 'middleware', as: 'functions' },
  Authentication: { key: 'authentication', as: 'string' },
  AllowAnon: { key: 'allowAnon', as: 'switch' },
  EndpointName: { key: 'endpointName', as: 'string' },
  ErrorContentType: { key: 'errorContentType', as: 'string' },
  IfExists: { key: 'ifExists', as: 'ifExists' },
};

const staticOptions: Record<string, OptionMapping> = {
  ...routeSharing,
  ...accessRouteOptions,
  Defaults: { key: 'defaults', as: 'value' },
  DownloadOnly: { key: 'downloadOnly', as: 'switch' },
  FileBrowser: { key: 'fileBrowser', as: 'switch' },
};

const groupOptions: Record<string, OptionMapping> = {
  Path: { key: 'path', as: 'string' },
  ...routeSharing,
  ...accessRouteOptions,
  ContentType: { key: 'contentType', as: 'string' },
  TransferEncoding: { key: 'transferEncoding', as: 'lower' },
};

/** `Write-Pode<Format>Response`: `e.write<Format>(value, options)`, pipeline input as the value. */
function formatResponse(format: string, options: Record<string, OptionMapping>): PodeMapping {
  return {
    target: 'event',
    name: `write${format}`,
    free: `write${format}Response`,
    args: [{ param: 'Value', as: 'value', missing: format === 'Markdown' ? "''" : 'null' }],
    options: { StatusCode: { key: 'statusCode', as: 'number' }, ...options },
    positional: ['Value'],
    pipeInput: 'Value',
  };
}

const requestLogging: PodeMapping = {
  target: 'builder',
  name: 'enableLogRequestType',
  args: [{ param: 'Method', as: 'value' }],
  options: {
    Format: { key: 'format', as: 'value' },
    UsernameProperty: { key: 'usernameProperty', as: 'string' },
  },
  pipeInput: 'Method',
};

const errorLogging: PodeMapping = {
  target: 'builder',
  name: 'enableLogErrorType',
  args: [{ param: 'Method', as: 'value' }],
  options: { Levels: { key: 'levels', as: 'levels' } },
  pipeInput: 'Method',
};

const logType: PodeMapping = {
  target: 'builder',
  name: 'addLogType',
  args: [
    { param: 'Name', as: 'string' },
    { param: 'Method', as: 'value' },
  ],
  options: {
    Levels: { key: 'levels', as: 'levels' },
    ScriptBlock: { key: 'format', as: 'logType' },
  },
  // -Raw: the data as it was written, which is what a log type without a format gets
  consumed: ['Version', 'ArgumentList', 'Raw'],
  pipeInput: 'Method',
};

const removeLogType: PodeMapping = {
  target: 'builder',
  name: 'removeLogType',
  args: [{ param: 'Name', as: 'string' }],
  positional: ['Name'],
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
      Interval: { key: 'interval', as: 'number' },
    },
    ignored: ['RootPath', 'Request', 'Browse', 'EnableBreakpoints', 'Name'],
    positional: ['ScriptBlock'],
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
      Path: { key: 'path', as: 'routePath' },
      Middleware: { key: 'middleware', as: 'functions' },
      Authentication: { key: 'authentication', as: 'string' },
      Login: { key: 'login', as: 'switch' },
      Logout: { key: 'logout', as: 'switch' },
      AllowAnon: { key: 'allowAnon', as: 'switch' },
      ...accessRouteOptions,
      // a name or a list (`-EndpointName 'a', 'b'`): s.addRoute takes both
      EndpointName: { key: 'endpointName', as: 'value' },
      ContentType: { key: 'contentType', as: 'string' },
      ErrorContentType: { key: 'errorContentType', as: 'string' },
      IfExists: { key: 'ifExists', as: 'ifExists' },
      TransferEncoding: { key: 'transferEncoding', as: 'lower' },
    },
    ignored: ['PassThru'],
    positional: ['Method', 'Path', 'Middleware', 'ScriptBlock'],
  },
  // a GET route at <path>/<name> (src/views/pages.ts); -FilePath is an HTML file, not a script
  'Add-PodePage': {
    target: 'builder',
    name: 'addPage',
    handler: { param: 'ScriptBlock', kind: 'page' },
    options: {
      Name: { key: 'name', as: 'string' },
      Path: { key: 'path', as: 'string' },
      View: { key: 'view', as: 'string' },
      FilePath: { key: 'filePath', as: 'string' },
      Data: { key: 'data', as: 'value' },
      FlashMessages: { key: 'flashMessages', as: 'switch' },
      Middleware: { key: 'middleware', as: 'functions' },
      Authentication: { key: 'authentication', as: 'string' },
      AllowAnon: { key: 'allowAnon', as: 'switch' },
      ...accessRouteOptions,
    },
    positional: ['Name', 'ScriptBlock'],
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
    options: {
      StatusCode: { key: 'statusCode', as: 'number' },
      Depth: { key: 'depth', as: 'number' },
      NoCompress: { key: 'noCompress', as: 'switch' },
      ContentType: { key: 'contentType', as: 'string' },
    },
    positional: ['Value'],
    pipeInput: 'Value',
  },
  'Write-PodeTextResponse': {
    target: 'event',
    name: 'writeText',
    free: 'writeTextResponse',
    args: [{ param: 'Value', as: 'string', missing: "''" }],
    options: {
      StatusCode: { key: 'statusCode', as: 'number' },
      ContentType: { key: 'contentType', as: 'string' },
    },
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
    free: 'writeFileResponse',
    args: [{ param: 'Path', as: 'string' }],
    options: {
      StatusCode: { key: 'statusCode', as: 'number' },
      ContentType: { key: 'contentType', as: 'string' },
      Data: { key: 'data', as: 'value' },
      Cache: { key: 'cache', as: 'switch' },
      MaxAge: { key: 'maxAge', as: 'number' },
      FileBrowser: { key: 'fileBrowser', as: 'switch' },
    },
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
      Location: { key: 'location', as: 'lower', values: ['header', 'query', 'cookie'] },
      LocationName: { key: 'name', as: 'string' },
      Scope: { key: 'scope', as: 'value' },
      ...jwtSchemeOptions,
      ...oauth2Options,
      AuthoriseUrl: { key: 'authoriseUrl', as: 'string' },
      TokenUrl: { key: 'tokenUrl', as: 'string' },
      UserUrl: { key: 'userUrl', as: 'string' },
      UserUrlMethod: { key: 'userUrlMethod', as: 'methods' },
      CodeChallengeMethod: { key: 'codeChallengeMethod', as: 'string' },
    },
    handler: { param: 'ScriptBlock', kind: 'custom-scheme' },
  },
  // OAuth2 presets (src/auth/oauth2.ts); oidcDiscovery() is awaited: it fetches the document
  'New-PodeAuthAzureADScheme': {
    target: 'scheme',
    name: 'azureAD',
    options: { Tenant: { key: 'tenant', as: 'string' }, ...oauth2Options },
  },
  'ConvertFrom-PodeOIDCDiscovery': {
    target: 'scheme',
    name: 'oidcDiscovery',
    args: [{ param: 'Url', as: 'string' }],
    options: { Scope: { key: 'scope', as: 'value' }, ...oauth2Options },
    await: true,
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
  'Add-PodeAuthUserFile': {
    target: 'builder',
    name: 'addAuthUserFile',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Scheme', as: 'value' },
    ],
    // the script block becomes the scriptBlock option (src/port/features/auth.ts)
    handler: { param: 'ScriptBlock', kind: 'auth' },
    options: {
      FilePath: { key: 'filePath', as: 'string' },
      Users: { key: 'users', as: 'value' },
      Groups: { key: 'groups', as: 'value' },
      HmacSecret: { key: 'hmacSecret', as: 'string' },
      FailureUrl: { key: 'failureUrl', as: 'string' },
      FailureMessage: { key: 'failureMessage', as: 'string' },
      SuccessUrl: { key: 'successUrl', as: 'string' },
      SuccessUseOrigin: { key: 'successUseOrigin', as: 'switch' },
      Sessionless: { key: 'sessionless', as: 'switch' },
    },
    positional: ['Name', 'Scheme'],
  },
  'Add-PodeAuthWindowsAd': {
    target: 'builder',
    name: 'addAuthWindowsAd',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Scheme', as: 'value' },
    ],
    // the script block becomes the scriptBlock option, called with the directory's user
    handler: { param: 'ScriptBlock', kind: 'auth' },
    options: {
      Fqdn: { key: 'fqdn', as: 'string' },
      Domain: { key: 'domain', as: 'string' },
      SearchBase: { key: 'searchBase', as: 'string' },
      Groups: { key: 'groups', as: 'value' },
      Users: { key: 'users', as: 'value' },
      NoGroups: { key: 'noGroups', as: 'switch' },
      DirectGroups: { key: 'directGroups', as: 'switch' },
      OpenLDAP: { key: 'openLDAP', as: 'switch' },
      KeepCredential: { key: 'keepCredential', as: 'switch' },
      FailureUrl: { key: 'failureUrl', as: 'string' },
      FailureMessage: { key: 'failureMessage', as: 'string' },
      SuccessUrl: { key: 'successUrl', as: 'string' },
      SuccessUseOrigin: { key: 'successUseOrigin', as: 'switch' },
      Sessionless: { key: 'sessionless', as: 'switch' },
    },
    unported: {
      ADModule:
        "Add-PodeAuthWindowsAd -ADModule: Windows' ActiveDirectory PowerShell module; pode-ts asks the directory over LDAP (drop the switch)",
    },
    positional: ['Name', 'Scheme'],
  },
  'Register-PodeAuthEvent': {
    target: 'builder',
    name: 'registerAuthEvent',
    args: [
      { param: 'Name', as: 'value' },
      { param: 'Type', as: 'lower' },
      { param: 'EventName', as: 'string' },
    ],
    // $TriggeredEvent.User / .Name / .Type / .Timestamp / .Metadata (src/port/features/realtime.ts)
    handler: { param: 'ScriptBlock', kind: 'connection-event' },
    positional: ['Name', 'Type', 'EventName', 'ScriptBlock'],
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
  'Test-PodeAuth': {
    target: 'free',
    name: 'testAuth',
    args: [{ param: 'Name', as: 'string' }],
    options: { IgnoreSession: { key: 'ignoreSession', as: 'switch' } },
    await: true,
    result: 'boolean',
  },
  'Test-PodeAuthExists': {
    target: 'free',
    name: 'testAuthExists',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
  },
  // Access, merged authentication, authentication middleware, JWT (src/port/tables/access.ts)
  ...accessCmdlets,
  ...mcpCmdlets,
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
  // TCP and SMTP servers (src/port/features/tcp.ts)
  'Add-PodeVerb': {
    target: 'builder',
    name: 'addVerb',
    args: [{ param: 'Verb', as: 'string' }],
    handler: { param: 'ScriptBlock', kind: 'verb' },
    options: {
      EndpointName: { key: 'endpointName', as: 'value' },
      Close: { key: 'close', as: 'switch' },
      UpgradeToSsl: { key: 'upgradeToSsl', as: 'switch' },
    },
    positional: ['Verb', 'ScriptBlock'],
  },
  'Add-PodeHandler': {
    target: 'builder',
    name: 'addHandler',
    args: [
      { param: 'Type', as: 'lower' },
      { param: 'Name', as: 'string' },
    ],
    handler: { param: 'ScriptBlock', kind: 'handler' },
    positional: ['Type', 'Name', 'ScriptBlock'],
  },
  'Write-PodeTcpClient': {
    target: 'event',
    name: 'write',
    free: 'writeTcpClient',
    args: [{ param: 'Message', as: 'value', missing: "''" }],
    positional: ['Message'],
    pipeInput: 'Message',
  },
  'Read-PodeTcpClient': {
    target: 'event',
    name: 'read',
    free: 'readTcpClient',
    await: true,
    result: 'string',
    options: {
      Timeout: { key: 'timeout', as: 'number' },
      CRLFMessageEnd: { key: 'crlfMessageEnd', as: 'switch' },
      CheckBytes: { key: 'checkBytes', as: 'value' },
    },
  },
  'Close-PodeTcpClient': { target: 'event', name: 'close', free: 'closeTcpClient' },
  // Signals (WebSockets) and server-sent events
  'Add-PodeSignalRoute': {
    target: 'builder',
    name: 'addSignalRoute',
    args: [{ param: 'Path', as: 'string' }],
    handler: { param: 'ScriptBlock', kind: 'signal' },
    options: {
      EndpointName: { key: 'endpointName', as: 'string' },
      IfExists: { key: 'ifExists', as: 'ifExists' },
    },
    positional: ['Path', 'ScriptBlock'],
  },
  'Send-PodeSignal': {
    target: 'free',
    name: 'sendSignal',
    options: {
      Data: { key: 'value', as: 'value' },
      Name: { key: 'path', as: 'string' },
      ClientId: { key: 'clientId', as: 'string' },
      Group: { key: 'group', as: 'value' },
      Depth: { key: 'depth', as: 'number' },
      IgnoreEvent: { key: 'ignoreEvent', as: 'switch' },
    },
    ignored: ['Mode'],
    positional: ['Data'],
  },
  'Register-PodeSignalEvent': {
    target: 'builder',
    name: 'registerSignalEvent',
    args: [
      { param: 'Name', as: 'value' },
      { param: 'Type', as: 'lower' },
    ],
    handler: { param: 'ScriptBlock', kind: 'connection-event' },
    options: { EventName: { key: 'eventName', as: 'string' } },
  },
  'Close-PodeSignalConnection': {
    target: 'free',
    name: 'disconnectSignal',
    options: {
      Name: { key: 'path', as: 'string' },
      ClientId: { key: 'clientId', as: 'string' },
      Group: { key: 'group', as: 'value' },
    },
  },
  'ConvertTo-PodeSignalConnection': {
    target: 'event',
    name: 'toSignalConnection',
    free: 'convertToSignalConnection',
    options: {
      Name: { key: 'name', as: 'string' },
      Group: { key: 'group', as: 'string' },
      Scope: { key: 'scope', as: 'lower' },
      ClientId: { key: 'clientId', as: 'string' },
    },
    result: 'any',
  },
  // WebSocket clients: connect at set-up (the builder) or later (the free function, awaited)
  'Connect-PodeWebSocket': {
    target: 'builder',
    name: 'connectWebSocket',
    free: 'connectWebSocket',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Url', as: 'string' },
    ],
    handler: { param: 'ScriptBlock', kind: 'websocket' },
    options: { ContentType: { key: 'contentType', as: 'string' } },
  },
  'Send-PodeWebSocket': {
    target: 'free',
    name: 'sendWebSocket',
    options: {
      Name: { key: 'name', as: 'string' },
      Message: { key: 'message', as: 'value' },
      Depth: { key: 'depth', as: 'number' },
      Type: { key: 'type', as: 'lower' },
    },
  },
  'Reset-PodeWebSocket': {
    target: 'free',
    name: 'resetWebSocket',
    await: true,
    options: { Name: { key: 'name', as: 'string' }, Url: { key: 'url', as: 'string' } },
  },
  'Disconnect-PodeWebSocket': {
    target: 'free',
    name: 'disconnectWebSocket',
    await: true,
    options: { Name: { key: 'name', as: 'string' } },
  },
  'Remove-PodeWebSocket': {
    target: 'free',
    name: 'removeWebSocket',
    await: true,
    options: { Name: { key: 'name', as: 'string' } },
  },
  'Test-PodeWebSocket': {
    target: 'free',
    name: 'testWebSocket',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
  },
  'Set-PodeWebSocketConcurrency': {
    target: 'builder',
    name: 'setWebSocketConcurrency',
    args: [{ param: 'Maximum', as: 'number' }],
  },
  'Register-PodeSseEvent': {
    target: 'builder',
    name: 'registerSseEvent',
    args: [
      { param: 'Name', as: 'value' },
      { param: 'Type', as: 'lower' },
    ],
    handler: { param: 'ScriptBlock', kind: 'connection-event' },
    options: { EventName: { key: 'eventName', as: 'string' } },
  },
  'ConvertTo-PodeSseConnection': {
    target: 'event',
    name: 'toSseConnection',
    free: 'convertToSseConnection',
    options: {
      Name: { key: 'name', as: 'string' },
      Group: { key: 'group', as: 'string' },
      Scope: { key: 'scope', as: 'lower' },
      RetryDuration: { key: 'retry', as: 'number' },
      ClientId: { key: 'clientId', as: 'string' },
      AllowAllOrigins: { key: 'allowAllOrigins', as: 'switch' },
      Force: { key: 'force', as: 'switch' },
    },
    result: 'any',
  },
  'Send-PodeSseEvent': {
    target: 'free',
    name: 'sendSseEvent',
    options: {
      Data: { key: 'data', as: 'value' },
      Name: { key: 'name', as: 'value' },
      Group: { key: 'group', as: 'value' },
      ClientId: { key: 'clientId', as: 'value' },
      EventType: { key: 'event', as: 'string' },
      Id: { key: 'id', as: 'string' },
      Depth: { key: 'depth', as: 'number' },
      FromEvent: { key: 'fromEvent', as: 'switch' },
    },
    positional: ['Data'],
  },
  'Set-PodeSseBroadcastLevel': {
    target: 'builder',
    name: 'setSseBroadcastLevel',
    options: {
      Name: { key: 'name', as: 'string' },
      Type: { key: 'type', as: 'lower' },
    },
  },
  'Close-PodeSseConnection': {
    target: 'free',
    name: 'closeSseConnection',
    options: {
      Name: { key: 'name', as: 'string' },
      Group: { key: 'group', as: 'value' },
      ClientId: { key: 'clientId', as: 'value' },
    },
  },

  // Traffic rules: limits, security headers, CORS (docs/traffic.md)
  'Add-PodeLimitRateRule': {
    target: 'builder',
    name: 'addLimitRateRule',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Limit: { key: 'limit', as: 'number' },
      Duration: { key: 'duration', as: 'number' },
      Component: { key: 'components', as: 'value' },
      StatusCode: { key: 'statusCode', as: 'number' },
      Priority: { key: 'priority', as: 'number' },
    },
  },
  'Add-PodeLimitAccessRule': {
    target: 'builder',
    name: 'addLimitAccessRule',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Action: { key: 'action', as: 'lower' },
      Component: { key: 'components', as: 'value' },
      StatusCode: { key: 'statusCode', as: 'number' },
      Priority: { key: 'priority', as: 'number' },
    },
  },
  'Add-PodeLimitRule': {
    target: 'builder',
    name: 'addLimitRule',
    options: {
      Type: { key: 'type', as: 'lower' },
      Values: { key: 'values', as: 'value' },
      Limit: { key: 'limit', as: 'number' },
      Seconds: { key: 'seconds', as: 'number' },
      Group: { key: 'group', as: 'switch' },
    },
  },
  'Add-PodeAccessRule': {
    target: 'builder',
    name: 'addAccessRule',
    options: {
      Access: { key: 'access', as: 'lower' },
      Type: { key: 'type', as: 'lower' },
      Values: { key: 'values', as: 'value' },
    },
  },
  'New-PodeLimitIPComponent': {
    target: 'free',
    name: 'newLimitIpComponent',
    options: {
      IP: { key: 'ip', as: 'value' },
      Location: { key: 'location', as: 'lower' },
      XForwardedForType: { key: 'xForwardedForType', as: 'lower' },
      Group: { key: 'group', as: 'switch' },
    },
    result: 'any',
  },
  'New-PodeLimitRouteComponent': {
    target: 'free',
    name: 'newLimitRouteComponent',
    options: { Path: { key: 'path', as: 'value' }, Group: { key: 'group', as: 'switch' } },
    result: 'any',
  },
  'New-PodeLimitEndpointComponent': {
    target: 'free',
    name: 'newLimitEndpointComponent',
    options: { Name: { key: 'name', as: 'value' } },
    result: 'any',
  },
  'New-PodeLimitMethodComponent': {
    target: 'free',
    name: 'newLimitMethodComponent',
    options: { Method: { key: 'method', as: 'methods' } },
    result: 'any',
  },
  'New-PodeLimitHeaderComponent': {
    target: 'free',
    name: 'newLimitHeaderComponent',
    options: {
      Name: { key: 'name', as: 'value' },
      Value: { key: 'value', as: 'value' },
      Group: { key: 'group', as: 'switch' },
    },
    result: 'any',
  },
  'Set-PodeSecurity': {
    target: 'builder',
    name: 'setSecurity',
    options: {
      Type: { key: 'type', as: 'lower' },
      UseHsts: { key: 'useHsts', as: 'switch' },
      XssBlock: { key: 'xssBlock', as: 'switch' },
      CspReportOnly: { key: 'cspReportOnly', as: 'switch' },
    },
  },
  'Remove-PodeSecurity': { target: 'builder', name: 'removeSecurity' },
  'Add-PodeSecurityHeader': {
    target: 'builder',
    name: 'addSecurityHeader',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'string', missing: "''" },
    ],
    options: { Append: { key: 'append', as: 'switch' } },
  },
  'Remove-PodeSecurityHeader': {
    target: 'builder',
    name: 'removeSecurityHeader',
    args: [{ param: 'Name', as: 'string' }],
  },
  'Set-PodeSecurityFrameOptions': {
    target: 'builder',
    name: 'setSecurityFrameOptions',
    args: [{ param: 'Type', as: 'lower' }],
  },
  'Remove-PodeSecurityFrameOptions': removeHeaders('X-Frame-Options'),
  'Set-PodeSecurityContentTypeOptions': {
    target: 'builder',
    name: 'setSecurityContentTypeOptions',
  },
  'Remove-PodeSecurityContentTypeOptions': removeHeaders('X-Content-Type-Options'),
  'Set-PodeSecurityReferrerPolicy': {
    target: 'builder',
    name: 'setSecurityReferrerPolicy',
    args: [{ param: 'Type', as: 'lower' }],
  },
  'Remove-PodeSecurityReferrerPolicy': removeHeaders('Referrer-Policy'),
  'Set-PodeSecurityStrictTransportSecurity': {
    target: 'builder',
    name: 'setSecurityStrictTransportSecurity',
    options: {
      Duration: { key: 'duration', as: 'number' },
      IncludeSubDomains: { key: 'includeSubDomains', as: 'switch' },
    },
  },
  'Remove-PodeSecurityStrictTransportSecurity': removeHeaders('Strict-Transport-Security'),
  'Set-PodeSecurityContentSecurityPolicy': {
    target: 'builder',
    name: 'setSecurityContentSecurityPolicy',
    options: { ...contentSecurityPolicy, XssBlock: { key: 'xssBlock', as: 'switch' } },
  },
  'Add-PodeSecurityContentSecurityPolicy': {
    target: 'builder',
    name: 'addSecurityContentSecurityPolicy',
    options: contentSecurityPolicy,
  },
  'Remove-PodeSecurityContentSecurityPolicy': removeHeaders(
    'Content-Security-Policy',
    'X-XSS-Protection',
  ),
  'Set-PodeSecurityPermissionsPolicy': {
    target: 'builder',
    name: 'setSecurityPermissionsPolicy',
    options: permissionsPolicy,
  },
  'Remove-PodeSecurityPermissionsPolicy': removeHeaders('Permissions-Policy'),
  'Set-PodeSecurityCrossOrigin': {
    target: 'builder',
    name: 'setSecurityCrossOrigin',
    options: {
      Embed: { key: 'embed', as: 'lower' },
      Open: { key: 'open', as: 'lower' },
      Resource: { key: 'resource', as: 'lower' },
    },
  },
  'Remove-PodeSecurityCrossOrigin': removeHeaders(
    'Cross-Origin-Embedder-Policy',
    'Cross-Origin-Opener-Policy',
    'Cross-Origin-Resource-Policy',
  ),
  'Set-PodeSecurityAccessControl': {
    target: 'builder',
    name: 'setSecurityAccessControl',
    options: {
      Origin: { key: 'origin', as: 'value' },
      Methods: { key: 'methods', as: 'methods' },
      Headers: { key: 'headers', as: 'value' },
      Duration: { key: 'duration', as: 'number' },
      Credentials: { key: 'credentials', as: 'switch' },
      WithOptions: { key: 'withOptions', as: 'switch' },
      AuthorizationHeader: { key: 'authorizationHeader', as: 'switch' },
      AutoHeaders: { key: 'autoHeaders', as: 'switch' },
      AutoMethods: { key: 'autoMethods', as: 'switch' },
      CrossDomainXhrRequests: { key: 'crossDomainXhrRequests', as: 'switch' },
    },
  },
  'Remove-PodeSecurityAccessControl': { target: 'builder', name: 'removeSecurityAccessControl' },
  'Hide-PodeSecurityServer': {
    target: 'drop',
    note: 'pode-ts sends no Server header (Node sends none)',
  },
  'Show-PodeSecurityServer': {
    target: 'drop',
    note: 'pode-ts sends no Server header (Node sends none)',
  },
  // Views (docs/web-sites.md)
  'Set-PodeViewEngine': {
    target: 'builder',
    name: 'setViewEngine',
    options: {
      Type: { key: 'type', as: 'lower' },
      Extension: { key: 'extension', as: 'string' },
      ScriptBlock: { key: 'render', as: 'function' },
    },
    positional: ['Type', 'ScriptBlock', 'Extension'],
  },
  'Write-PodeViewResponse': {
    target: 'event',
    name: 'writeView',
    free: 'writeViewResponse',
    args: [
      { param: 'Path', as: 'string' },
      { param: 'Data', as: 'value', optional: '{}' },
    ],
    options: {
      StatusCode: { key: 'status', as: 'number' },
      FlashMessages: { key: 'flashMessages', as: 'switch' },
      Folder: { key: 'folder', as: 'string' },
    },
    await: true,
    positional: ['Path'],
  },
  'Use-PodePartialView': {
    target: 'event',
    name: 'usePartialView',
    free: 'usePartialView',
    args: [
      { param: 'Path', as: 'string' },
      { param: 'Data', as: 'value', optional: '{}' },
    ],
    options: { Folder: { key: 'folder', as: 'string' } },
    await: true,
    result: 'string',
    positional: ['Path'],
  },
  'Set-PodeDefaultFolder': {
    target: 'builder',
    name: 'setDefaultFolder',
    args: [
      { param: 'Type', as: 'lower' },
      { param: 'Path', as: 'string' },
    ],
    positional: ['Type', 'Path'],
  },
  'Add-PodeViewFolder': {
    target: 'builder',
    name: 'addViewFolder',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Source', as: 'string' },
    ],
    positional: ['Name', 'Source'],
  },
  // Static files, attachments, route groups (docs/web-sites.md)
  'Add-PodeStaticRoute': {
    target: 'builder',
    name: 'addStaticRoute',
    args: [
      { param: 'Path', as: 'string' },
      { param: 'Source', as: 'string' },
    ],
    options: { ...staticOptions, RedirectToDefault: { key: 'redirectToDefault', as: 'switch' } },
    ignored: ['PassThru'],
    positional: ['Path', 'Source', 'Middleware'],
  },
  'Add-PodeRouteGroup': {
    target: 'builder',
    name: 'addRouteGroup',
    options: groupOptions,
    handler: { param: 'Routes', kind: 'group' },
    positional: ['Path', 'Routes', 'Middleware'],
  },
  'Add-PodeStaticRouteGroup': {
    target: 'builder',
    name: 'addStaticRouteGroup',
    options: {
      ...groupOptions,
      Source: { key: 'source', as: 'string' },
      Defaults: { key: 'defaults', as: 'value' },
      DownloadOnly: { key: 'downloadOnly', as: 'switch' },
      FileBrowser: { key: 'fileBrowser', as: 'switch' },
      RedirectToDefault: { key: 'redirectToDefault', as: 'switch' },
    },
    handler: { param: 'Routes', kind: 'group' },
    positional: ['Path', 'Source', 'Routes', 'Middleware'],
  },
  'Save-PodeRequestFile': {
    target: 'event',
    name: 'saveRequestFile',
    free: 'saveRequestFile',
    args: [{ param: 'Key', as: 'string' }],
    options: {
      Path: { key: 'path', as: 'string' },
      FileName: { key: 'fileName', as: 'value' },
    },
    await: true,
    positional: ['Key', 'Path', 'FileName'],
  },
  'Set-PodeResponseAttachment': {
    target: 'event',
    name: 'setResponseAttachment',
    free: 'setResponseAttachment',
    args: [{ param: 'Path', as: 'string' }],
    options: {
      ContentType: { key: 'contentType', as: 'string' },
      EndpointName: { key: 'endpointName', as: 'string' },
      FileBrowser: { key: 'fileBrowser', as: 'switch' },
    },
    await: true,
    positional: ['Path'],
  },
  'Write-PodeDirectoryResponse': {
    target: 'event',
    name: 'writeDirectory',
    free: 'writeDirectoryResponse',
    args: [{ param: 'Path', as: 'string' }],
    await: true,
    positional: ['Path'],
  },
  // Response formats
  'Write-PodeXmlResponse': formatResponse('Xml', {
    Depth: { key: 'depth', as: 'number' },
    ContentType: { key: 'contentType', as: 'string' },
  }),
  'Write-PodeCsvResponse': formatResponse('Csv', {}),
  'Write-PodeYamlResponse': formatResponse('Yaml', {
    Depth: { key: 'depth', as: 'number' },
    ContentType: { key: 'contentType', as: 'string' },
  }),
  'Write-PodeMarkdownResponse': formatResponse('Markdown', {
    AsHtml: { key: 'asHtml', as: 'switch' },
  }),
  // Logging (docs/logging.md): methods are values, log types are set up on the builder
  'New-PodeLogTerminalMethod': {
    target: 'free',
    name: 'newLogTerminalMethod',
    options: { BatchInfo: { key: 'batch', as: 'value' } },
    result: 'any',
  },
  'New-PodeLogFileMethod': {
    target: 'free',
    name: 'newLogFileMethod',
    options: {
      Name: { key: 'name', as: 'string' },
      Path: { key: 'path', as: 'string' },
      MaxDays: { key: 'maxDays', as: 'number' },
      MaxSize: { key: 'maxSize', as: 'number' },
      BatchInfo: { key: 'batch', as: 'value' },
    },
    result: 'any',
  },
  'New-PodeLogCustomMethod': {
    target: 'free',
    name: 'newLogCustomMethod',
    args: [{ param: 'ScriptBlock', as: 'logMethod' }],
    options: { BatchInfo: { key: 'batch', as: 'value' } },
    consumed: ['Version', 'ArgumentList'],
    result: 'any',
  },
  'New-PodeLogBatchInfo': {
    target: 'free',
    name: 'newLogBatchInfo',
    options: {
      Size: { key: 'size', as: 'number' },
      Timeout: { key: 'timeout', as: 'number' },
    },
    result: 'any',
    positional: ['Size', 'Timeout'],
  },
  'Enable-PodeLogRequestType': requestLogging,
  'Enable-PodeRequestLogging': requestLogging,
  'Enable-PodeLogErrorType': errorLogging,
  'Enable-PodeErrorLogging': errorLogging,
  'Add-PodeLogType': logType,
  'Add-PodeLogger': logType,
  'Disable-PodeLogRequestType': { target: 'builder', name: 'disableLogRequestType' },
  'Disable-PodeRequestLogging': { target: 'builder', name: 'disableLogRequestType' },
  'Disable-PodeLogErrorType': { target: 'builder', name: 'disableLogErrorType' },
  'Disable-PodeErrorLogging': { target: 'builder', name: 'disableLogErrorType' },
  'Remove-PodeLogType': removeLogType,
  'Remove-PodeLogger': removeLogType,
  'Clear-PodeLogTypes': { target: 'builder', name: 'clearLogTypes' },
  'Clear-PodeLoggers': { target: 'builder', name: 'clearLogTypes' },
  'Write-PodeLog': {
    target: 'free',
    name: 'writeLog',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      InputObject: { key: 'inputObject', as: 'value' },
      Level: { key: 'level', as: 'level' },
    },
    positional: ['Name', 'Level', 'InputObject'],
    pipeInput: 'InputObject',
  },
  'Write-PodeErrorLog': {
    target: 'free',
    name: 'writeErrorLog',
    args: [{ param: 'Exception', as: 'value', missing: 'undefined' }],
    options: { Level: { key: 'level', as: 'level' } },
    pipeInput: 'Exception',
  },
  'Use-PodeLogging': {
    target: 'drop',
    note: 'log types are set up in the startServer set-up function',
  },
  'Import-PodeModule': { target: 'drop', note: 'modules are imported with import in JavaScript' },
  // a module file beside the script (`-Path ./modules/x.psm1`) is converted in place: src/port/includes.ts
  // only a viewer: the server answers the same without it
  'Show-PodeGui': {
    target: 'drop',
    note: 'the Windows desktop window (WPF) around the site is not in pode-ts: open the URL in a browser',
  },
  'Export-PodeFunction': {
    target: 'drop',
    note: "every route can call the script's functions in pode-ts (no runspaces to export them to)",
  },
  // Background work and shared state (issue 18; code in src/port/features/background.ts)
  'Add-PodeTimer': {
    target: 'builder',
    name: 'addTimer',
    handler: { param: 'ScriptBlock', kind: 'timer' },
    positional: ['Name', 'Interval', 'ScriptBlock'],
  },
  'Add-PodeFileWatcher': {
    target: 'builder',
    name: 'addFileWatcher',
    handler: { param: 'ScriptBlock', kind: 'file-watcher' },
    options: {
      Name: { key: 'name', as: 'string' },
      Path: { key: 'path', as: 'string' },
      EventName: { key: 'eventName', as: 'value' },
      Include: { key: 'include', as: 'value' },
      Exclude: { key: 'exclude', as: 'value' },
      NoSubdirectories: { key: 'noSubdirectories', as: 'switch' },
      ArgumentList: { key: 'args', as: 'value' },
    },
    // .NET's event filters and buffer: fs.watch reports every change of a file
    ignored: ['NotifyFilter', 'InternalBufferSize', 'PassThru'],
    positional: ['Path', 'ScriptBlock'],
  },
  'Invoke-PodeTimer': {
    target: 'free',
    name: 'invokeTimer',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'ArgumentList', as: 'value', missing: 'undefined' },
    ],
    await: true,
    positional: ['Name'],
  },
  'Remove-PodeTimer': {
    target: 'free',
    name: 'removeTimer',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Clear-PodeTimers': { target: 'free', name: 'clearTimers' },
  'Get-PodeTimer': {
    target: 'free',
    name: 'getTimer',
    args: [{ param: 'Name', as: 'string', missing: 'undefined' }],
    result: 'any',
  },
  'Test-PodeTimer': {
    target: 'free',
    name: 'testTimer',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Edit-PodeTimer': {
    target: 'free',
    name: 'editTimer',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Interval: { key: 'interval', as: 'number' },
      ScriptBlock: { key: 'fn', as: 'function' },
      ArgumentList: { key: 'args', as: 'value' },
    },
    positional: ['Name'],
  },
  'Add-PodeSchedule': {
    target: 'builder',
    name: 'addSchedule',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Cron', as: 'value' },
    ],
    handler: { param: 'ScriptBlock', kind: 'schedule' },
    options: {
      Limit: { key: 'limit', as: 'number' },
      StartTime: { key: 'startTime', as: 'value' },
      EndTime: { key: 'endTime', as: 'value' },
      OnStart: { key: 'onStart', as: 'switch' },
      Timeout: { key: 'timeout', as: 'number' },
      ArgumentList: { key: 'args', as: 'value' },
    },
    ignored: ['TimeoutFrom'],
    positional: ['Name', 'Cron', 'ScriptBlock'],
  },
  'Invoke-PodeSchedule': {
    target: 'free',
    name: 'invokeSchedule',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'ArgumentList', as: 'value', missing: 'undefined' },
    ],
    await: true,
    positional: ['Name'],
  },
  'Remove-PodeSchedule': {
    target: 'free',
    name: 'removeSchedule',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Clear-PodeSchedules': { target: 'free', name: 'clearSchedules' },
  'Get-PodeSchedule': {
    target: 'free',
    name: 'getSchedule',
    args: [{ param: 'Name', as: 'string', missing: 'undefined' }],
    result: 'any',
  },
  'Test-PodeSchedule': {
    target: 'free',
    name: 'testSchedule',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Get-PodeScheduleNextTrigger': {
    target: 'free',
    name: 'getScheduleNextTrigger',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'DateTime', as: 'value', missing: 'undefined' },
    ],
    result: 'date',
    positional: ['Name'],
  },
  'Edit-PodeSchedule': {
    target: 'free',
    name: 'editSchedule',
    args: [{ param: 'Name', as: 'string' }],
    options: {
      Cron: { key: 'cron', as: 'value' },
      ScriptBlock: { key: 'fn', as: 'function' },
      ArgumentList: { key: 'args', as: 'value' },
    },
    positional: ['Name'],
  },
  'Add-PodeTask': {
    target: 'builder',
    name: 'addTask',
    args: [{ param: 'Name', as: 'string' }],
    handler: { param: 'ScriptBlock', kind: 'task' },
    options: {
      Timeout: { key: 'timeout', as: 'number' },
      MaxRetries: { key: 'maxRetries', as: 'number' },
      RetryDelay: { key: 'retryDelay', as: 'number' },
      AutoRetry: { key: 'autoRetry', as: 'switch' },
    },
    positional: ['Name', 'ScriptBlock'],
  },
  'Set-PodeTaskConcurrency': {
    target: 'builder',
    name: 'setTaskConcurrency',
    args: [{ param: 'Maximum', as: 'number' }],
    positional: ['Maximum'],
  },
  'Set-PodeScheduleConcurrency': {
    target: 'builder',
    name: 'setScheduleConcurrency',
    args: [{ param: 'Maximum', as: 'number' }],
    positional: ['Maximum'],
  },
  'New-PodeCron': {
    target: 'free',
    name: 'newCron',
    options: {
      Minute: { key: 'minute', as: 'value' },
      Hour: { key: 'hour', as: 'value' },
      Date: { key: 'date', as: 'value' },
      Month: { key: 'month', as: 'value' },
      Day: { key: 'day', as: 'value' },
      Every: { key: 'every', as: 'string' },
      Interval: { key: 'interval', as: 'number' },
    },
    result: 'string',
  },
  'New-PodeStateDictionary': {
    target: 'free',
    name: 'newStateDictionary',
    args: [{ param: 'Data', as: 'value', optional: 'undefined' }],
    result: 'any',
    positional: ['Data'],
  },
  'New-PodeStateOrderedDictionary': {
    target: 'free',
    name: 'newStateOrderedDictionary',
    args: [{ param: 'Data', as: 'value', optional: 'undefined' }],
    result: 'any',
    positional: ['Data'],
  },
  'New-PodeStateList': {
    target: 'free',
    name: 'newStateList',
    args: [{ param: 'Data', as: 'value', optional: 'undefined' }],
    result: 'any',
    positional: ['Data'],
  },
  'New-PodeStateBag': {
    target: 'free',
    name: 'newStateBag',
    args: [{ param: 'Data', as: 'value', optional: 'undefined' }],
    result: 'any',
    positional: ['Data'],
  },
  'Invoke-PodeTask': { target: 'free', name: 'invokeTask', result: 'any', positional: ['Name'] },
  'Wait-PodeTask': {
    target: 'free',
    name: 'waitTask',
    args: [{ param: 'Process', as: 'value' }],
    options: { Timeout: { key: 'timeout', as: 'number' } },
    await: true,
    result: 'any',
    positional: ['Process'],
  },
  'Get-PodeTask': {
    target: 'free',
    name: 'getTask',
    args: [{ param: 'Name', as: 'string', missing: 'undefined' }],
    result: 'any',
  },
  'Remove-PodeTask': {
    target: 'free',
    name: 'removeTask',
    args: [{ param: 'Name', as: 'string' }],
    result: 'boolean',
    positional: ['Name'],
  },
  'Clear-PodeTasks': { target: 'free', name: 'clearTasks' },
  'Set-PodeState': {
    target: 'free',
    name: 'setState',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'value', missing: 'null' },
    ],
    options: { Scope: { key: 'scope', as: 'value' } },
    ignored: ['NoPassThru'],
    await: true,
    result: 'any',
    positional: ['Value'],
  },
  'Out-PodeVariable': {
    target: 'free',
    name: 'outVariable',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Value', as: 'value', missing: 'undefined' },
    ],
    positional: ['Value'],
    pipeInput: 'Value',
  },
  'Get-PodeState': {
    target: 'free',
    name: 'getState',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'any',
    positional: ['Name'],
  },
  'Remove-PodeState': {
    target: 'free',
    name: 'removeState',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'any',
    positional: ['Name'],
  },
  'Test-PodeState': {
    target: 'free',
    name: 'testState',
    args: [{ param: 'Name', as: 'string' }],
    await: true,
    result: 'boolean',
    positional: ['Name'],
  },
  'Get-PodeStateNames': {
    target: 'free',
    name: 'getStateNames',
    options: {
      Pattern: { key: 'pattern', as: 'string' },
      Scope: { key: 'scope', as: 'value' },
      Include: { key: 'include', as: 'value' },
      Exclude: { key: 'exclude', as: 'value' },
    },
    await: true,
    result: 'any',
  },
  'Save-PodeState': {
    target: 'free',
    name: 'saveState',
    args: [{ param: 'Path', as: 'string' }],
    options: {
      Scope: { key: 'scope', as: 'value' },
      Include: { key: 'include', as: 'value' },
      Exclude: { key: 'exclude', as: 'value' },
      Compress: { key: 'compress', as: 'switch' },
    },
    ignored: ['Depth'],
    await: true,
    positional: ['Path'],
  },
  'Restore-PodeState': {
    target: 'free',
    name: 'restoreState',
    args: [{ param: 'Path', as: 'string' }],
    options: { Merge: { key: 'merge', as: 'switch' } },
    ignored: ['Depth'],
    await: true,
    positional: ['Path'],
  },
  'Lock-PodeObject': { target: 'free', name: 'lockObject', result: 'any' },
  'New-PodeLockable': {
    target: 'free',
    name: 'newLockable',
    args: [{ param: 'Name', as: 'string' }],
    result: 'any',
    positional: ['Name'],
  },
  'Get-PodeLockable': {
    target: 'free',
    name: 'newLockable',
    args: [{ param: 'Name', as: 'string' }],
    result: 'any',
    positional: ['Name'],
  },
  'New-PodeMutex': {
    target: 'drop',
    note: 'a mutex is made on first use: useMutex(name, fn)',
  },
  'Use-PodeMutex': {
    target: 'free',
    name: 'useMutex',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'ScriptBlock', as: 'function' },
    ],
    ignored: ['Timeout'],
    await: true,
    result: 'any',
  },
  'New-PodeSemaphore': {
    target: 'free',
    name: 'newSemaphore',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'Count', as: 'number', missing: '1' },
    ],
    ignored: ['Scope'],
  },
  'Use-PodeSemaphore': {
    target: 'free',
    name: 'useSemaphore',
    args: [
      { param: 'Name', as: 'string' },
      { param: 'ScriptBlock', as: 'function' },
    ],
    ignored: ['Timeout'],
    await: true,
    result: 'any',
  },
  ...openApiCmdlets,
  ...endpointCmdlets,
  ...cacheCmdlets,
  ...secretCmdlets,
};

/** Pode cmdlets with no pode-ts equivalent, with what to do instead (docs/porting.md). */
export const unsupportedPodeCmdlets: Record<string, string> = {
  'Write-PodeErrorResponse': 'e.setStatus(code), or throw new HttpError(code, message)',
  'Add-PodeAccessCustom':
    'piped from Add-PodeRoute -PassThru only: otherwise give the route customAccess: { Name: value }',
  'Add-PodeAuthWindowsLocal':
    'not in pode-ts: it checks Windows local accounts through the Windows logon API, which exists only on Windows; check the username and password in an s.addAuth validator',
  'Add-PodeFileWatcher': 'not in pode-ts',
  'Add-PodeHandler': 'not in pode-ts',
  'Add-PodeVerb': 'not in pode-ts',
  'Get-PodeSessionInfo': 'not in pode-ts',
  'Initialize-PodeCsrf': 'per-route CSRF is not in pode-ts: Enable-PodeCsrfMiddleware',
  'Get-PodeCsrfMiddleware': 'per-route CSRF is not in pode-ts',
  'Get-PodeCsrfToken': 'not in pode-ts: New-PodeCsrfToken',
  'Test-PodeCsrfToken': 'not in pode-ts: the CSRF middleware checks the token',
  'Get-PodeEndpoint': 'use the running server’s endpoints',
  'New-PodeMiddleware': 'New-PodeMiddleware -Route outside Add-PodeMiddleware',
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
  Sse: { js: 'sse', type: 'any' },
  Signal: { js: 'signal', type: 'any' },
};

/** `$WebEvent.Response.<member>` → the member of Node's ServerResponse (`e.response.<value>`). */
export const responseMembers: Record<string, { js: string; type: ResultType }> = {
  StatusCode: { js: 'statusCode', type: 'number' },
  StatusDescription: { js: 'statusMessage', type: 'string' },
};

/** `$WebEvent.Auth.<member>` → pode-ts's AuthState (`e.auth.<value>`). */
export const authMembers: Record<string, { js: string; type: ResultType | 'record' }> = {
  User: { js: 'user', type: 'any' },
  IsAuthenticated: { js: 'isAuthenticated', type: 'boolean' },
  IsAuthorised: { js: 'isAuthenticated', type: 'boolean' },
  Name: { js: 'name', type: 'any' },
};
