/**
 * Access rules over HTTP (`s.addLimitAccessRule`, Pode's `Add-PodeLimitAccessRule`): allow and
 * deny by IP and CIDR subnet (IPv4 and IPv6), trustProxy-aware, 403 for denied, and a clear 400
 * for a malformed X-Forwarded-For while the server keeps running.
 */
import { describe, expect, it } from 'vitest';
import {
  newLimitIpComponent,
  newLimitRouteComponent,
  type ServerBuilder,
  type ServerOptions,
} from '../../src/index.js';
import { serve } from '../helpers.js';

function server(setup: (s: ServerBuilder) => void, options: ServerOptions = {}) {
  return serve((s) => {
    s.addRoute('GET', '/', (e) => e.writeText(`hello ${e.remoteAddress}`));
    s.addRoute('GET', '/admin', (e) => e.writeText('admin'));
    setup(s);
  }, options);
}

async function status(url: string, forwardedFor?: string): Promise<number> {
  const response = await fetch(url, {
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
  await response.arrayBuffer();
  return response.status;
}

describe('access rules', () => {
  it('denies a subnet with 403 and lets others through', async () => {
    const denied = await server((s) =>
      s.addLimitAccessRule('no-loopback', {
        action: 'deny',
        components: [newLimitIpComponent({ ip: '127.0.0.0/8' })],
      }),
    );
    expect(await status(denied.url)).toBe(403);
    expect(await status(`${denied.url}/nowhere`)).toBe(403);
    const other = await server((s) =>
      s.addLimitAccessRule('no-ten', {
        action: 'deny',
        components: [newLimitIpComponent({ ip: '10.0.0.0/8' })],
      }),
    );
    expect(await status(other.url)).toBe(200);
  });

  it('once an allow rule exists, a request matching no rule is denied', async () => {
    const app = await server((s) =>
      s.addLimitAccessRule('office', {
        action: 'allow',
        components: [newLimitIpComponent({ ip: ['192.168.0.0/16', '2001:db8::/32'] })],
      }),
    );
    expect(await status(app.url)).toBe(403);
    const local = await server((s) =>
      s.addLimitAccessRule('local', {
        action: 'allow',
        components: [newLimitIpComponent({ ip: 'localhost' })],
      }),
    );
    expect(await status(local.url)).toBe(200);
  });

  it('rules combine components and run by priority', async () => {
    const app = await server((s) => {
      s.addLimitAccessRule('admin-local-only', {
        action: 'deny',
        statusCode: 404,
        components: [newLimitIpComponent(), newLimitRouteComponent({ path: '/admin' })],
      });
      s.addLimitAccessRule('but-this-one', {
        action: 'allow',
        priority: 5,
        components: [
          newLimitIpComponent({ ip: '127.0.0.1' }),
          newLimitRouteComponent({ path: '/admin' }),
        ],
      });
      s.addLimitAccessRule('everyone', { action: 'allow', components: [newLimitIpComponent()] });
    });
    expect(await status(`${app.url}/admin`)).toBe(200);
    expect(await status(app.url)).toBe(200);
  });

  it('with trustProxy, the first X-Forwarded-For address is checked (IPv4, IPv6, mapped, with a port)', async () => {
    const app = await server(
      (s) =>
        s.addLimitAccessRule('bad-nets', {
          action: 'deny',
          components: [newLimitIpComponent({ ip: ['203.0.113.0/24', '2001:db8::/32'] })],
        }),
      { trustProxy: true },
    );
    expect(await status(app.url, '203.0.113.5')).toBe(403);
    expect(await status(app.url, '203.0.113.5, 10.0.0.1')).toBe(403);
    expect(await status(app.url, '198.51.100.1, 203.0.113.5')).toBe(200);
    expect(await status(app.url, '2001:db8::5')).toBe(403);
    expect(await status(app.url, '2001:0DB8:0:0::1')).toBe(403);
    expect(await status(app.url, '2001:db9::1')).toBe(200);
    expect(await status(app.url, '::ffff:203.0.113.9')).toBe(403);
    expect(await status(app.url, '203.0.113.7:4711')).toBe(403);
    expect(await status(app.url, '[2001:db8::7]:443')).toBe(403);
    expect(await status(app.url)).toBe(200);
  });

  it('without trustProxy, X-Forwarded-For is ignored', async () => {
    const app = await server((s) =>
      s.addLimitAccessRule('bad-net', {
        action: 'deny',
        components: [newLimitIpComponent({ ip: '203.0.113.0/24' })],
      }),
    );
    expect(await status(app.url, '203.0.113.5')).toBe(200);
    expect(await status(app.url, 'not an address')).toBe(200);
  });

  it('location xForwardedFor reads the header itself: rightmost, or all entries', async () => {
    const app = await server((s) => {
      s.addLimitAccessRule('proxy-said', {
        action: 'deny',
        components: [
          newLimitIpComponent({
            ip: '203.0.113.0/24',
            location: 'xForwardedFor',
            xForwardedForType: 'rightmost',
          }),
        ],
      });
      s.addLimitAccessRule('any-hop', {
        action: 'deny',
        statusCode: 451,
        components: [
          newLimitIpComponent({
            ip: '198.51.100.0/24',
            location: 'xForwardedFor',
            xForwardedForType: 'all',
          }),
        ],
      });
    });
    expect(await status(app.url, '10.0.0.1, 203.0.113.5')).toBe(403);
    expect(await status(app.url, '203.0.113.5, 10.0.0.1')).toBe(200);
    expect(await status(app.url, '10.0.0.1, 198.51.100.1, 10.0.0.2')).toBe(451);
    expect(await status(app.url)).toBe(200);
  });

  it('a malformed X-Forwarded-For is a 400 and the server keeps running', async () => {
    const app = await server(
      (s) =>
        s.addLimitAccessRule('bad-net', {
          action: 'deny',
          components: [newLimitIpComponent({ ip: '203.0.113.0/24' })],
        }),
      { trustProxy: true },
    );
    for (const bad of [
      'garbage',
      '999.1.1.1',
      '1.2.3',
      '0x7f.0.0.1',
      '[::1',
      '1.2.3.4.5',
      'ö',
      ':::',
    ]) {
      expect(await status(app.url, bad), bad).toBe(400);
    }
    expect(await status(app.url, '198.51.100.1')).toBe(200);
  });

  it("maps Pode's older Add-PodeAccessRule", async () => {
    const app = await server((s) =>
      s.addAccessRule({ access: 'deny', type: 'ip', values: ['127.0.0.1'] }),
    );
    expect(await status(app.url)).toBe(403);
  });

  it('refuses a bad action, a bad IP and an unknown option at set-up', async () => {
    await expect(
      server((s) => s.addLimitAccessRule('x', { action: 'block' as never })),
    ).rejects.toThrow(/action must be/);
    await expect(
      server((s) =>
        s.addLimitAccessRule('x', {
          action: 'deny',
          components: [newLimitIpComponent({ ip: '1.2.3.4/x' })],
        }),
      ),
    ).rejects.toThrow(/not an IP address/);
    await expect(
      server((s) => s.addLimitAccessRule('x', { action: 'deny', componets: [] } as never)),
    ).rejects.toThrow(/Did you mean 'components'/);
  });
});
