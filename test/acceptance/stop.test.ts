import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { sleep } from '../helpers.js';
import { rawRequest, spawnScript } from './raw-http.js';

const quietOptions = { logger: false, handleSignals: false } as const;

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('stop()', () => {
  it('lets an in-flight request and its endware finish, then refuses new connections', async () => {
    const order: string[] = [];
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const server = await startServer((s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      s.addEndware(async (e) => {
        await sleep(50);
        order.push('endware');
        e.setHeader('X-Endware', 'done');
      });
      s.addRoute('GET', '/slow', async (e) => {
        entered();
        await sleep(200);
        order.push('handler');
        e.writeText('finished');
      });
    }, quietOptions);
    const pending = rawRequest(`${server.url}/slow`);
    await inHandler;
    const stopping = server.stop().then(() => order.push('stopped'));
    const response = await pending;
    await stopping;
    expect(response.status).toBe(200);
    expect(response.body).toBe('finished');
    expect(response.headers['x-endware']).toBe('done');
    expect(order).toEqual(['handler', 'endware', 'stopped']);
    expect(await canConnect(server.endpoints[0].port)).toBe(false);
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow();
  });

  it('stops accepting at once while a request is still in flight', async () => {
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const server = await startServer((s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      s.addRoute('GET', '/slow', async (e) => {
        entered();
        await sleep(300);
        e.writeText('late');
      });
    }, quietOptions);
    const pending = rawRequest(`${server.url}/slow`);
    await inHandler;
    const stopping = server.stop();
    await sleep(20);
    expect(await canConnect(server.endpoints[0].port)).toBe(false);
    expect((await pending).body).toBe('late');
    await stopping;
  });

  it('closes idle keep-alive connections so stop() does not wait for them', async () => {
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('x'));
      },
      { ...quietOptions, keepAliveTimeout: 60_000 },
    );
    // fetch keeps its connection alive in a pool.
    expect(await (await fetch(server.url)).text()).toBe('x');
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('closes a request that outlives stopTimeout, and still resolves', async () => {
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/hang', () => new Promise(() => {}));
      },
      { ...quietOptions, stopTimeout: 200 },
    );
    const pending = rawRequest(`${server.url}/hang`).then(
      () => 'answered',
      () => 'closed',
    );
    await sleep(50);
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pending).toBe('closed');
  });

  it('resolves at once when nothing is in flight', async () => {
    const server = await startServer((s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      s.addRoute('GET', '/', (e) => e.writeText('x'));
    }, quietOptions);
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('signals', () => {
  it('SIGTERM lets the in-flight request and its endware finish, then the process exits 0', async () => {
    const child = await spawnScript(`
      import { startServer } from PODE;
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addEndware(async (e) => {
          await new Promise((r) => setTimeout(r, 100));
          e.setHeader('X-Endware', 'ran');
        });
        s.addRoute('GET', '/slow', async (e) => {
          console.log('IN-FLIGHT');
          await new Promise((r) => setTimeout(r, 400));
          e.writeText('completed');
        });
      }, { logger: false });
      console.log('URL ' + server.url);
    `);
    try {
      const pending = rawRequest(`${child.url}/slow`);
      while (!child.stdout().includes('IN-FLIGHT')) await sleep(10);
      child.child.kill('SIGTERM');
      await sleep(50);
      await expect(rawRequest(`${child.url}/slow`)).rejects.toThrow(/ECONNREFUSED/);
      const response = await pending;
      expect(response.status).toBe(200);
      expect(response.body).toBe('completed');
      expect(response.headers['x-endware']).toBe('ran');
      expect(await child.exited).toEqual({ code: 0, signal: null });
      expect(child.stderr()).toBe('');
    } finally {
      child.child.kill('SIGKILL');
    }
  });

  it('SIGINT stops an idle server and the process exits 0', async () => {
    const child = await spawnScript(`
      import { startServer } from PODE;
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('up'));
      }, { logger: false });
      console.log('URL ' + server.url);
    `);
    try {
      expect((await rawRequest(child.url)).body).toBe('up');
      child.child.kill('SIGINT');
      expect(await child.exited).toEqual({ code: 0, signal: null });
    } finally {
      child.child.kill('SIGKILL');
    }
  });

  it('stops on SIGTERM but leaves exiting to an application that listens for it too', async () => {
    const child = await spawnScript(`
      import { startServer } from PODE;
      process.on('SIGTERM', () => {
        console.log('APP HANDLER');
        setTimeout(() => process.exit(7), 300);
      });
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('up'));
      }, { logger: false });
      console.log('URL ' + server.url);
    `);
    try {
      expect((await rawRequest(child.url)).body).toBe('up');
      child.child.kill('SIGTERM');
      await sleep(100);
      await expect(rawRequest(child.url)).rejects.toThrow();
      expect(await child.exited).toEqual({ code: 7, signal: null });
      expect(child.stdout()).toContain('APP HANDLER');
    } finally {
      child.child.kill('SIGKILL');
    }
  });

  it('leaves signals alone with handleSignals: false', async () => {
    const child = await spawnScript(`
      import { startServer } from PODE;
      const server = await startServer((s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addRoute('GET', '/', (e) => e.writeText('up'));
      }, { logger: false, handleSignals: false });
      console.log('LISTENERS ' + process.listenerCount('SIGTERM'));
      console.log('URL ' + server.url);
    `);
    try {
      expect(child.stdout()).toContain('LISTENERS 0\n');
      child.child.kill('SIGTERM');
      expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
    } finally {
      child.child.kill('SIGKILL');
    }
  });
});
