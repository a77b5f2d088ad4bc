import { createServer, IncomingMessage, Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

export interface OAuthStubUser {
  sub: string;
  email: string;
  name: string;
  email_verified?: boolean;
  picture?: string;
}

/**
 * A loopback OAuth 2.0 / OIDC provider speaking Google's endpoints' shapes: authorize (auto-consents
 * as `nextUser`), token, userinfo, JWKS. Tests point the real passport strategy and the real jose
 * verifier at it. It insists on PKCE (RFC 7636, S256): an authorization request without a
 * `code_challenge`, or a token request whose `code_verifier` does not hash to it, gets `invalid_grant`.
 */
export interface OAuthStub {
  url: string;
  issuer: string;
  env(clientId: string, clientSecret: string): Record<string, string>;
  nextUser: OAuthStubUser;
  signIdToken(claims: Partial<OAuthStubUser> & { aud: string; iss?: string; expSeconds?: number }): Promise<string>;
  tokenRequests: Array<Record<string, string>>;
  /** Query of every authorization request, in order. */
  authorizeRequests: Array<Record<string, string>>;
  close(): Promise<void>;
}

export async function startOAuthStub(): Promise<OAuthStub> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'stub-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { user: OAuthStubUser; redirectUri: string; challenge: string; method: string }>();
  const accessTokens = new Map<string, OAuthStubUser>();
  const tokenRequests: Array<Record<string, string>> = [];
  const authorizeRequests: Array<Record<string, string>> = [];
  let base = '';

  const stub: OAuthStub = {
    url: '',
    issuer: '',
    nextUser: { sub: 'google-sub-1', email: 'oauth.user@example.com', name: 'OAuth User', email_verified: true },
    tokenRequests,
    authorizeRequests,
    env: (clientId, clientSecret) => ({
      GOOGLE_CLIENT_ID: clientId,
      GOOGLE_CLIENT_SECRET: clientSecret,
      GOOGLE_AUTH_URL: `${base}/authorize`,
      GOOGLE_TOKEN_URL: `${base}/token`,
      GOOGLE_USERINFO_URL: `${base}/userinfo`,
      GOOGLE_JWKS_URL: `${base}/jwks`,
      GOOGLE_ISSUER: base,
    }),
    signIdToken: (claims) => sign(privateKey, { ...stub.nextUser, ...claims, iss: claims.iss ?? base }),
    close: () => new Promise((r) => server.close(() => r())),
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/authorize') {
      const code = randomBytes(12).toString('hex');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      authorizeRequests.push(Object.fromEntries(url.searchParams));
      codes.set(code, {
        user: { ...stub.nextUser },
        redirectUri,
        challenge: url.searchParams.get('code_challenge') ?? '',
        method: url.searchParams.get('code_challenge_method') ?? '',
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = url.searchParams.get('state');
      if (state) back.searchParams.set('state', state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      tokenRequests.push(form);
      const entry = codes.get(form['code']);
      if (!entry || entry.redirectUri !== form['redirect_uri']) return json(400, { error: 'invalid_grant' });
      if (!pkceMatches(entry, form['code_verifier']))
        return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      codes.delete(form['code']);
      const accessToken = randomBytes(16).toString('hex');
      accessTokens.set(accessToken, entry.user);
      return json(200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: await sign(privateKey, { ...entry.user, aud: form['client_id'] ?? '', iss: base }),
      });
    }
    if (url.pathname === '/userinfo') {
      const token =
        (req.headers.authorization ?? '').replace(/^Bearer /, '') || url.searchParams.get('access_token') || '';
      const user = accessTokens.get(token);
      return user ? json(200, user) : json(401, { error: 'invalid_token' });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  stub.url = base;
  stub.issuer = base;
  return stub;
}

async function sign(
  key: KeyLike,
  claims: Partial<OAuthStubUser> & { aud: string; iss: string; expSeconds?: number },
): Promise<string> {
  const { aud, iss, expSeconds, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'RS256', kid: 'stub-key' })
    .setIssuer(iss)
    .setAudience(aud)
    .setSubject(rest.sub ?? 'sub')
    .setIssuedAt()
    .setExpirationTime(`${expSeconds ?? 3600}s`)
    .sign(key);
}

/** S256 only: base64url(sha256(verifier)) must equal the challenge sent to /authorize. */
function pkceMatches(entry: { challenge: string; method: string }, verifier: string | undefined): boolean {
  if (!entry.challenge || entry.method !== 'S256' || !verifier) return false;
  return createHash('sha256').update(verifier).digest('base64url') === entry.challenge;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
