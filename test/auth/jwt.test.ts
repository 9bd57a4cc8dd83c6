import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  apiKey,
  bearer,
  convertFromJwt,
  convertToJwt,
  type JwtCredentials,
  testJwt,
} from '../../src/index.js';
import { selfSignedCertificate, serve } from '../helpers.js';

const SECRET = 'a-long-shared-secret-for-hs256-tokens!';
const secretKey = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const hs256 = (claims: Record<string, unknown>, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(secretKey);

const validate = ({ payload }: JwtCredentials) =>
  typeof payload.sub === 'string' ? { user: { id: payload.sub, name: payload.name } } : null;

const me = (e: { writeJson(value: unknown): unknown; auth: { user?: unknown } }) =>
  e.writeJson(e.auth.user);

function bearerServer(options: Parameters<typeof bearer>[0] & { asJwt: true }) {
  return serve((s) => {
    s.addAuth('Jwt', bearer(options), validate, { sessionless: true });
    s.addRoute({ method: 'GET', path: '/me', authentication: 'Jwt' }, me);
  });
}

const get = (url: string, token: string) =>
  fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });

describe('bearer({ asJwt: true }) with an HS256 secret', () => {
  const start = () =>
    bearerServer({ asJwt: true, secret: SECRET, issuer: 'pode-ts', audience: 'api' });
  const good = { sub: 'morty', name: 'Morty', iss: 'pode-ts', aud: 'api' };

  it('a valid token reaches the validator as its payload', async () => {
    const server = await start();
    const response = await get(server.url, await hs256({ ...good, exp: now() + 60 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'morty', name: 'Morty' });
  });

  it.each([
    ['expired', async () => hs256({ ...good, exp: now() - 60 }), 'The JWT has expired.'],
    [
      'not before in the future',
      async () => hs256({ ...good, nbf: now() + 600 }),
      'The JWT is not yet valid for use.',
    ],
    [
      'a wrong issuer',
      async () => hs256({ ...good, iss: 'someone-else' }),
      'The JWT issuer (iss) is not accepted.',
    ],
    [
      'a wrong audience',
      async () => hs256({ ...good, aud: 'other' }),
      'The JWT audience (aud) is not accepted.',
    ],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await hs256(good)).split('.');
        const forged = Buffer.from(JSON.stringify({ ...good, sub: 'rick' })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
      'Invalid JWT signature supplied.',
    ],
    [
      'another secret',
      async () =>
        new SignJWT(good)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode('not-the-secret-at-all-no')),
      'Invalid JWT signature supplied.',
    ],
    [
      'alg none',
      async () => new UnsecuredJWT(good).encode(),
      'Unsigned JWTs (alg none) are not accepted.',
    ],
    [
      'an RS256 token where HS is expected',
      async () => new SignJWT(good).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey),
      'The JWT algorithm is not accepted.',
    ],
    ['a malformed token', async () => 'not.a.jwt', 'Invalid JWT supplied.'],
    ['two parts', async () => 'abc.def', 'Invalid JWT supplied.'],
  ])('%s → 401 with the reason, and the server keeps running', async (_label, make, message) => {
    const server = await start();
    const response = await get(server.url, await make());
    expect(response.status).toBe(401);
    expect(response.statusText).toBe(message);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="User"');
    const again = await get(server.url, await hs256({ ...good, exp: now() + 60 }));
    expect(again.status).toBe(200);
  });

  it('any garbage after Bearer gets a clean 401 (property)', async () => {
    const server = await start();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9._~+/=-]{1,120}$/), async (token) => {
        const response = await get(server.url, token);
        expect(response.status).toBe(401);
        await response.arrayBuffer();
      }),
      { numRuns: 40 },
    );
  });
});

describe('bearer({ asJwt: true }) with public keys', () => {
  it('RS256 and PS256 verify with an RSA public key (PEM)', async () => {
    const server = await bearerServer({ asJwt: true, publicKey: rsaPublicPem });
    for (const alg of ['RS256', 'PS256']) {
      const token = await new SignJWT({ sub: alg })
        .setProtectedHeader({ alg })
        .sign(rsa.privateKey);
      expect(await (await get(server.url, token)).json()).toEqual({ id: alg });
    }
  });

  it('ES256 verifies with an EC key; a token signed by another EC key is refused', async () => {
    const server = await bearerServer({ asJwt: true, publicKey: ec.publicKey });
    const token = await new SignJWT({ sub: 'ec' })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(ec.privateKey);
    expect((await get(server.url, token)).status).toBe(200);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await new SignJWT({ sub: 'ec' })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(other.privateKey);
    expect((await get(server.url, forged)).status).toBe(401);
  });

  it('an HS256 token signed with the public key text is refused (no algorithm confusion)', async () => {
    const server = await bearerServer({ asJwt: true, publicKey: rsaPublicPem });
    const token = await new SignJWT({ sub: 'eve' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(rsaPublicPem));
    expect((await get(server.url, token)).status).toBe(401);
  });

  it('RS256 verifies with an X.509 certificate (PEM) and convertToJwt signs with its key', async () => {
    const { key, cert } = selfSignedCertificate();
    const server = await bearerServer({ asJwt: true, publicKey: cert.toString() });
    const token = await convertToJwt(
      { alg: 'RS256' },
      { sub: 'cert' },
      { privateKey: key.toString() },
    );
    expect(await (await get(server.url, token)).json()).toEqual({ id: 'cert' });
    const other = await new SignJWT({ sub: 'cert' })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(rsa.privateKey);
    expect((await get(server.url, other)).status).toBe(401);
  });

  it('alg none passes only with allowNone', async () => {
    const server = await bearerServer({ asJwt: true, allowNone: true });
    expect((await get(server.url, new UnsecuredJWT({ sub: 'anon' }).encode())).status).toBe(200);
    expect((await get(server.url, await hs256({ sub: 'x' }))).status).toBe(401);
  });
});

describe('apiKey({ asJwt: true })', () => {
  it('verifies the key as a JWT; a bad one is a 400, as in Pode', async () => {
    const server = await serve((s) => {
      s.addAuth('Key', apiKey({ asJwt: true, secret: SECRET }), validate, { sessionless: true });
      s.addRoute({ method: 'GET', path: '/me', authentication: 'Key' }, me);
    });
    const ok = await fetch(`${server.url}/me`, {
      headers: { 'x-api-key': await hs256({ sub: 'k' }) },
    });
    expect(await ok.json()).toEqual({ id: 'k' });
    const bad = await fetch(`${server.url}/me`, {
      headers: { 'x-api-key': await hs256({ sub: 'k', exp: now() - 5 }) },
    });
    expect(bad.status).toBe(400);
    expect(bad.statusText).toBe('The JWT has expired.');
  });
});

describe('JWT set-up errors', () => {
  it.each([
    ['no secret or key', () => bearer({ asJwt: true })],
    [
      'both a secret and a key',
      () => bearer({ asJwt: true, secret: SECRET, publicKey: rsaPublicPem }),
    ],
    ['a private key as publicKey', () => bearer({ asJwt: true, publicKey: rsa.privateKey })],
    ['a publicKey that is not PEM', () => bearer({ asJwt: true, publicKey: 'hello' })],
    [
      'an algorithm that does not fit the key',
      () => bearer({ asJwt: true, secret: SECRET, algorithms: ['RS256'] }),
    ],
    [
      'none in algorithms without allowNone',
      () => bearer({ asJwt: true, secret: SECRET, algorithms: ['none'] }),
    ],
    ['a JWT option without asJwt', () => bearer({ secret: SECRET })],
  ])('%s throws PODE_ERR_BAD_OPTION', (_label, make) => {
    expect(make).toThrow(expect.objectContaining({ code: 'PODE_ERR_BAD_OPTION' }));
  });
});

describe('convertToJwt, convertFromJwt, testJwt', () => {
  it('round-trips an HS256 token and verifies its signature', async () => {
    const token = await convertToJwt(
      { alg: 'hs256' },
      { sub: '123', name: 'John' },
      { secret: SECRET },
    );
    expect(await convertFromJwt(token, { secret: SECRET })).toEqual({ sub: '123', name: 'John' });
    await expect(
      convertFromJwt(token, { secret: 'another-secret-entirely' }),
    ).rejects.toMatchObject({
      code: 'PODE_ERR_JWT',
      message: 'Invalid JWT signature supplied.',
    });
    expect(await convertFromJwt(token, { ignoreSignature: true })).toMatchObject({ sub: '123' });
  });

  it('signs RS256 with a private key and verifies with the public key', async () => {
    const token = await convertToJwt(
      { alg: 'RS256' },
      { sub: 'r' },
      { privateKey: rsa.privateKey },
    );
    expect(await convertFromJwt(token, { publicKey: rsaPublicPem })).toEqual({ sub: 'r' });
  });

  it('does not check exp (that is testJwt’s job, as in Pode)', async () => {
    const token = await convertToJwt({ alg: 'HS256' }, { exp: now() - 10 }, { secret: SECRET });
    const payload = await convertFromJwt(token, { secret: SECRET });
    expect(() => testJwt(payload)).toThrow('The JWT has expired.');
  });

  it('alg none: made without a key, read only with allowNone', async () => {
    const token = await convertToJwt({ alg: 'none' }, { sub: '1' });
    await expect(convertFromJwt(token)).rejects.toMatchObject({ code: 'PODE_ERR_JWT' });
    expect(await convertFromJwt(token, { allowNone: true })).toEqual({ sub: '1' });
    await expect(convertToJwt({ alg: 'none' }, {}, { secret: SECRET })).rejects.toMatchObject({
      code: 'PODE_ERR_JWT',
    });
    await expect(convertToJwt({}, {})).rejects.toMatchObject({ code: 'PODE_ERR_JWT' });
  });

  it('malformed tokens reject with a JwtError', async () => {
    for (const token of ['', 'a.b', 'a.b.c', '...', '%%.%%.%%']) {
      await expect(convertFromJwt(token, { secret: SECRET })).rejects.toMatchObject({
        code: 'PODE_ERR_JWT',
      });
    }
  });

  it('testJwt checks exp, nbf, issuer and audience', () => {
    expect(() => testJwt({ exp: now() + 60, nbf: now() - 60 })).not.toThrow();
    expect(() => testJwt({ nbf: now() + 60 })).toThrow('The JWT is not yet valid for use.');
    expect(() => testJwt({ iss: 'a' }, { issuer: 'b' })).toThrow('issuer');
    expect(() => testJwt({ aud: ['x', 'y'] }, { audience: 'y' })).not.toThrow();
    expect(() => testJwt({ aud: 'x' }, { audience: ['z'] })).toThrow('audience');
    expect(() => testJwt({ exp: now() - 5 }, { clockTolerance: 30 })).not.toThrow();
  });

  it('testJwt either passes or throws a JwtError for any claims (property)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            exp: fc.oneof(fc.integer(), fc.string()),
            nbf: fc.oneof(fc.integer(), fc.constant(undefined)),
          },
          { requiredKeys: [] },
        ),
        (claims) => {
          try {
            testJwt(claims as never);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('PODE_ERR_JWT');
          }
        },
      ),
    );
  });
});
