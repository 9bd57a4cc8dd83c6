import { apiKey, newAccessScheme, startServer, testAccess, type ServerBuilder } from 'pode-ts';
import { boolResult, contains } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8089, protocol: 'http' });
  // partners call with an API key that is a signed JWT naming them and their country
  const secret = 'key-signing-secret-for-the-corpus!';
  s.addAuth(
    'Partner',
    apiKey({ asJwt: true, secret: secret }),
    async ({ payload }, e) => {
      return { user: { Name: payload.sub, Country: payload.country } };
    },
    { sessionless: true },
  );
  // offers are limited by region: the route lists the countries, the user has one
  s.addAccess('Region', newAccessScheme({ type: 'custom', path: 'Country' }), {
    scriptBlock: boolResult(async (userCountries: any, allowed: any) => {
      return contains(allowed, userCountries[0]);
    }),
  });
  s.addRoute(
    {
      customAccess: { Region: ['UK', 'IE', 'FR'] },
      method: 'GET',
      path: '/offers/europe',
      authentication: 'Partner',
      access: 'Region',
    },
    async (e) => {
      e.writeJson({ Offers: ['rail pass', 'ferry'] });
    },
  );
  s.addRoute({ method: 'GET', path: '/offers/check', authentication: 'Partner' }, async (e) => {
    let country: any;
    country = e.query.country;
    const inEurope = await testAccess('Region', {
      source: country,
      destination: ['UK', 'IE', 'FR'],
    });
    e.writeJson({ Country: country, Europe: inEurope });
  });
});
