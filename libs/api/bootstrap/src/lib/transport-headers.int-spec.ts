import { startTestApp, type TestApp } from '@mini-crm/api/testing';

/** HTTP-level headers only: no database work, so one driver is enough (the server's: it starts fastest). */
describe('security headers, HSTS, CORS and keep-alive', () => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((a) => a.close())));
  const start = async (env: Record<string, string>) => {
    const t = await startTestApp({ driver: 'pg', env });
    apps.push(t);
    return t;
  };

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const plain = await start({ PUBLIC_URL: 'http://127.0.0.1' });
    expect((await plain.request('GET', '/api/health')).headers.get('strict-transport-security')).toBeNull();
    const secure = await start({ PUBLIC_URL: 'https://crm.example.com' });
    expect((await secure.request('GET', '/api/health')).headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('sends a strict CSP, no framing and a referrer policy on every answer', async () => {
    const t = await start({});
    for (const path of ['/api/health', '/api/does-not-exist']) {
      const res = await t.request('GET', path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' https://accounts.google.com/gsi/client;");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('lets an allowed origin PATCH and DELETE; other origins get no CORS grant', async () => {
    const t = await start({ CORS_ORIGINS: 'https://shop.example.com' });
    const preflight = (origin: string, method: string) =>
      t.request('OPTIONS', '/api/customers/00000000-0000-4000-8000-000000000000', {
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization' },
      });
    for (const method of ['PATCH', 'DELETE', 'PUT']) {
      const res = await preflight('https://shop.example.com', method);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(res.headers.get('access-control-allow-methods')).toContain(method);
    }
    const stranger = await preflight('https://evil.example.com', 'PATCH');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps idle connections open longer than clients and load balancers do (Node alone closes them after 5 s)', async () => {
    const t = await start({});
    const res = await t.request('GET', '/api/health');
    expect(res.headers.get('keep-alive')).toBe('timeout=72');
  });
});
