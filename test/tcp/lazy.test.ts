/**
 * An HTTP-only server pays nothing for TCP and SMTP: the TCP listener is imported only by a
 * server with a TCP endpoint, and smtp-server and mailparser only by one with an SMTP endpoint.
 */
import { describe, expect, it } from 'vitest';
import { spawnScript } from '../acceptance/raw-http.js';
import { RECORD_RESOLVES } from '../lazy-probe.js';

const script = (extra: string) => `
${RECORD_RESOLVES}
const { startServer } = await import(PODE);
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  ${extra}
  s.addRoute('GET', '/seen', (e) => e.writeJson([...seen]));
}, { logger: false, handleSignals: false });
process.on('SIGTERM', () => process.exit(0));
console.log('URL ' + server.url);
`;

async function modulesSeen(extra: string): Promise<string[]> {
  const child = await spawnScript(script(extra));
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (await (await fetch(`${child.url}/seen`)).json()) as string[];
  } finally {
    child.child.kill('SIGTERM');
    await child.exited;
  }
}

describe('lazy loading of TCP and SMTP', () => {
  it('an HTTP-only server loads neither the TCP listener nor smtp-server nor mailparser', async () => {
    const seen = await modulesSeen('');
    expect(seen.some((specifier) => specifier.endsWith('dist/index.js'))).toBe(true);
    expect(seen).not.toContain('./tcp/start.js');
    expect(seen).not.toContain('smtp-server');
    expect(seen).not.toContain('mailparser');
  }, 20_000);

  it('a TCP endpoint loads the listener but not the SMTP libraries; an SMTP endpoint loads them', async () => {
    const tcp = await modulesSeen(
      "s.addEndpoint({ protocol: 'tcp', address: '127.0.0.1', port: 0 }); s.addVerb('*', () => {});",
    );
    expect(tcp).toContain('./tcp/start.js');
    expect(tcp).not.toContain('smtp-server');
    const smtp = await modulesSeen(
      "s.addEndpoint({ protocol: 'smtp', address: '127.0.0.1', port: 0 }); s.addHandler('smtp', 'Main', () => {});",
    );
    expect(smtp).toContain('smtp-server');
    expect(smtp).toContain('mailparser');
  }, 20_000);
});
