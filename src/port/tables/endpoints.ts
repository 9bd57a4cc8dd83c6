/**
 * Endpoints and server-level values as data: `Add-PodeEndpoint` (host names, dual mode,
 * certificates, redirecting and default endpoints), `Move-PodeResponseUrl`, the cookie secrets
 * and the server metrics (docs/endpoints.md).
 */
import type { PodeMapping } from './pode.js';

const windowsStore =
  'the Windows certificate store is not reachable from Node.js: export the certificate to a .pfx (or PEM) file and pass -Certificate (with -CertificatePassword)';

export const endpointCmdlets: Record<string, PodeMapping> = {
  'Add-PodeEndpoint': {
    target: 'builder',
    name: 'addEndpoint',
    options: {
      Address: { key: 'address', as: 'string' },
      Port: { key: 'port', as: 'number' },
      Protocol: { key: 'protocol', as: 'lower' },
      Name: { key: 'name', as: 'string' },
      Hostname: { key: 'hostname', as: 'string' },
      LookupHostname: { key: 'lookupHostname', as: 'switch' },
      DualMode: { key: 'dualMode', as: 'switch' },
      Certificate: { key: 'certificate', as: 'string' },
      CertificateKey: { key: 'certificateKey', as: 'string' },
      CertificatePassword: { key: 'certificatePassword', as: 'string' },
      SelfSigned: { key: 'selfSigned', as: 'switch' },
      AllowClientCertificate: { key: 'allowClientCertificate', as: 'switch' },
      RedirectTo: { key: 'redirectTo', as: 'string' },
      Default: { key: 'default', as: 'switch' },
      // TCP and SMTP endpoints (docs/tcp.md)
      TlsMode: { key: 'tlsMode', as: 'lower' },
      Acknowledge: { key: 'acknowledge', as: 'string' },
      CRLFMessageEnd: { key: 'crlfMessageEnd', as: 'switch' },
      NoAutoUpgradeWebSockets: { key: 'noAutoUpgradeWebSockets', as: 'switch' },
    },
    // -Force: Pode's check for admin rights on a non-local address (the OS decides in Node);
    // -Description: for OpenAPI server lists (s.addOAServerEndpoint describes servers);
    ignored: ['PassThru', 'Force', 'Description'],
    unported: {
      CertificateThumbprint: `Add-PodeEndpoint -CertificateThumbprint: ${windowsStore}`,
      CertificateName: `Add-PodeEndpoint -CertificateName: ${windowsStore}`,
      CertificateStoreName: `Add-PodeEndpoint -CertificateStoreName: ${windowsStore}`,
      CertificateStoreLocation: `Add-PodeEndpoint -CertificateStoreLocation: ${windowsStore}`,
      X509Certificate:
        'Add-PodeEndpoint -X509Certificate: a .NET certificate object; pass its file with -Certificate instead',
      SslProtocol:
        'Add-PodeEndpoint -SslProtocol: pode-ts has no per-endpoint TLS version list (Node.js negotiates TLS 1.2 and 1.3)',
    },
  },
  'Move-PodeResponseUrl': {
    target: 'event',
    name: 'redirect',
    free: 'moveResponseUrl',
    args: [{ param: 'Url', as: 'string' }],
    options: { Moved: { key: 'moved', as: 'switch' } },
    positional: ['Url'],
  },
  'Set-PodeCookieSecret': {
    target: 'builder',
    name: 'setCookieSecret',
    options: {
      Name: { key: 'name', as: 'string' },
      Value: { key: 'value', as: 'string' },
      Global: { key: 'global', as: 'switch' },
    },
  },
  'Get-PodeCookieSecret': {
    target: 'event',
    name: 'getCookieSecret',
    free: 'getCookieSecret',
    options: {
      Name: { key: 'name', as: 'string' },
      Global: { key: 'global', as: 'switch' },
    },
    result: 'any',
  },
  'Get-PodeServerRestartCount': { target: 'free', name: 'getServerRestartCount', result: 'number' },
  'Get-PodeServerUptime': {
    target: 'free',
    name: 'getServerUptime',
    options: {
      Total: { key: 'total', as: 'switch' },
      Format: { key: 'format', as: 'lower' },
      ExcludeMilliseconds: { key: 'excludeMilliseconds', as: 'switch' },
    },
    result: 'any',
  },
};
