import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltServer, startBuiltServer } from '@mini-crm/testing/e2e';

type Operation = { summary?: string; responses?: Record<string, unknown>; security?: object[]; operationId?: string };

describe('built server: OpenAPI contract, console, health', () => {
  let server: BuiltServer;
  let doc: {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, unknown> };
  };

  beforeAll(async () => {
    server = await startBuiltServer();
    doc = await (await fetch(`${server.url}/api/docs-json`)).json();
  });
  afterAll(async () => server?.stop());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );

  it('documents every route with a summary and a success response', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(10);
    const undocumented = ops.filter(
      ({ op }) => !op.summary || !Object.keys(op.responses ?? {}).some((code) => /^[23]\d\d$/.test(code)),
    );
    expect(undocumented.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual([]);
  });

  it('marks public routes with empty security and the rest with bearer auth', () => {
    expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/auth/dev-login'].post.security).toEqual([]);
    expect(doc.paths['/api/users'].get.security ?? [{ bearer: [] }]).toEqual([{ bearer: [] }]);
    expect(doc.servers[0].url).toBe(server.url);
  });

  it('documents DTO schemas from the compiler plugin (types and validation rules)', async () => {
    const schemas = (
      doc as unknown as {
        components: { schemas: Record<string, { properties: Record<string, { type?: string; maxLength?: number }> }> };
      }
    ).components.schemas;
    expect(schemas['DevLoginDto'].properties['email']).toMatchObject({ type: 'string' });
    expect(schemas['DevLoginDto'].properties['name']).toMatchObject({ maxLength: 120 });
    expect(schemas['AuthTokensDto'].properties['user']).toBeDefined();
  });

  it('passes Redocly’s recommended rules with no errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    let out = '';
    try {
      out = execFileSync('npx', ['redocly', 'lint', file, '--extends=recommended', '--format=json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const result = JSON.parse(out.slice(out.indexOf('{')));
    const errors = (result.problems ?? []).filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  });

  it('serves the console at / with SPA fallback and security headers', async () => {
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/<base href="\/"/);
    const deep = await fetch(`${server.url}/customers/123`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    expect(root.headers.get('x-content-type-options')).toBe('nosniff');
    expect(root.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(root.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves tracked links and the pixel outside /api, public; the SPA fallback leaves /r and /o alone', async () => {
    expect(doc.paths['/r/{code}'].get.security).toEqual([]);
    expect(doc.paths['/o/{file}'].get.security).toEqual([]);
    expect(Object.keys(doc.paths).filter((p) => /^\/api\/[ro]\//.test(p))).toEqual([]);
    for (const p of ['/r/AAAA', '/o/AAAA.gif', '/r', '/o/', '/r/a/b']) {
      const res = await fetch(`${server.url}${p}`, { redirect: 'manual' });
      expect([p, res.status]).toEqual([p, 404]);
      expect(res.headers.get('content-type')).toMatch(/json/);
    }
  });

  it('reports health of database and Redis', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });
});

describe('built server: configuration is validated at start', () => {
  it('stops with a message naming the variable', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [join(__dirname, '../../../dist/apps/api/main.js')], {
        env: { PATH: process.env['PATH'] ?? '', PORT: 'seventy' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err).toMatch(/PORT must be an integer/);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [join(__dirname, '../../../dist/apps/api/main.js')], {
        env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err).toMatch(/JWT_SECRET is required/);
  });
});
