import {
  azureAD,
  form,
  oauth2,
  startServer,
  type OAuth2Credentials,
  type ServerBuilder,
} from 'pode-ts';
import { isNullOrEmpty } from 'pode-ts/powershell';

// Sign-in through an OAuth2 provider: the authorization code flow with PKCE, an Azure AD app,
// and a login form whose username and password go to the provider (password grant).
await startServer(async (s: ServerBuilder) => {
  let provider: any;
  let azure: any;
  let loginForm: any;
  let password: any;
  s.addEndpoint({ address: '127.0.0.1', port: 8085, protocol: 'http' });
  s.enableSessionMiddleware({ duration: 600, extend: true });
  // a provider of our own: the code flow, with PKCE and the user fetched by GET
  provider = oauth2({
    scope: ['openid', 'email'],
    clientId: 'pode-app',
    clientSecret: 'not-so-secret',
    usePkce: true,
    authoriseUrl: 'https://idp.example.com/authorize?prompt=login',
    tokenUrl: 'https://idp.example.com/token',
    userUrl: 'https://idp.example.com/userinfo',
    userUrlMethod: 'GET',
  });
  s.addAuth(
    'Provider',
    provider,
    async ({ user, accessToken, refreshToken, response }: OAuth2Credentials, e) => {
      if (isNullOrEmpty(accessToken)) {
        return { message: 'The provider sent no access token' };
      }
      return { user: { Name: user.name, Expires: response.expires_in } };
    },
    { successUrl: '/' },
  );
  // Azure AD, coming back to a callback route of our own
  azure = azureAD({
    tenant: 'contoso.onmicrosoft.com',
    clientId: 'azure-app',
    redirectUrl: '/azure/return',
    usePkce: true,
  });
  s.addAuth(
    'Azure',
    azure,
    async ({ user, accessToken }: OAuth2Credentials, e) => {
      return { user: user };
    },
    { failureUrl: '/about' },
  );
  // a login form: the username and password are exchanged at the token URL
  loginForm = form();
  password = oauth2({
    clientId: 'pode-app',
    clientSecret: 'not-so-secret',
    innerScheme: loginForm,
    tokenUrl: 'http://127.0.0.1:9/token',
  });
  s.addAuth(
    'Password',
    password,
    async ({ user }: OAuth2Credentials, e) => {
      return { user: user };
    },
    { failureUrl: '/about', successUrl: '/' },
  );
  s.addRoute({ method: 'GET', path: '/', authentication: 'Provider' }, async (e) => {
    e.writeJson({ Name: e.auth.user?.Name });
  });
  s.addRoute({ method: 'GET', path: '/azure/return', authentication: 'Azure' }, async (e) => {
    e.writeText('signed in with Azure AD');
  });
  s.addRoute({ method: 'POST', path: '/login', authentication: 'Password', login: true });
  s.addRoute({ method: 'GET', path: '/about' }, async (e) => {
    e.writeText('about');
  });
});
