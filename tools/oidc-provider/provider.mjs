// A real OpenID Connect provider (panva/oidc-provider) standing in for Госуслуги (ESIA) in
// dopcert's tests: authorization code flow with PKCE, signed ID tokens, userinfo with the
// person's name, birth date, SNILS and children. Test use only: development interactions
// (any password), an in-memory store, keys made at start.
//
// Environment: PORT, REDIRECT_URI (dopcert's callback), PEOPLE_FILE (JSON: subject → claims),
// CLIENT_ID and CLIENT_SECRET (defaults below).
import fs from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const people = JSON.parse(fs.readFileSync(process.env.PEOPLE_FILE, 'utf8'));

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID ?? 'dopcert',
    client_secret: process.env.CLIENT_SECRET ?? 'dopcert-test-secret',
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  scopes: ['openid', 'profile', 'snils', 'children'],
  claims: {
    openid: ['sub'],
    profile: ['family_name', 'given_name', 'middle_name', 'birthdate'],
    snils: ['snils'],
    children: ['children'],
  },
  async findAccount(ctx, sub) {
    const person = people[sub];
    if (!person) return undefined;
    return { accountId: sub, async claims() { return { sub, ...person }; } };
  },
  pkce: { required: () => true },
  cookies: { keys: ['dopcert-test-only'] },
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
