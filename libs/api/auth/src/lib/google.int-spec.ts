import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '@mini-crm/api/core';
import { OAuthStub, startOAuthStub, startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';
import { OAUTH_STATE_TTL_MS } from './google/oauth-state.store';

describe.each(testDrivers())('Google sign-in against a loopback OAuth/OIDC server (%s)', (driver) => {
  let stub: OAuthStub;
  let t: TestApp;
  const clientId = 'crm-test-client.apps.googleusercontent.com';

  beforeAll(async () => {
    stub = await startOAuthStub();
    t = await startTestApp({
      driver,
      env: {
        ...stub.env(clientId, 'test-secret'),
        CONSOLE_URL: 'http://console.test',
        BOOTSTRAP_ADMIN_EMAIL: 'oauth.user@example.com',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  it('advertises Google when configured', async () => {
    const res = await t.request('GET', '/api/auth/providers');
    expect(res.body).toMatchObject({ google: true, googleClientId: clientId });
  });

  /** One browser: its cookie jar is the OAuth cookie our start sets (nothing else is stored). */
  async function startFlow() {
    const start = await t.request('GET', '/api/auth/google');
    expect(start.status).toBe(302);
    const setCookie = start.headers.get('set-cookie') ?? '';
    const authorize = new URL(start.headers.get('location') ?? '');
    return { authorize, setCookie, cookie: setCookie.split(';')[0], state: authorize.searchParams.get('state') ?? '' };
  }

  /** The stub consents at once; answers our callback's path and query. */
  async function consent(authorize: URL): Promise<string> {
    const res = await fetch(authorize, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const callback = new URL(res.headers.get('location') ?? '');
    return callback.pathname + callback.search;
  }

  async function callback(path: string, cookie?: string) {
    const res = await t.request('GET', path, { headers: cookie ? { cookie } : {} });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  it('redirect flow: 302 to the provider with state and PKCE, callback signs in, one-time code exchanged once', async () => {
    const { authorize, setCookie, cookie, state } = await startFlow();
    expect(authorize.origin + authorize.pathname).toBe(`${stub.url}/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(clientId);
    expect(authorize.searchParams.get('scope')).toContain('email');
    expect(state.length).toBeGreaterThanOrEqual(40);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the browser binding: signed, HttpOnly, SameSite=Lax, short-lived, sent only to the callback
    expect(setCookie).toMatch(/^crm_oauth_state=[^;]+\.[^;]+\.[^;]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/api/auth/google/callback');
    expect(setCookie).toContain('Max-Age=600');
    expect(setCookie).not.toContain(state);

    const back = await t.request('GET', await consent(authorize), { headers: { cookie } });
    expect(back.status).toBe(302);
    expect(back.headers.get('set-cookie')).toMatch(/^crm_oauth_state=;.*Max-Age=0/);
    const toConsole = new URL(back.headers.get('location') ?? '');
    expect(toConsole.origin).toBe('http://console.test');
    expect(toConsole.pathname).toBe('/auth/callback');
    expect(toConsole.search).not.toMatch(/token/i);
    const code = toConsole.searchParams.get('code') ?? '';
    // our token exchange carried the verifier of the challenge (the stub refuses it otherwise)
    const exchange = stub.tokenRequests.at(-1) ?? {};
    expect(exchange).toMatchObject({ grant_type: 'authorization_code', client_id: clientId });
    expect(createHash('sha256').update(exchange['code_verifier']).digest('base64url')).toBe(
      authorize.searchParams.get('code_challenge'),
    );

    const tokens = await t.request('POST', '/api/auth/exchange', { body: { code } });
    expect(tokens.status).toBe(200);
    expect(tokens.body.user).toMatchObject({ email: 'oauth.user@example.com', name: 'OAuth User', role: 'admin' });
    expect((await t.request('GET', '/api/auth/me', { token: tokens.body.accessToken })).status).toBe(200);
    const replay = await t.request('POST', '/api/auth/exchange', { body: { code } });
    expect(replay.status).toBe(401);
  });

  it('refuses a state minted for another browser, with the sign-in page and no code', async () => {
    const a = await startFlow();
    const b = await startFlow();
    const tokenCalls = stub.tokenRequests.length;
    // browser B (its own cookie) follows A's link: refused, and nothing is exchanged with Google
    const inB = await callback(await consent(a.authorize), b.cookie);
    expect(inB.toString()).toBe('http://console.test/login?error=google_state_browser');
    // without any cookie (a cross-site attacker's page) likewise
    const c = await startFlow();
    expect((await callback(await consent(c.authorize))).searchParams.get('error')).toBe('google_state_browser');
    // a cookie whose signature we did not make is no cookie
    const d = await startFlow();
    const forged = d.cookie.replace(/\.[^.]+$/, '.AAAA');
    expect((await callback(await consent(d.authorize), forged)).searchParams.get('error')).toBe('google_state_browser');
    expect(stub.tokenRequests.length).toBe(tokenCalls);
    // B's own flow still works in B
    expect((await callback(await consent(b.authorize), b.cookie)).pathname).toBe('/auth/callback');
  });

  it('refuses a reused state', async () => {
    const a = await startFlow();
    const path = await consent(a.authorize);
    expect((await callback(path, a.cookie)).pathname).toBe('/auth/callback');
    const again = await callback(path, a.cookie);
    expect(again.toString()).toBe('http://console.test/login?error=google_state_unknown');
    // a second consent on the same authorization request (a new code, same state) is refused too
    expect((await callback(await consent(a.authorize), a.cookie)).searchParams.get('error')).toBe(
      'google_state_unknown',
    );
  });

  it('refuses an expired state', async () => {
    const a = await startFlow();
    const path = await consent(a.authorize);
    const clock = t.app.get(Clock);
    const realNow = clock.now;
    clock.now = () => new Date(Date.now() + OAUTH_STATE_TTL_MS + 1000);
    try {
      expect((await callback(path, a.cookie)).toString()).toBe('http://console.test/login?error=google_state_expired');
    } finally {
      clock.now = realNow;
    }
  });

  it('refuses a callback whose state we never issued, and a provider error, without a 500', async () => {
    const forged = await callback('/api/auth/google/callback?code=abc&state=forged.123.sig');
    expect(forged.toString()).toBe('http://console.test/login?error=google_state_unknown');
    const denied = await callback('/api/auth/google/callback?error=access_denied&state=x');
    expect(denied.toString()).toBe('http://console.test/login?error=google');
    // a valid state in the right browser, but Google refuses the code: the sign-in page, not an error page
    const a = await startFlow();
    const path = (await consent(a.authorize)).replace(/code=[^&]+/, 'code=unknown-code');
    expect((await callback(path, a.cookie)).toString()).toBe('http://console.test/login?error=google');
  });

  it('the stub enforces PKCE: a wrong or missing verifier fails the token exchange', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${stub.url}/authorize`);
    authorize.searchParams.set('redirect_uri', 'http://127.0.0.1/cb');
    authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    authorize.searchParams.set('code_challenge_method', 'S256');
    const code = new URL(
      (await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '',
    ).searchParams.get('code');
    const exchange = (extra: Record<string, string>) =>
      fetch(`${stub.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: code ?? '',
          redirect_uri: 'http://127.0.0.1/cb',
          ...extra,
        }),
      });
    expect((await exchange({})).status).toBe(400);
    expect((await exchange({ code_verifier: randomBytes(32).toString('base64url') })).status).toBe(400);
    expect((await exchange({ code_verifier: verifier })).status).toBe(200);
  });

  it('ID-token sign-in: verifies signature, audience, issuer and verified email', async () => {
    stub.nextUser = { sub: 'google-sub-2', email: 'idtoken.user@example.com', name: 'Id Token', email_verified: true };
    const good = await t.request('POST', '/api/auth/google', {
      body: { credential: await stub.signIdToken({ aud: clientId }) },
    });
    expect(good.status).toBe(200);
    expect(good.body.user).toMatchObject({ email: 'idtoken.user@example.com', role: 'viewer' });

    const wrongAud = await t.request('POST', '/api/auth/google', {
      body: { credential: await stub.signIdToken({ aud: 'someone-else' }) },
    });
    expect(wrongAud.status).toBe(401);
    const wrongIss = await t.request('POST', '/api/auth/google', {
      body: { credential: await stub.signIdToken({ aud: clientId, iss: 'https://evil.example' }) },
    });
    expect(wrongIss.status).toBe(401);
    const unverified = await t.request('POST', '/api/auth/google', {
      body: { credential: await stub.signIdToken({ aud: clientId, email_verified: false }) },
    });
    expect(unverified.status).toBe(401);
    const expired = await t.request('POST', '/api/auth/google', {
      body: { credential: await stub.signIdToken({ aud: clientId, expSeconds: -120 }) },
    });
    expect(expired.status).toBe(401);
    const garbage = await t.request('POST', '/api/auth/google', { body: { credential: 'x'.repeat(40) } });
    expect(garbage.status).toBe(401);
  });
});
