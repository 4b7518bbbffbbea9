// A real OpenID Connect provider for the console's single sign-on scenarios
// (tests/scenarios/console_oidc.rs): panva's oidc-provider (installed under target/browser by
// .ci/run), on a loopback port, with one confidential web client, PKCE required, and its
// development login form (any password; the login is the account id). Each account's claims
// include `name` and `groups`; `groups` is given with the `groups` scope and put in the ID
// token (conformIdTokenClaims off), as enterprise providers do for a group claim.
//
// Environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI.
// Prints `ready <issuer>` once it listens.
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = path.resolve(process.env.OIDC_MODULES ?? 'target/browser/node_modules');
const require = createRequire(path.join(modules, 'noop.js'));
const { default: Provider } = await import(require.resolve('oidc-provider'));

const ACCOUNTS = {
  alice: { name: 'Alice Tremblay', groups: ['hr-revokers', 'staff'] },
  bob: { name: 'Bob Singh', groups: ['hr-readers'] },
  carol: { name: 'Carol Roy', groups: ['finance-staff'] },
};

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  scopes: ['openid', 'profile', 'email', 'groups'],
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: account.name, preferred_username: id, email: `${id}@hr.example.ca`, groups: account.groups };
      },
    };
  },
});
// The development views warn on every request: quiet here.
provider.on('server_error', (ctx, error) => console.error(error));
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
