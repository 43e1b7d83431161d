// A second, independent OpenID Connect provider for the tests: panva's oidc-provider (OpenID Certified), set up
// the way an operator would register Chatt at any provider — a confidential client for the gateway, and the API
// as a resource server whose access tokens are JWTs for its audience (RFC 8707 resource indicators, RFC 9068).
//
//   node oidc-provider.mjs '{"redirectOrigins":["http://127.0.0.1:5080"], ...options}'
//
// Options (all optional but redirectOrigins):
//   clientId, clientSecret     the gateway's client                    (chatt-gateway / chatt-gateway-secret)
//   resource                   the API's resource indicator            (urn:chatt:api)
//   audience                   the aud of the API's access tokens      (chatt-api)
//   accessTokenAlg             RS256 | ES256                           (RS256)
//   trailingSlash              the issuer ends in "/" (as Auth0's does) (false)
//   usernameClaim              false: tokens carry sub and email only  (true)
//   accessTokenTtl             seconds                                  (300)
//
// Prints one JSON line {"issuer": …} when it listens on 127.0.0.1 (a free port). Sign-in is a one-field form at
// /interaction/:uid (any username; the account's sub is "acct-<username>"), which grants the requested scopes.
// POST /test/rotate makes new signing keys the current ones (the old ones stay published, as in a real
// rotation) and answers {"kids": […]}; tokens are kept across it.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const options = {
  clientId: 'chatt-gateway',
  clientSecret: 'chatt-gateway-secret',
  resource: 'urn:chatt:api',
  audience: 'chatt-api',
  accessTokenAlg: 'RS256',
  trailingSlash: false,
  usernameClaim: true,
  accessTokenTtl: 300,
  ...JSON.parse(process.argv[2] ?? '{}'),
};

const server = http.createServer((req, res) => handle(req, res));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const issuer = options.trailingSlash ? `${origin}/` : origin;

// Newest keys first: oidc-provider signs with the first key of the requested algorithm.
let keys = [];
async function newKeys() {
  const made = [];
  for (const alg of ['RS256', 'ES256']) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    made.push({ ...(await exportJWK(privateKey)), kid: `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`, alg, use: 'sig' });
  }
  keys = [...made, ...keys];
  return made.map((key) => key.kid);
}

function claimsOf(sub) {
  const login = sub.replace(/^acct-/, '');
  return {
    sub,
    email: `${login}@example.test`,
    email_verified: true,
    ...(options.usernameClaim ? { preferred_username: login, name: login } : {}),
  };
}

function configure() {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: options.clientId,
      client_secret: options.clientSecret,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: options.redirectOrigins.map((o) => `${o}/signin-oidc`),
      post_logout_redirect_uris: options.redirectOrigins.map((o) => `${o}/signout-callback-oidc`),
    }],
    jwks: { keys },
    cookies: { keys: ['chatt-tests-cookie-key'] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    ttl: { AccessToken: options.accessTokenTtl },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => claimsOf(sub) }),
    // Access tokens carry the user's names too, as Auth0 and Entra ID can be set to: ChatApi names new users from them.
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const { sub, email_verified, ...names } = claimsOf(token.accountId);
      return names;
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = `<!doctype html><title>Sign out</title>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>')}
<button type="submit" form="op.logoutForm">Sign out</button>`;
        },
      },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== options.resource) throw new Provider.errors.InvalidTarget();
          return {
            scope: 'chatt-api',
            audience: options.audience,
            accessTokenTTL: options.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: options.accessTokenAlg } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  provider.proxy = false;

  // The sign-in page and the rotation hook, in front of the provider's own routes.
  provider.use(async (ctx, next) => {
    const interaction = ctx.path.match(/^\/interaction\/([^/]+)$/);
    if (interaction && ctx.method === 'GET') {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign in</title>
<form method="post" action="/interaction/${details.uid}"><label>Username <input name="login" autofocus></label><button>Sign in</button></form>`;
      return;
    }
    if (interaction && ctx.method === 'POST') {
      const body = await readForm(ctx.req);
      const login = (body.get('login') ?? '').trim();
      if (!/^[a-z0-9._-]{1,40}$/i.test(login)) {
        ctx.status = 400;
        ctx.body = 'a username is required';
        return;
      }
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const accountId = `acct-${login}`;
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      grant.addResourceScope(options.resource, 'chatt-api');
      const grantId = await grant.save();
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
      ctx.respond = false;
      return;
    }
    if (ctx.path === '/test/rotate' && ctx.method === 'POST') {
      const kids = await newKeys();
      handle = configure().callback();
      ctx.body = { kids };
      return;
    }
    await next();
  });
  return provider;
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

await newKeys();
let handle = configure().callback();
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
