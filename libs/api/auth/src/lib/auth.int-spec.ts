import { sql } from 'drizzle-orm';
import { startPeerApp, startTestApp, TestApp, testDrivers } from '@mini-crm/api/testing';

describe.each(testDrivers())('auth, roles and audit (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ driver });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes the first user admin and later users viewers', async () => {
    const first = await t.login('Admin@Example.com', 'Ada Admin');
    expect(first.user.role).toBe('admin');
    expect(first.user.email).toBe('admin@example.com');
    const second = await t.login('viewer@example.com');
    expect(second.user.role).toBe('viewer');
    const again = await t.login('admin@example.com');
    expect(again.user.role).toBe('admin');
  });

  it('denies by default: no token 401, tampered token 401, viewer 403 on admin routes', async () => {
    expect((await t.request('GET', '/api/users')).status).toBe(401);
    const viewer = await t.login('viewer@example.com');
    const [h, p, s] = viewer.accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');
    const tampered = await t.request('GET', '/api/auth/me', { token: `${h}.${forged}.${s}` });
    expect(tampered.status).toBe(401);
    expect(tampered.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect((await t.request('GET', '/api/auth/me', { token: viewer.accessToken })).body.role).toBe('viewer');
    const denied = await t.request('GET', '/api/users', { token: viewer.accessToken });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/admin/);
    expect((await t.request('GET', '/api/audit', { token: viewer.accessToken })).status).toBe(403);
  });

  it('answers 404 to the Google flow when Google sign-in is not configured (no redirect with a dummy client)', async () => {
    for (const path of ['/api/auth/google', '/api/auth/google/callback?code=x&state=y']) {
      const res = await t.request('GET', path);
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 404, null]);
      expect(res.body).toMatchObject({ message: 'Google sign-in is not configured' });
    }
  });

  it('rotates refresh tokens and revokes the family on reuse', async () => {
    const s1 = await t.login('rotator@example.com');
    const r1 = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s1.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s1.refreshToken);
    const reuse = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s1.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.message).toMatch(/reuse/i);
    // the thief's reuse also killed the legitimate successor
    const successor = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(successor.status).toBe(401);
    // another sign-in (another family) is unaffected
    const s2 = await t.login('rotator@example.com');
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s2.refreshToken } })).status).toBe(
      200,
    );
  });

  it('logout revokes the refresh token', async () => {
    const s = await t.login('leaver@example.com');
    expect((await t.request('POST', '/api/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
  });

  it('logout revokes the whole refresh family, and only it', async () => {
    const s = await t.login('family-leaver@example.com');
    const other = await t.login('family-leaver@example.com'); // another sign-in, another family
    const r1 = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r1.status).toBe(200);
    // signing out with the spent first token still ends the sign-in: its live successor is revoked
    expect((await t.request('POST', '/api/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    const successor = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(successor.status).toBe(401);
    expect(successor.body.message).toMatch(/revoked/i);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(
      200,
    );
  });

  it('lets an admin promote and deactivate; deactivated tokens stop at once; last admin protected', async () => {
    const admin = await t.login('admin@example.com');
    const target = await t.login('promote-me@example.com');
    const promoted = await t.request('PATCH', `/api/users/${target.user.id}`, {
      token: admin.accessToken,
      body: { role: 'marketer' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('marketer');
    // role comes from the database on each request, not from the old token
    expect((await t.request('GET', '/api/auth/me', { token: target.accessToken })).body.role).toBe('marketer');

    const off = await t.request('PATCH', `/api/users/${target.user.id}`, {
      token: admin.accessToken,
      body: { active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await t.request('GET', '/api/auth/me', { token: target.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: target.refreshToken } })).status).toBe(
      401,
    );

    const demoteSelf = await t.request('PATCH', `/api/users/${admin.user.id}`, {
      token: admin.accessToken,
      body: { role: 'viewer' },
    });
    expect(demoteSelf.status).toBe(409);
    const deactivateSelf = await t.request('PATCH', `/api/users/${admin.user.id}`, {
      token: admin.accessToken,
      body: { active: false },
    });
    expect(deactivateSelf.status).toBe(409);

    const audit = await t.request('GET', '/api/audit?action=user.role_changed', { token: admin.accessToken });
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.role_changed',
      entityId: target.user.id,
      actorEmail: 'admin@example.com',
      diff: { from: 'viewer', to: 'marketer' },
    });
    const signIns = await t.request('GET', '/api/audit?action=auth.sign_in&limit=2', { token: admin.accessToken });
    expect(signIns.body.items).toHaveLength(2);
    expect(signIns.body.nextCursor).toEqual(expect.any(String));
    const next = await t.request('GET', `/api/audit?action=auth.sign_in&limit=2&cursor=${signIns.body.nextCursor}`, {
      token: admin.accessToken,
    });
    expect(next.body.items[0].id).not.toBe(signIns.body.items[1].id);
  });

  it('caches the signed-in user per process, and a role change or deactivation through one process bites on the next request in another', async () => {
    const admin = await t.login('admin@example.com');
    const target = await t.login('cached-elsewhere@example.com');
    const peer = await startPeerApp(t);
    try {
      // GET /api/users is for admins only: its status shows the role the peer's guard sees
      const users = () => peer.request('GET', '/api/users', { token: target.accessToken });
      expect((await users()).status).toBe(403);
      // A change behind the app's back (no invalidation) is not seen: the peer answers from its cache,
      // so what follows proves the invalidation, not a fresh read.
      await t.db.handle.db.execute(sql`update users set role = 'marketer' where id = ${target.user.id}`);
      expect((await users()).status).toBe(403);

      const promoted = await t.request('PATCH', `/api/users/${target.user.id}`, {
        token: admin.accessToken,
        body: { role: 'admin' },
      });
      expect(promoted.status).toBe(200);
      expect((await users()).status).toBe(200);

      const off = await t.request('PATCH', `/api/users/${target.user.id}`, {
        token: admin.accessToken,
        body: { active: false },
      });
      expect(off.body.active).toBe(false);
      expect((await users()).status).toBe(401);
      expect((await t.request('GET', '/api/users', { token: target.accessToken })).status).toBe(401);
    } finally {
      await peer.close();
    }
  });

  it('validates bodies and params with field-level errors in one shape', async () => {
    const admin = await t.login('admin@example.com');
    const bad = await t.request('PATCH', `/api/users/${admin.user.id}`, {
      token: admin.accessToken,
      body: { role: 'root', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'role' }), expect.objectContaining({ path: 'extra' })]),
    );
    const notUuid = await t.request('PATCH', '/api/users/nope', { token: admin.accessToken, body: { role: 'viewer' } });
    expect(notUuid.status).toBe(400);
    const malformed = await t.request('POST', '/api/auth/dev-login', {
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/JSON/),
    });
    const badEmail = await t.request('POST', '/api/auth/dev-login', { body: { email: 'a@b' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.details[0].path).toBe('email');
    const page = await t.request('GET', '/api/users?limit=9999', { token: admin.accessToken });
    expect(page.status).toBe(400);
    expect(page.body.details[0].path).toBe('limit');
  });

  it('pages users with a keyset cursor', async () => {
    const admin = await t.login('admin@example.com');
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await t.request('GET', `/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: admin.accessToken,
      });
      expect(res.status).toBe(200);
      for (const u of res.body.items) seen.add(u.id);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(5);
    expect((await t.request('GET', '/api/users?cursor=garbage', { token: admin.accessToken })).status).toBe(400);
  });
});

describe('dev sign-in switched off', () => {
  it('answers 404 when AUTH_DEV_LOGIN is not true', async () => {
    const t = await startTestApp({
      driver: 'pglite',
      env: { AUTH_DEV_LOGIN: 'false', DEFAULT_LOCALE: 'en-US', DEFAULT_CURRENCY: 'USD' },
    });
    try {
      const res = await t.request('POST', '/api/auth/dev-login', { body: { email: 'x@example.com' } });
      expect(res.status).toBe(404);
      expect((await t.request('GET', '/api/auth/providers')).body).toEqual({
        google: false,
        googleClientId: null,
        devLogin: false,
        display: { locale: 'en-US', currency: 'USD' },
      });
    } finally {
      await t.close();
    }
  });
});
