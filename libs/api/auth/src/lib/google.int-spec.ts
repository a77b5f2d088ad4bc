import { OAuthStub, startOAuthStub, startTestApp, TestApp } from '@mini-crm/api/testing';

describe('Google sign-in against a loopback OAuth/OIDC server', () => {
  let stub: OAuthStub;
  let t: TestApp;
  const clientId = 'crm-test-client.apps.googleusercontent.com';

  beforeAll(async () => {
    stub = await startOAuthStub();
    t = await startTestApp({
      driver: 'pglite',
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

  it('redirect flow: 302 to the provider, callback signs in, one-time code exchanged once', async () => {
    const start = await t.request('GET', '/api/auth/google');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin + authorize.pathname).toBe(`${stub.url}/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(clientId);
    expect(authorize.searchParams.get('scope')).toContain('email');
    expect(authorize.searchParams.get('state')).toBeTruthy();

    // the stub consents at once and sends the browser back to our callback
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location') ?? '');
    const back = await t.request('GET', callback.pathname + callback.search);
    expect(back.status).toBe(302);
    const toConsole = new URL(back.headers.get('location') ?? '');
    expect(toConsole.origin).toBe('http://console.test');
    expect(toConsole.pathname).toBe('/auth/callback');
    expect(toConsole.search).not.toMatch(/token/i);
    const code = toConsole.searchParams.get('code') ?? '';
    expect(stub.tokenRequests.at(-1)).toMatchObject({ grant_type: 'authorization_code', client_id: clientId });

    const tokens = await t.request('POST', '/api/auth/exchange', { body: { code } });
    expect(tokens.status).toBe(200);
    expect(tokens.body.user).toMatchObject({ email: 'oauth.user@example.com', name: 'OAuth User', role: 'admin' });
    expect((await t.request('GET', '/api/auth/me', { token: tokens.body.accessToken })).status).toBe(200);
    const replay = await t.request('POST', '/api/auth/exchange', { body: { code } });
    expect(replay.status).toBe(401);
  });

  it('refuses a callback whose state we did not sign', async () => {
    const res = await t.request('GET', '/api/auth/google/callback?code=abc&state=forged.123.sig');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401 });
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
