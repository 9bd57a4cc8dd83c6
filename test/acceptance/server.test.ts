import { describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/index.js';
import { serve } from '../helpers.js';

describe('startServer and the running server', () => {
  it('runs an async set-up function and serves its routes on a real port picked by port 0', async () => {
    const server = await serve(async (s) => {
      await Promise.resolve();
      s.addRoute({ method: 'GET', path: '/' }, (e) => e.writeText('hello'));
    });
    const [endpoint] = server.endpoints;
    expect(endpoint.port).toBeGreaterThan(0);
    expect(endpoint).toMatchObject({
      protocol: 'http',
      address: '127.0.0.1',
      url: `http://127.0.0.1:${endpoint.port}`,
    });
    expect(server.url).toBe(endpoint.url);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello');
  });

  it('gives each endpoint its own port, name and url; server.url is the first endpoint', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'first' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'second' });
        s.addRoute('GET', '/where', (e) => e.writeJson(e.endpoint));
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints.map((endpoint) => endpoint.name)).toEqual(['first', 'second']);
    const [first, second] = server.endpoints;
    expect(first.port).not.toBe(second.port);
    expect(server.url).toBe(first.url);
    expect(await (await fetch(`${second.url}/where`)).json()).toEqual({
      name: 'second',
      protocol: 'http',
      address: '127.0.0.1',
      port: second.port,
    });
  });

  it('names an endpoint <protocol>:<address>:<port> when no name is given', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText(e.endpoint.name));
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints[0].name).toBe('http:127.0.0.1:0');
    expect(await (await fetch(server.url)).text()).toBe('http:127.0.0.1:0');
  });

  it('defaults the address to localhost and writes the url with it', async () => {
    let server: RunningServer | undefined;
    try {
      server = await startServer(
        (s) => {
          s.addEndpoint({ port: 0 });
          s.addRoute('GET', '/', (e) => e.writeText('local'));
        },
        { logger: false, handleSignals: false },
      );
      expect(server.url).toBe(`http://localhost:${server.endpoints[0].port}`);
      expect(server.endpoints[0].address).toBe('localhost');
      expect(await (await fetch(server.url)).text()).toBe('local');
    } finally {
      await server?.stop();
    }
  });

  it('resolves stop() once, the same promise for every caller', async () => {
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('x'));
      },
      { logger: false, handleSignals: false },
    );
    const first = server.stop();
    const second = server.stop();
    expect(first).toBe(second);
    await first;
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('serves requests on a keep-alive connection one after another', async () => {
    let count = 0;
    const server = await serve((s) => {
      s.addRoute('GET', '/count', (e) => e.writeJson({ count: ++count }));
    });
    for (let i = 1; i <= 5; i++) {
      expect(await (await fetch(`${server.url}/count`)).json()).toEqual({ count: i });
    }
  });
});
