/**
 * pode-ts: Pode's request model on Node.js. The public surface, grouped by concern.
 *
 * @module pode-ts
 */

// Access (authorisation)
export {
  testAccess,
  testAccessExists,
  testAccessRoute,
  testAccessUser,
} from './access/functions.js';
export type {
  AccessMiddlewareOptions,
  AccessOptions,
  AccessValidator,
  MergeAccessOptions,
  TestAccessOptions,
} from './access/registry.js';
export type {
  AccessScheme,
  AccessSchemeOptions,
  AccessType,
  AccessValueReader,
} from './access/schemes.js';
export { newAccessScheme } from './access/schemes.js';
export type {
  ClientCertificate,
  ClientCertificateCredentials,
} from './auth/client-certificate.js';
export { clientCertificate } from './auth/client-certificate.js';
export type { DigestCredentials, DigestOptions } from './auth/digest.js';
export { digest } from './auth/digest.js';
export type { AuthEventHandler, AuthTriggeredEvent } from './auth/events.js';
export type { AuthUserOptions } from './auth/functions.js';
// Authentication
export { getAuthUser, testAuth, testAuthExists, testAuthUser } from './auth/functions.js';
export type {
  ConvertFromJwtOptions,
  ConvertToJwtOptions,
  JwtCredentials,
  JwtHeader,
  JwtPayload,
  JwtVerifyOptions,
  TestJwtOptions,
} from './auth/jwt.js';
export { convertFromJwt, convertToJwt, testJwt } from './auth/jwt.js';
export type { MergeAuthOptions } from './auth/merge.js';
export type {
  AzureADOptions,
  OAuth2Credentials,
  OAuth2Options,
  OAuth2Scheme,
  OidcDiscoveryOptions,
} from './auth/oauth2.js';
export { azureAD, oauth2, oidcDiscovery } from './auth/oauth2.js';
export type {
  AuthOptions,
  AuthSessionOptions,
  AuthValidation,
  AuthValidator,
  MergeUsers,
} from './auth/registry.js';
export type {
  ApiKeyCredentials,
  ApiKeyOptions,
  AuthScheme,
  BasicOptions,
  BearerCredentials,
  BearerOptions,
  CustomOptions,
  CustomReader,
  FormOptions,
  SchemeReading,
  UsernamePasswordCredentials,
} from './auth/schemes.js';
export { apiKey, basic, bearer, custom, form } from './auth/schemes.js';
export type { AuthUserFileOptions, UserFileUser } from './auth/user-file.js';
export { hashUserFilePassword } from './auth/user-file.js';
export type { AuthWindowsAdOptions, WindowsAdUser } from './auth/windows-ad.js';
export type {
  FileEvent,
  FileEventType,
  FileWatcherFunction,
  FileWatcherOptions,
} from './background/file-watchers.js';
// Background work and shared state: timers, schedules, tasks, state, locks
export * from './background/index.js';
export type { AuthMiddlewareOptions } from './builder.js';
// The cache and secret vaults
export * from './cache/index.js';
export {
  getCookieSecret,
  getWebEvent,
  moveResponseUrl,
  saveRequestFile,
  setResponseStatus,
  writeCsvResponse,
  writeHtmlResponse,
  writeJsonResponse,
  writeMarkdownResponse,
  writeTextResponse,
  writeXmlResponse,
  writeYamlResponse,
} from './context.js';
export type { CookieSecretOptions } from './cookie-secrets.js';
export type { CookieOptions } from './cookies.js';
export type { CsrfOptions } from './csrf.js';
// CSRF
export { newCsrfToken } from './csrf.js';
// Endpoints: redirect targets and server metrics
export type { RedirectTarget } from './endpoints/redirect.js';
export {
  getServerRestartCount,
  getServerUptime,
  type UptimeOptions,
} from './endpoints/uptime.js';
export type { ErrorCode } from './errors.js';
// Errors
export {
  BackgroundError,
  ErrorCodes,
  HttpError,
  JwtError,
  NoRequestError,
  NoSessionError,
  PodeError,
  SessionDataError,
  SessionStoreError,
  SetupError,
} from './errors.js';
// Flash messages
export {
  addFlashMessage,
  clearFlashMessages,
  getFlashMessage,
  getFlashMessageNames,
  removeFlashMessage,
} from './flash.js';
export type { BodyEncoding } from './formats/decode.js';
export type { ConvertToRouteOptions, RouteFunction } from './function-routes.js';
// Traffic rules: limit rules, security headers, CORS, compression
export type {
  LimitComponent,
  LimitHeaderOptions,
  LimitIpOptions,
  LimitRouteOptions,
} from './limits/components.js';
export {
  newLimitCustomComponent,
  newLimitEndpointComponent,
  newLimitHeaderComponent,
  newLimitIpComponent,
  newLimitMethodComponent,
  newLimitRouteComponent,
} from './limits/components.js';
export type {
  LimitAccessRuleOptions,
  LimitRateRuleOptions,
  LimitRuleOptions,
} from './limits/rules.js';
export {
  LOG_LEVELS,
  type LogBatchInfo,
  type LogErrorOptions,
  type LogFileOptions,
  type LogItem,
  type LogLevel,
  type LogMethod,
  type LogMethodOptions,
  type LogRequestOptions,
  type LogTypeOptions,
  newLogBatchInfo,
  newLogCustomMethod,
  newLogFileMethod,
  newLogTerminalMethod,
  type WriteLogOptions,
  writeErrorLog,
  writeLog,
} from './logging/index.js';
export type { LoggerOption } from './logging.js';
// Real time: signals (WebSockets) and server-sent events
export * from './mcp/index.js';
export type {
  OAContentMediaTypeOptions,
  OAExampleOptions,
  OANumberOptions,
  OAObjectOptions,
  OAParameterOptions,
  OAPropertyOptions,
  OAStringOptions,
} from './openapi/properties.js';
export {
  convertToOAParameter,
  newOAArrayProperty,
  newOABoolProperty,
  newOAContentMediaType,
  newOAExample,
  newOAExternalDoc,
  newOAIntProperty,
  newOANumberProperty,
  newOAObjectProperty,
  newOARequestBody,
  newOASchemaProperty,
  newOAStringProperty,
} from './openapi/properties.js';
export type {
  OADefinitionOption,
  OAInfoOptions,
  OpenApiOptions,
} from './openapi/settings.js';
export type {
  OAContent,
  OAExamples,
  OAExternalDoc,
  OAMediaType,
  OAParameter,
  OAParameterIn,
  OAParameterRef,
  OAProperty,
  OARequestBody,
  OAResponse,
  OARouteRef,
  OASchema,
  RouteOpenApi,
} from './openapi/types.js';
export type { ComplianceResult, ValidationIssue } from './openapi/validation.js';
export { testOAJsonSchemaCompliance } from './openapi/validation.js';
export type { OAViewerOptions, OAViewerType } from './openapi/viewer.js';
export { outVariable } from './output-variables.js';
export type { Endware, Middleware, RouteHandler } from './pipeline.js';
export * from './realtime/index.js';
export type { RouteGroup, RouteGroupOptions, StaticRouteGroupOptions } from './route-groups.js';
export * from './secrets/index.js';
export type { CompressionEncoding, CompressionOptions } from './security/compression.js';
export type { AccessControlOptions } from './security/cors.js';
export type {
  ContentSecurityPolicyOptions,
  PermissionsFeature,
  PermissionsPolicyOptions,
  SecurityOptions,
} from './security/headers.js';
export type {
  EndpointOptions,
  MiddlewareOptions,
  RouteOptions,
  RunningEndpoint,
  RunningServer,
  ServerOptions,
} from './server.js';
// Server, routes, middleware and endware
export { ServerBuilder, startServer } from './server.js';
export type { SessionIdOptions } from './sessions/functions.js';
// Sessions
export {
  getSessionDuration,
  getSessionExpiry,
  getSessionId,
  removeSession,
  resetSessionExpiry,
  saveSession,
  sessionScope,
} from './sessions/functions.js';
export type { MemoryStoreOptions } from './sessions/memory-store.js';
export { MemoryStore } from './sessions/memory-store.js';
export type { SessionOptions } from './sessions/options.js';
export type { SessionChange } from './sessions/session.js';
export { Session } from './sessions/session.js';
export type { SessionRecord, SessionStore } from './sessions/store.js';
export type { Unsigned } from './signing.js';
// Signing (Pode's signed values)
export { signValue, unsignValue } from './signing.js';
export type { DefaultFolderType } from './site.js';
// Static files, attachments and the file browser
export {
  setResponseAttachment,
  writeDirectoryResponse,
  writeFileResponse,
} from './static/functions.js';
export type { AttachmentOptions, FileResponseOptions } from './static/respond.js';
export type { StaticRouteOptions } from './static/routes.js';
export {
  closeTcpClient,
  getSmtpEvent,
  getTcpEvent,
  readTcpClient,
  writeTcpClient,
} from './tcp/functions.js';
export type {
  HandlerOptions,
  HandlerType,
  ReadTcpClientOptions,
  ServiceEvent,
  ServiceHandler,
  SmtpAttachment,
  SmtpEmail,
  SmtpEvent,
  SmtpHandler,
  TcpEndpointOptions,
  TcpEndpointRef,
  TcpEvent,
  TcpProtocol,
  TcpRequest,
  VerbHandler,
  VerbOptions,
} from './tcp/types.js';
// Types users extend by declaration merging
export type {
  AuthState,
  AuthUser,
  DeclaredOrAny,
  EndpointInfo,
  InbuiltSessionData,
  RequestData,
  ResolvedAuthUser,
  ResolvedSessionData,
  ResolvedWebEventMetadata,
  RouteAccess,
  RouteInfo,
  SessionAuth,
  SessionData,
  StoredSessionData,
  UploadedFile,
  WebEventMetadata,
} from './types.js';
export type { SaveFileOptions } from './uploads/save.js';
export type { ViewData, ViewEngineOptions, ViewRenderer } from './views/engine.js';
// Views
export { usePartialView, writeViewResponse } from './views/functions.js';
export type { PageFunction, PageOptions } from './views/pages.js';
export type { ViewOptions } from './views/render.js';
export type {
  EndCallback,
  FormatWriteOptions,
  HeaderOptions,
  JsonWriteOptions,
  MarkdownWriteOptions,
  RedirectOptions,
  SignedReadOptions,
  StatusOptions,
  TextWriteOptions,
  WriteOptions,
} from './web-event.js';
// The WebEvent and the free functions that find it
export { WebEvent } from './web-event.js';
