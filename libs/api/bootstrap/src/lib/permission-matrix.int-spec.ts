import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import {
  FORGED_CALLERS,
  matrixMismatch,
  operationsOf,
  signInTeam,
  startTestApp,
  TestApp,
  testDrivers,
  type Caller,
  type MatrixOperation,
} from '@mini-crm/api/testing';

/** Dummy but well-formed path parameters: a guard decision comes before any lookup. */
const PARAM_VALUES: Record<string, string> = { alias: 'bombay', token: 'not-a-real-token', code: 'x' };

function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => PARAM_VALUES[name] ?? randomUUID());
}

/**
 * Route × role matrix over the real app's OpenAPI document: every operation, called as anonymous, with
 * forged tokens or a revoked API key, as a user waiting for approval, as viewer, marketer and admin, and
 * with a viewer's and a marketer's API key, answers as the permission table says, on both drivers (the
 * guard reads the user's role and status, and the key, from the database).
 */
describe.each(testDrivers())('route × role matrix (%s)', (driver) => {
  let t: TestApp;
  let tokens: Record<Caller, string | undefined>;
  let ops: MatrixOperation[];

  beforeAll(async () => {
    t = await startTestApp({ driver });
    const team = await signInTeam(t);
    const adminId = (await t.request('GET', '/api/auth/me', { token: team.admin })).body.id as string;
    // Outside ALLOWED_EMAIL_DOMAINS a new account waits for approval.
    const pending = (await t.login('stranger@elsewhere.test')).accessToken;
    expect((await t.request('GET', '/api/auth/me', { token: pending })).body.status).toBe('pending');
    const claims = { role: 'admin', email: 'admin@example.com' };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(adminId)
      .setIssuer('mini-crm')
      .setAudience('mini-crm-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('not-the-server-secret-but-long-enough-0123456789'));
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(adminId)
      .setIssuer('mini-crm')
      .setAudience('mini-crm-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(new TextEncoder().encode(t.config.auth.jwtSecret));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: adminId, iss: 'mini-crm', aud: 'mini-crm-api', iat: now, exp: now + 600 })}.`;
    const key = async (name: string, role: string): Promise<{ id: string; key: string }> => {
      const res = await t.request('POST', '/api/api-keys', { token: team.admin, body: { name, role } });
      expect(res.status).toBe(201);
      return res.body;
    };
    const revoked = await key('revoked', 'marketer');
    expect((await t.request('DELETE', `/api/api-keys/${revoked.id}`, { token: team.admin })).status).toBe(204);
    tokens = {
      anonymous: undefined,
      'revoked-key': revoked.key,
      'viewer-key': (await key('viewer key', 'viewer')).key,
      'marketer-key': (await key('marketer key', 'marketer')).key,
      'forged-signature': forged,
      'alg-none': algNone,
      expired,
      viewer: team.viewer,
      marketer: team.marketer,
      admin: team.admin,
      pending,
    };
    const doc = await t.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    ops = operationsOf(doc.body);
  });
  afterAll(async () => t?.close());

  /** Status only: streams (SSE) are cancelled as soon as the headers arrive. */
  async function statusOf(op: MatrixOperation, token: string | undefined, asApiKeyHeader = false): Promise<number> {
    const headers: Record<string, string> = {};
    if (token) headers[asApiKeyHeader ? 'x-api-key' : 'authorization'] = asApiKeyHeader ? token : `Bearer ${token}`;
    let body: string | undefined;
    if (['POST', 'PUT', 'PATCH'].includes(op.method)) {
      headers['content-type'] = 'application/json';
      body = '{}';
    }
    const res = await fetch(t.baseUrl + concretePath(op.path), {
      method: op.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    return res.status;
  }

  it('the document lists every route with its permission', () => {
    expect(ops.length).toBeGreaterThan(60);
    expect(ops.filter((op) => !op.permission).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it('every operation answers every caller as the permission table says', async () => {
    const callers: Caller[] = [
      'anonymous',
      ...FORGED_CALLERS,
      'revoked-key',
      'pending',
      'viewer',
      'marketer',
      'admin',
      'viewer-key',
      'marketer-key',
    ];
    const mismatches: string[] = [];
    const serverErrors: string[] = [];
    let calls = 0;
    for (const op of ops) {
      for (const caller of callers) {
        // The viewer's key goes in X-API-Key, the others as bearer credentials.
        const status = await statusOf(op, tokens[caller], caller === 'viewer-key');
        calls++;
        const mismatch = matrixMismatch(op, caller, status);
        if (mismatch) mismatches.push(mismatch);
        if (status >= 500) serverErrors.push(`${op.method} ${op.path} as ${caller}: ${status}`);
      }
    }
    expect(calls).toBe(ops.length * callers.length);
    expect(mismatches).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  it('public operations answer the same with or without a token (the guard stays out of them)', async () => {
    const publicOps = ops.filter((op) => op.permission === 'public' && op.path.startsWith('/api/'));
    expect(publicOps.length).toBeGreaterThan(5);
    for (const op of publicOps) {
      if (op.path.includes('dev-login')) continue; // signs someone in: no need to do it twice
      const anonymous = await statusOf(op, undefined);
      const admin = await statusOf(op, tokens.admin);
      expect([op.path, anonymous]).toEqual([op.path, admin]);
      expect([op.path, anonymous === 403]).toEqual([op.path, false]);
    }
  });
});
