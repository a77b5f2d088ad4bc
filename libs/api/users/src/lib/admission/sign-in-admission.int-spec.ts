import { randomUUID } from 'node:crypto';
import {
  googleSignIn,
  matrixMismatch,
  OAuthStub,
  operationsOf,
  startOAuthStub,
  startTestApp,
  TestApp,
  testDrivers,
} from '@mini-crm/api/testing';

const clientId = 'crm-test-client.apps.googleusercontent.com';
const googleEnv = (stub: OAuthStub) => ({ ...stub.env(clientId, 'test-secret'), CONSOLE_URL: 'http://console.test' });
const stranger = (name: string) => ({ sub: `sub-${name}`, email: `${name}@gmail.com`, name });

describe.each(testDrivers())('who may sign in (%s)', (driver) => {
  let stub: OAuthStub;
  let t: TestApp;
  let admin: string;
  let segmentId: string;

  beforeAll(async () => {
    stub = await startOAuthStub();
    // ALLOWED_EMAIL_DOMAINS=example.com and SIGNUP=approval are the test defaults.
    t = await startTestApp({ driver, env: googleEnv(stub) });
    admin = (await t.login('admin@example.com')).accessToken;
    const segment = await t.request('POST', '/api/segment-rules', {
      token: admin,
      body: {
        name: 'Everyone in Pune',
        rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] },
      },
    });
    expect(segment.status).toBe(201);
    segmentId = segment.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  const dataRoutes = () => [
    ['GET', '/api/customers'],
    ['GET', '/api/segment-rules'],
    ['GET', `/api/segment-rules/${segmentId}/export.csv`],
    ['GET', '/api/campaigns'],
    ['GET', '/api/users'],
  ];

  it('admits a verified account from an allowed domain (any case) as an active viewer', async () => {
    const { redirect, tokens } = await googleSignIn(t, stub, {
      sub: 'sub-asha',
      email: 'Asha@EXAMPLE.com',
      name: 'Asha',
    });
    expect(redirect.pathname).toBe('/auth/callback');
    expect(tokens?.user).toMatchObject({ email: 'asha@example.com', role: 'viewer', status: 'active', active: true });
    expect((await t.request('GET', '/api/customers', { token: tokens?.accessToken })).status).toBe(200);
  });

  it('refuses an unverified Google email: back to the sign-in page, no user created', async () => {
    const { redirect, tokens } = await googleSignIn(t, stub, {
      sub: 'sub-unverified',
      email: 'unverified@example.com',
      name: 'Unverified',
      email_verified: false,
    });
    expect(tokens).toBeNull();
    expect(redirect.origin + redirect.pathname).toBe('http://console.test/login');
    expect(redirect.searchParams.get('error')).toBe('email_unverified');
    const users = await t.request('GET', '/api/users?q=unverified', { token: admin });
    expect(users.body.items).toEqual([]);
  });

  it('a stranger’s Google account sees nothing: pending, 403 pending_approval on every data route', async () => {
    const { redirect, tokens } = await googleSignIn(t, stub, stranger('mallory'));
    expect(redirect.pathname).toBe('/auth/callback');
    expect(tokens?.user).toMatchObject({ email: 'mallory@gmail.com', status: 'pending', active: false });
    const token = tokens?.accessToken;

    const me = await t.request('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'mallory@gmail.com', status: 'pending' });
    for (const [method, path] of dataRoutes()) {
      const res = await t.request(method, path, { token });
      expect({ path, status: res.status, code: res.body?.details?.code }).toEqual({
        path,
        status: 403,
        code: 'pending_approval',
      });
      expect(res.body.message).toMatch(/waiting for an administrator/);
    }
    // The admin still gets the export the stranger cannot.
    expect((await t.request('GET', `/api/segment-rules/${segmentId}/export.csv`, { token: admin })).status).toBe(200);

    // Every other operation of the API document refuses the stranger: 403 pending_approval, nothing read or written.
    const doc = await t.request('GET', '/api/docs-json');
    const ops = operationsOf(doc.body).filter((op) => op.permission !== 'public');
    expect(ops.length).toBeGreaterThan(60);
    const answered: string[] = [];
    for (const op of ops) {
      const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'id' ? segmentId : randomUUID()));
      const withBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
      const res = await fetch(t.baseUrl + path, {
        method: op.method,
        headers: { authorization: `Bearer ${token}`, ...(withBody ? { 'content-type': 'application/json' } : {}) },
        body: withBody ? '{}' : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      const body = res.status === 403 ? await res.json() : await res.body?.cancel();
      const mismatch = matrixMismatch(op, 'pending', res.status);
      if (mismatch) answered.push(mismatch);
      else if (res.status === 403 && body?.details?.code !== 'pending_approval')
        answered.push(`${op.method} ${op.path}: 403 without pending_approval`);
      else if (res.status !== 403) answered.push(`${op.method} ${op.path}: ${res.status}`);
    }
    // Only the account page (and nothing else) answers a pending user.
    expect(answered).toEqual(['GET /api/auth/me: 200']);

    // refresh and logout work for a pending user
    const refreshed = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: tokens?.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.status).toBe('pending');
    expect((await t.request('GET', '/api/customers', { token: refreshed.body.accessToken })).status).toBe(403);
    const out = await t.request('POST', '/api/auth/logout', { body: { refreshToken: refreshed.body.refreshToken } });
    expect(out.status).toBe(204);
  });

  it('dev sign-in follows the same rules once ALLOWED_EMAIL_DOMAINS is set: a stranger is pending', async () => {
    const dev = await t.login('dev.stranger@elsewhere.test');
    expect(dev.user).toMatchObject({ status: 'pending', role: 'viewer' });
    const res = await t.request('GET', '/api/customers', { token: dev.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual({ code: 'pending_approval' });
  });

  it('approving a pending user with a role works at once, on the token they already hold', async () => {
    const { tokens } = await googleSignIn(t, stub, stranger('priya'));
    const token = tokens?.accessToken;
    expect((await t.request('GET', '/api/customers', { token })).status).toBe(403);

    const queue = await t.request('GET', '/api/users?status=pending', { token: admin });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((u: { email: string }) => u.email)).toContain('priya@gmail.com');
    expect(queue.body.items.every((u: { status: string }) => u.status === 'pending')).toBe(true);

    const viewer = (await t.login('viewer@example.com')).accessToken;
    const byViewer = await t.request('POST', `/api/users/${tokens?.user.id}/approve`, {
      token: viewer,
      body: { role: 'admin' },
    });
    expect(byViewer.status).toBe(403);
    const badRole = await t.request('POST', `/api/users/${tokens?.user.id}/approve`, {
      token: admin,
      body: { role: 'root' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details[0].path).toBe('role');

    const approved = await t.request('POST', `/api/users/${tokens?.user.id}/approve`, {
      token: admin,
      body: { role: 'marketer' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', role: 'marketer', active: true });
    expect((await t.request('GET', '/api/customers', { token })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token })).body).toMatchObject({
      role: 'marketer',
      status: 'active',
    });
    // approving twice is a conflict, not a silent success
    const again = await t.request('POST', `/api/users/${tokens?.user.id}/approve`, {
      token: admin,
      body: { role: 'viewer' },
    });
    expect(again.status).toBe(409);

    const audit = await t.request('GET', '/api/audit?action=user.approved', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      entityId: tokens?.user.id,
      actorEmail: 'admin@example.com',
      diff: { from: 'pending', to: 'active', role: 'marketer' },
    });
  });

  it('a rejected user loses the session and cannot sign in again', async () => {
    const { tokens } = await googleSignIn(t, stub, stranger('rex'));
    const rejected = await t.request('POST', `/api/users/${tokens?.user.id}/reject`, { token: admin });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await t.request('GET', '/api/auth/me', { token: tokens?.accessToken })).status).toBe(401);
    expect(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: tokens?.refreshToken } })).status,
    ).toBe(401);
    const retry = await googleSignIn(t, stub, stranger('rex'));
    expect(retry.tokens).toBeNull();
    expect(retry.redirect.searchParams.get('error')).toBe('rejected');
    const audit = await t.request('GET', '/api/audit?action=user.rejected', { token: admin });
    expect(audit.body.items[0]).toMatchObject({ entityId: tokens?.user.id, diff: { from: 'pending', to: 'rejected' } });
  });

  it('an invite grants its role whatever the domain; invites are listed, used up, revocable and audited', async () => {
    const invited = await t.request('POST', '/api/users/invites', {
      token: admin,
      body: { email: 'Friend@Gmail.com', role: 'marketer' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'friend@gmail.com', role: 'marketer' });
    const dup = await t.request('POST', '/api/users/invites', {
      token: admin,
      body: { email: 'friend@gmail.com', role: 'viewer' },
    });
    expect(dup.status).toBe(409);
    const existing = await t.request('POST', '/api/users/invites', {
      token: admin,
      body: { email: 'admin@example.com', role: 'viewer' },
    });
    expect(existing.status).toBe(409);
    const bad = await t.request('POST', '/api/users/invites', { token: admin, body: { email: 'nope', role: 'boss' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'role']);

    const listed = await t.request('GET', '/api/users/invites', { token: admin });
    expect(listed.body.items.map((i: { email: string }) => i.email)).toContain('friend@gmail.com');

    const { tokens } = await googleSignIn(t, stub, stranger('friend'));
    expect(tokens?.user).toMatchObject({ email: 'friend@gmail.com', role: 'marketer', status: 'active' });
    expect((await t.request('GET', '/api/customers', { token: tokens?.accessToken })).status).toBe(200);
    const after = await t.request('GET', '/api/users/invites', { token: admin });
    expect(after.body.items.map((i: { email: string }) => i.email)).not.toContain('friend@gmail.com');

    const revoked = await t.request('POST', '/api/users/invites', {
      token: admin,
      body: { email: 'notnow@gmail.com', role: 'admin' },
    });
    expect((await t.request('DELETE', `/api/users/invites/${revoked.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/users/invites/${revoked.body.id}`, { token: admin })).status).toBe(404);
    const notNow = await googleSignIn(t, stub, stranger('notnow'));
    expect(notNow.tokens?.user).toMatchObject({ status: 'pending' });

    const audit = await t.request('GET', '/api/audit?action=user.invited', { token: admin });
    expect(audit.body.items.map((e: { diff: { email: string } }) => e.diff.email)).toEqual(
      expect.arrayContaining(['friend@gmail.com', 'notnow@gmail.com']),
    );
    const revokes = await t.request('GET', '/api/audit?action=user.invite_revoked', { token: admin });
    expect(revokes.body.items[0]).toMatchObject({ entityId: revoked.body.id, diff: { email: 'notnow@gmail.com' } });
    const viewer = (await t.login('viewer@example.com')).accessToken;
    expect((await t.request('GET', '/api/users/invites', { token: viewer })).status).toBe(403);
  });
});

describe.each(testDrivers())('SIGNUP=closed (%s)', (driver) => {
  let stub: OAuthStub;
  let t: TestApp;
  beforeAll(async () => {
    stub = await startOAuthStub();
    t = await startTestApp({ driver, env: { ...googleEnv(stub), SIGNUP: 'closed' } });
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  it('refuses a stranger with a clear error and creates no user; domain and invited accounts still get in', async () => {
    const admin = (await t.login('admin@example.com')).accessToken;
    const refused = await googleSignIn(t, stub, stranger('eve'));
    expect(refused.tokens).toBeNull();
    expect(refused.redirect.origin + refused.redirect.pathname).toBe('http://console.test/login');
    expect(refused.redirect.searchParams.get('error')).toBe('signup_closed');
    expect((await t.request('GET', '/api/users?q=eve', { token: admin })).body.items).toEqual([]);

    const idToken = await t.request('POST', '/api/auth/google', {
      body: { credential: await stub.signIdToken({ aud: clientId, sub: 'sub-eve', email: 'eve@gmail.com' }) },
    });
    expect(idToken.status).toBe(403);
    expect(idToken.body.details).toEqual({ code: 'signup_closed' });

    expect(
      (await googleSignIn(t, stub, { sub: 's-kim', email: 'kim@example.com', name: 'Kim' })).tokens?.user,
    ).toMatchObject({ status: 'active', role: 'viewer' });
    await t.request('POST', '/api/users/invites', { token: admin, body: { email: 'guest@gmail.com', role: 'viewer' } });
    expect((await googleSignIn(t, stub, stranger('guest'))).tokens?.user).toMatchObject({ status: 'active' });
  });
});

describe.each(testDrivers())('production: the first admin comes only from BOOTSTRAP_ADMIN_EMAIL (%s)', (driver) => {
  let stub: OAuthStub;
  let t: TestApp;
  beforeAll(async () => {
    stub = await startOAuthStub();
    t = await startTestApp({
      driver,
      env: {
        ...googleEnv(stub),
        NODE_ENV: 'production',
        AUTH_DEV_LOGIN: 'false',
        JWT_SECRET: 'p9f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
        VENDOR_WEBHOOK_SECRET: 'w9f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
        SUPPRESSION_SECRET: 's9f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
        WEBHOOK_ENCRYPTION_KEY: 'e9f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
        ALLOWED_EMAIL_DOMAINS: 'corp.test',
        BOOTSTRAP_ADMIN_EMAIL: 'Boss@Corp.test',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  it('whoever signs in first is a viewer; the bootstrap email becomes admin', async () => {
    const first = await googleSignIn(t, stub, { sub: 's-first', email: 'first@corp.test', name: 'First' });
    expect(first.tokens?.user).toMatchObject({ role: 'viewer', status: 'active' });
    expect((await t.request('GET', '/api/users', { token: first.tokens?.accessToken })).status).toBe(403);
    const strangerFirst = await googleSignIn(t, stub, stranger('early'));
    expect(strangerFirst.tokens?.user).toMatchObject({ status: 'pending' });

    const boss = await googleSignIn(t, stub, { sub: 's-boss', email: 'boss@corp.test', name: 'Boss' });
    expect(boss.tokens?.user).toMatchObject({ email: 'boss@corp.test', role: 'admin', status: 'active' });
    expect((await t.request('GET', '/api/users', { token: boss.tokens?.accessToken })).status).toBe(200);
    expect((await t.request('POST', '/api/auth/dev-login', { body: { email: 'boss@corp.test' } })).status).toBe(404);
  });
});
