// A real OpenID provider for the tests (npm oidc-provider), standing in for the education cloud's 统一身份认证.
// Its development login form takes any login as the account id: the id becomes the `sub` claim, the roster id
// Media matches. Usage: node tests/oidc/provider.mjs <port> <clientId> <clientSecret> <redirectUri>
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, name: id }; } };
  },
  claims: { openid: ['sub'], profile: ['name'] },
  cookies: { keys: ['only-for-tests-not-a-secret'] },
  features: { devInteractions: { enabled: true } },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider on ${port}`));
