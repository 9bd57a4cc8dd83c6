/** The pure parts of endpoint sockets: grouping, listen addresses, and the endpoint for a Host. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointSettings } from '../../src/endpoints/settings.js';
import { endpointForHost, hostOf, planSockets } from '../../src/endpoints/sockets.js';

function endpoint(fields: Partial<EndpointSettings>): EndpointSettings {
  return {
    name: 'e',
    protocol: 'http',
    address: '127.0.0.1',
    port: 8080,
    hostname: undefined,
    dualMode: false,
    certificate: undefined,
    allowClientCertificate: false,
    isDefault: false,
    redirectTo: undefined,
    ...fields,
  };
}

describe('planSockets', () => {
  it('shares a socket for one address and port (localhost is 127.0.0.1), never for port 0 or across TLS', () => {
    const plans = planSockets([
      endpoint({ name: 'a', address: 'localhost' }),
      endpoint({ name: 'b', address: '127.0.0.1' }),
      endpoint({ name: 'c', protocol: 'https', port: 8080 }),
      endpoint({ name: 'd', port: 0 }),
      endpoint({ name: 'e', port: 0 }),
      endpoint({ name: 'f', port: 0, written: { address: '127.0.0.1', port: 9000 } }),
      endpoint({ name: 'g', port: 0, written: { address: 'localhost', port: 9000 } }),
    ]);
    expect(plans.map((plan) => plan.endpoints.map((e) => e.name).join(''))).toEqual([
      'ab',
      'c',
      'd',
      'e',
      'fg',
    ]);
  });

  it('listens on both loopbacks or on :: for a dual-mode endpoint', () => {
    const [loopback, any, plain] = planSockets([
      endpoint({ address: 'localhost', dualMode: true }),
      endpoint({ address: '*', port: 8081, dualMode: true }),
      endpoint({ address: '*', port: 8082 }),
    ]);
    expect(loopback.listen.map((l) => l.host)).toEqual(['127.0.0.1', '::1']);
    expect(loopback.listen[1].optional).toBe(true);
    expect(any.listen).toEqual([{ host: '::', ipv6Only: false, optional: false }]);
    expect(plain.listen[0].host).toBeUndefined();
  });
});

describe('endpointForHost', () => {
  const shop = endpoint({ name: 'shop', hostname: 'shop.example.com' });
  const plain = endpoint({ name: 'plain' });

  it('matches the host name in any case and with a port, else the endpoint without one, else none', () => {
    expect(endpointForHost([shop, plain], 'SHOP.example.com:8080')?.name).toBe('shop');
    expect(endpointForHost([shop, plain], 'other.example.com')?.name).toBe('plain');
    expect(endpointForHost([shop], 'other.example.com')).toBeUndefined();
    expect(endpointForHost([shop], undefined)).toBeUndefined();
  });

  it('reads the host of any Host header without throwing', () => {
    expect(hostOf('[::1]:8080')).toBe('::1');
    expect(hostOf(' Example.COM ')).toBe('example.com');
    fc.assert(
      fc.property(fc.string(), (header) => {
        expect(typeof hostOf(header)).toBe('string');
        expect(() => endpointForHost([shop], header)).not.toThrow();
      }),
    );
  });
});
