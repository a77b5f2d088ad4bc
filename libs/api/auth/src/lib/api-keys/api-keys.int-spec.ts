import { Clock } from '@mini-crm/api/core';
import { sql } from 'drizzle-orm';
import { signInTeam, startPeerApp, startTestApp, TestApp, testDrivers, type TeamTokens } from '@mini-crm/api/testing';
import { ApiKeyAuthenticator } from './api-key-authenticator';

/** The secret part of a key: its last 43 characters (base64url, so it may itself hold `_`). */
const secretOf = (key: string) => key.slice(-43);

type Created = { id: string; name: string; role: string; prefix: string; key: string; expiresAt: string | null };
type Listed = { id: string; prefix: string; lastUsedAt: string | null; revokedAt: string | null; createdBy: string };
type AuditRow = { actorId: string | null; actorEmail: string | null; action: string; entityId: string | null };

describe.each(testDrivers())('API keys (%s)', (driver) => {
  let t: TestApp;
  let team: TeamTokens;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ driver });
    team = await signInTeam(t);
  });
  afterAll(async () => t?.close());

  async function create(body: Record<string, unknown>): Promise<Created> {
    const res = await t.request('POST', '/api/api-keys', { token: team.admin, body });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    secrets.push(res.body.key);
    return res.body;
  }
  const asKey = (key: string, method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: key, body });
  const viaHeader = (key: string, method: string, path: string) =>
    t.request(method, path, { headers: { 'x-api-key': key } });
  const listed = async (): Promise<Listed[]> =>
    (await t.request('GET', '/api/api-keys', { token: team.admin })).body.items;
  const auditRows = async (action: string): Promise<AuditRow[]> =>
    (await t.request('GET', `/api/audit?limit=100&action=${action}`, { token: team.admin })).body.items;

  it('an admin creates a key, shown once; the list shows its prefix, creator and no secret', async () => {
    const k = await create({ name: '  Shop sync ', role: 'marketer' });
    expect(k).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Shop sync',
      role: 'marketer',
      prefix: expect.stringMatching(/^[a-z0-9]{8}$/),
      key: expect.stringMatching(/^mcrm_[a-z0-9]{8}_[\w-]{43}$/),
      expiresAt: null,
    });
    expect(k.key.startsWith(`mcrm_${k.prefix}_`)).toBe(true);
    const res = await t.request('GET', '/api/api-keys', { token: team.admin });
    expect(res.status).toBe(200);
    expect(res.body.items.find((i: Listed) => i.id === k.id)).toEqual({
      id: k.id,
      name: 'Shop sync',
      role: 'marketer',
      prefix: k.prefix,
      createdBy: 'admin@example.com',
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(res.text).not.toContain(secretOf(k.key));
  });

  it('refuses admin keys, bad input, and non-admins (400 with details, 403)', async () => {
    const admin = await t.request('POST', '/api/api-keys', { token: team.admin, body: { name: 'x', role: 'admin' } });
    expect(admin.status).toBe(400);
    expect(admin.body.details).toEqual([expect.objectContaining({ path: 'role' })]);
    const past = await t.request('POST', '/api/api-keys', {
      token: team.admin,
      body: { name: 'x', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect([past.status, past.body.details]).toEqual([400, [expect.objectContaining({ path: 'expiresAt' })]]);
    const blank = await t.request('POST', '/api/api-keys', { token: team.admin, body: { name: ' ', role: 'viewer' } });
    expect([blank.status, blank.body.details]).toEqual([400, [expect.objectContaining({ path: 'name' })]]);
    for (const token of [team.marketer, team.viewer]) {
      expect((await t.request('POST', '/api/api-keys', { token, body: { name: 'x', role: 'viewer' } })).status).toBe(
        403,
      );
      expect((await t.request('GET', '/api/api-keys', { token })).status).toBe(403);
    }
    expect((await t.request('GET', '/api/api-keys')).status).toBe(401);
  });

  it('a key acts with its role on every route that role allows, as bearer or X-API-Key, and nowhere else', async () => {
    const marketer = await create({ name: 'CRM bridge', role: 'marketer' });
    const viewer = await create({ name: 'Dashboard', role: 'viewer' });
    expect((await asKey(marketer.key, 'GET', '/api/customers')).status).toBe(200);
    expect((await viaHeader(marketer.key, 'GET', '/api/customers')).status).toBe(200);
    expect((await viaHeader(viewer.key, 'GET', '/api/segment-rules')).status).toBe(200);
    const created = await asKey(marketer.key, 'POST', '/api/customers', { email: 'by-key@example.com' });
    expect(created.status).toBe(201);
    // Contact masking follows the key's role as it does a person's.
    const seen = await viaHeader(viewer.key, 'GET', `/api/customers/${created.body.id}`);
    expect([seen.status, seen.body.email]).toEqual([200, expect.not.stringContaining('by-key@')]);

    const denied = await asKey(viewer.key, 'POST', '/api/customers', { email: 'no@example.com' });
    expect([denied.status, denied.body.message]).toEqual([403, expect.stringMatching(/customers.write/)]);
    for (const path of ['/api/users', '/api/audit', '/api/api-keys'])
      expect([path, (await viaHeader(marketer.key, 'GET', path)).status]).toEqual([path, 403]);
    // A person's own-account routes are not for keys.
    const me = await asKey(marketer.key, 'GET', '/api/auth/me');
    expect([me.status, me.body.message]).toEqual([403, expect.stringMatching(/API key/)]);
    expect((await asKey(marketer.key, 'POST', '/api/auth/stream-ticket')).status).toBe(403);
  });

  it('answers 401 to a wrong, malformed or doubled credential', async () => {
    const k = await create({ name: 'Probe', role: 'viewer' });
    const wrongSecret = `mcrm_${k.prefix}_${'A'.repeat(43)}`;
    for (const bad of [wrongSecret, 'mcrm_short', `${k.key}x`, 'not-a-key']) {
      const res = await viaHeader(bad, 'GET', '/api/customers');
      expect([bad, res.status, res.body.error]).toEqual([bad, 401, 'Unauthorized']);
    }
    expect((await asKey(wrongSecret, 'GET', '/api/customers')).status).toBe(401);
    const both = await t.request('GET', '/api/customers', {
      token: team.viewer,
      headers: { 'x-api-key': k.key },
    });
    expect(both.status).toBe(401);
  });

  it('attributes a key’s writes to the key in the audit log, and no audit row holds a key', async () => {
    const k = await create({ name: 'Importer', role: 'marketer' });
    const res = await asKey(k.key, 'POST', '/api/customers', { email: 'audited@example.com' });
    expect(res.status).toBe(201);
    const row = (await auditRows('customer.created')).find((a) => a.entityId === res.body.id);
    expect(row).toMatchObject({ actorId: k.id, actorEmail: `api-key:Importer (${k.prefix})` });
    const made = (await auditRows('api_key.created')).find((a) => a.entityId === k.id);
    expect(made).toMatchObject({
      actorEmail: 'admin@example.com',
      diff: { name: 'Importer', role: 'marketer', prefix: k.prefix },
    });
    const everything = (await t.request('GET', '/api/audit?limit=100', { token: team.admin })).text;
    for (const key of secrets) expect(everything).not.toContain(secretOf(key));
  });

  it('records the last use, at most once a minute per key, off the request path', async () => {
    const k = await create({ name: 'Heartbeat', role: 'viewer' });
    const idle = () => t.app.get(ApiKeyAuthenticator).idle();
    expect((await viaHeader(k.key, 'GET', '/api/customers')).status).toBe(200);
    await idle();
    const first = (await listed()).find((i) => i.id === k.id)?.lastUsedAt;
    expect(first).toEqual(expect.any(String));
    for (let i = 0; i < 3; i++) expect((await viaHeader(k.key, 'GET', '/api/customers')).status).toBe(200);
    await idle();
    expect((await listed()).find((i) => i.id === k.id)?.lastUsedAt).toBe(first);
  });

  it('a revoked key is refused on the very next request, also by another API process that cached it', async () => {
    const k = await create({ name: 'Leaked', role: 'marketer' });
    const peer = await startPeerApp(t);
    try {
      const viaPeer = () => peer.request('POST', '/api/customers', { token: k.key, body: { email: 'x' } });
      expect((await asKey(k.key, 'GET', '/api/customers')).status).toBe(200);
      expect((await viaPeer()).status).toBe(400); // a marketer's write, refused only for its body
      // A change behind the app's back (no invalidation) is not seen: the peer answers from its cache,
      // so what follows proves the invalidation, not a fresh read.
      await t.db.handle.db.execute(sql`update api_keys set role = 'viewer' where id = ${k.id}`);
      expect((await viaPeer()).status).toBe(400);
      expect((await t.request('DELETE', `/api/api-keys/${k.id}`, { token: team.marketer })).status).toBe(403);
      expect((await t.request('DELETE', `/api/api-keys/${k.id}`, { token: team.admin })).status).toBe(204);
      expect((await viaPeer()).status).toBe(401);
    } finally {
      await peer.close();
    }
    const after = await asKey(k.key, 'GET', '/api/customers');
    expect([after.status, after.body.message]).toEqual([401, 'Invalid, revoked or expired API key']);
    expect((await viaHeader(k.key, 'GET', '/api/customers')).status).toBe(401);
    expect((await listed()).find((i) => i.id === k.id)?.revokedAt).toEqual(expect.any(String));
    // Revoking again changes nothing and records nothing more; an unknown key is 404.
    expect((await t.request('DELETE', `/api/api-keys/${k.id}`, { token: team.admin })).status).toBe(204);
    expect((await auditRows('api_key.revoked')).filter((a) => a.entityId === k.id)).toHaveLength(1);
    const unknown = await t.request('DELETE', '/api/api-keys/00000000-0000-4000-8000-000000000000', {
      token: team.admin,
    });
    expect(unknown.status).toBe(404);
  });

  it('an expired key is refused', async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const k = await create({ name: 'Temporary', role: 'viewer', expiresAt });
    expect(k.expiresAt).toBe(expiresAt);
    expect((await viaHeader(k.key, 'GET', '/api/customers')).status).toBe(200);
    const clock = t.app.get(Clock);
    clock.now = () => new Date(Date.parse(expiresAt) + 1000);
    try {
      expect((await viaHeader(k.key, 'GET', '/api/customers')).status).toBe(401);
      expect((await asKey(k.key, 'GET', '/api/customers')).status).toBe(401);
    } finally {
      clock.now = () => new Date();
    }
    expect((await viaHeader(k.key, 'GET', '/api/customers')).status).toBe(200);
  });

  it('the OpenAPI document lists both kinds of credentials per operation', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body;
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      apiKeyBearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const both = [{ bearer: [] }, { apiKey: [] }, { apiKeyBearer: [] }];
    expect(doc.paths['/api/customers'].get.security).toEqual(both);
    expect(doc.paths['/api/customers'].post.security).toEqual(both);
    expect(doc.paths['/api/users'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/api-keys'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/auth/me'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { security?: unknown }>).map(([m, op]) => ({
        op: `${m} ${path}`,
        op2: op,
      })),
    );
    expect(ops.filter(({ op2 }) => !Array.isArray(op2.security)).map(({ op }) => op)).toEqual([]);
  });
});
