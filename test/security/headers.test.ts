/**
 * Security headers (`s.setSecurity*`, Pode's `Set-PodeSecurity*`): off by default, Pode's Simple
 * and Strict sets in one call, each header on its own, on every response (errors included).
 */
import { describe, expect, it } from 'vitest';
import type { ServerBuilder } from '../../src/index.js';
import { serve } from '../helpers.js';

async function headersOf(setup: (s: ServerBuilder) => void, path = '/') {
  const server = await serve((s) => {
    s.addRoute('GET', '/', (e) => e.writeText('hi'));
    setup(s);
  });
  const response = await fetch(`${server.url}${path}`);
  await response.arrayBuffer();
  return response.headers;
}

describe('security headers', () => {
  it('are off by default', async () => {
    const headers = await headersOf(() => {});
    for (const name of [
      'x-frame-options',
      'x-content-type-options',
      'content-security-policy',
      'strict-transport-security',
      'access-control-allow-origin',
      'referrer-policy',
    ]) {
      expect(headers.get(name), name).toBeNull();
    }
  });

  it("setSecurity({ type: 'simple' }) sends Pode's Simple set", async () => {
    const headers = await headersOf((s) => s.setSecurity({ type: 'simple' }));
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('referrer-policy')).toBe('strict-origin');
    expect(headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(headers.get('x-xss-protection')).toBe('0');
    expect(headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(headers.get('permissions-policy')).toContain('camera=()');
    expect(headers.get('permissions-policy')).toContain('fullscreen=(self)');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it("setSecurity({ type: 'strict', useHsts, xssBlock, cspReportOnly }) sends the Strict set", async () => {
    const headers = await headersOf((s) =>
      s.setSecurity({ type: 'strict', useHsts: true, xssBlock: true, cspReportOnly: true }),
    );
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('x-xss-protection')).toBe('1; mode=block');
    expect(headers.get('content-security-policy-report-only')).toBe("default-src 'self'");
    expect(headers.get('content-security-policy')).toBeNull();
  });

  it('each Set-PodeSecurity* cmdlet has its method, and headers reach error pages too', async () => {
    const headers = await headersOf((s) => {
      s.setSecurityFrameOptions('deny');
      s.setSecurityContentTypeOptions();
      s.setSecurityReferrerPolicy('Strict-Origin-When-Cross-Origin');
      s.setSecurityStrictTransportSecurity({ duration: 600 });
      s.setSecurityContentSecurityPolicy({
        default: ['self'],
        image: ['self', 'data', 'https://img.example.com'],
        scripts: ['self', 'unsafe-inline'],
        upgradeInsecureRequests: true,
      });
      s.addSecurityContentSecurityPolicy({ image: ['blob'] });
      s.setSecurityPermissionsPolicy({
        camera: ['none'],
        geolocation: ['self', 'https://maps.example'],
      });
      s.addSecurityHeader('X-Custom', 'yes');
    }, '/missing');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('strict-transport-security')).toBe('max-age=600');
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data: https://img.example.com blob:; script-src 'self' 'unsafe-inline'",
    );
    expect(headers.get('permissions-policy')).toBe(
      'camera=(), geolocation=(self "https://maps.example")',
    );
    expect(headers.get('x-custom')).toBe('yes');
  });

  it('addSecurityHeader with append adds to a list once; single sources work as lists', async () => {
    const headers = await headersOf((s) => {
      s.addSecurityHeader('X-Tags', 'a');
      s.addSecurityHeader('X-Tags', 'b', { append: true });
      s.addSecurityHeader('X-Tags', 'A', { append: true });
      s.addSecurityHeader('X-Empty', '');
      s.setSecurityContentSecurityPolicy({ default: 'none', scripts: 'self' });
      s.setSecurityCrossOrigin({ resource: 'Cross-Origin' });
    });
    expect(headers.get('x-tags')).toBe('a, b');
    expect(headers.get('x-empty')).toBeNull();
    expect(headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'self'");
    expect(headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('removeSecurityHeader and removeSecurity take them away again', async () => {
    const some = await headersOf((s) => {
      s.setSecurity({ type: 'simple' });
      s.removeSecurityHeader('X-Frame-Options');
    });
    expect(some.get('x-frame-options')).toBeNull();
    expect(some.get('x-content-type-options')).toBe('nosniff');
    const none = await headersOf((s) => {
      s.setSecurity({ type: 'simple' });
      s.removeSecurity();
    });
    expect(none.get('x-content-type-options')).toBeNull();
    expect(none.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bad values at set-up', async () => {
    const start = (setup: (s: ServerBuilder) => void) => headersOf(setup);
    await expect(start((s) => s.setSecurity({ type: 'lax' as never }))).rejects.toThrow(/simple/);
    await expect(start((s) => s.setSecurityFrameOptions('allow' as never))).rejects.toThrow(/deny/);
    await expect(start((s) => s.setSecurityReferrerPolicy('sometimes'))).rejects.toThrow(
      /no-referrer/,
    );
    await expect(
      start((s) => s.setSecurityStrictTransportSecurity({ duration: -1 })),
    ).rejects.toThrow(/duration/);
    await expect(start((s) => s.addSecurityHeader('Bad Name', 'x'))).rejects.toThrow(/not valid/);
    await expect(start((s) => s.setSecurityCrossOrigin({ embed: 'sometimes' }))).rejects.toThrow(
      /require-corp/,
    );
    await expect(
      start((s) => s.setSecurityPermissionsPolicy({ teleport: ['self'] } as never)),
    ).rejects.toThrow(/unknown option/);
    await expect(start((s) => s.addSecurityHeader('X-Split', 'a\r\nb: c'))).rejects.toThrow(
      /line break/,
    );
    await expect(
      start((s) => s.setSecurityContentSecurityPolicy({ deafult: ['self'] } as never)),
    ).rejects.toThrow(/Did you mean 'default'/);
  });
});
