/**
 * The pure parts of the limit rules under fast-check: any string as a client address or a rule
 * value gets a clean answer (an address or undefined, a matcher or an error message, never a
 * throw), and subnet matching agrees with plain arithmetic on IPv4.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServerBuilder } from '../../src/builder.js';
import { compileIpList, matchIp, parseClientAddress } from '../../src/limits/ip.js';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet);
const text = (parts: number[]) => parts.join('.');
const asNumber = (parts: number[]) => parts.reduce((sum, part) => sum * 256 + part, 0);

describe('IP parsing and matching', () => {
  it('any string is an address or undefined, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        const address = parseClientAddress(value);
        if (address !== undefined) expect(['ipv4', 'ipv6']).toContain(address.kind());
      }),
      { numRuns: 2000 },
    );
  });

  it('any rule value compiles to a matcher or an error message, never a throw', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }), (values) => {
        const result = compileIpList(values);
        expect(typeof result === 'string' || typeof result === 'object').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('an IPv4 address is in a subnet exactly when its leading bits equal the base address', () => {
    fc.assert(
      fc.property(ipv4, ipv4, fc.integer({ min: 0, max: 32 }), (address, base, bits) => {
        const matcher = compileIpList([`${text(base)}/${bits}`]);
        if (typeof matcher === 'string') throw new Error(matcher);
        const parsed = parseClientAddress(text(address));
        if (parsed === undefined) throw new Error('a valid address did not parse');
        const shift = 2 ** (32 - bits);
        const inside = Math.floor(asNumber(address) / shift) === Math.floor(asNumber(base) / shift);
        expect(matchIp(matcher, parsed, false) !== undefined).toBe(inside);
      }),
      { numRuns: 2000 },
    );
  });

  it('IPv4-mapped IPv6 addresses match IPv4 rules, with or without a port', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 1, max: 65535 }), (address, port) => {
        const matcher = compileIpList([text(address)]);
        if (typeof matcher === 'string') throw new Error(matcher);
        for (const form of [`::ffff:${text(address)}`, `${text(address)}:${port}`]) {
          const parsed = parseClientAddress(form);
          expect(parsed && matchIp(matcher, parsed, false), form).toBe(text(address));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('a server without traffic rules', () => {
  it('compiles no traffic step, no step for requests without a route, and no compressor', () => {
    const builder = new ServerBuilder({});
    builder.addEndpoint({ port: 0 });
    builder.addRoute('GET', '/', (e) => e.writeText('hi'));
    const built = builder.build();
    expect(built.miss).toBeUndefined();
    expect(built.compressor).toBeUndefined();
    const limited = new ServerBuilder({});
    limited.addEndpoint({ port: 0 });
    limited.addRoute('GET', '/', (e) => e.writeText('hi'));
    limited.addLimitRateRule('r', { limit: 1 });
    expect(limited.build().miss).toBeDefined();
  });
});
