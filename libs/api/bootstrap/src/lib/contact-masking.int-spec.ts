import { signInTeam, startTestApp, testDrivers, TestApp } from '@mini-crm/api/testing';

/** Viewers see contact details masked in every JSON answer; marketers see them; bulk exports need marketer. */
describe.each(testDrivers())('contact details by role (%s)', (driver) => {
  let t: TestApp;
  let team: { admin: string; marketer: string; viewer: string };
  let customerId: string;
  let segmentId: string;
  const rules = { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Mumbai' }] };

  beforeAll(async () => {
    t = await startTestApp({ driver });
    team = await signInTeam(t);
    const c = await t.request('POST', '/api/customers', {
      token: team.marketer,
      body: { email: 'asha@example.com', phone: '+919876541234', city: 'Mumbai', firstName: 'Asha' },
    });
    expect(c.status).toBe(201);
    customerId = c.body.id;
    const s = await t.request('POST', '/api/segment-rules', { token: team.marketer, body: { name: 'Mumbai', rules } });
    expect(s.status).toBe(201);
    segmentId = s.body.id;
  });
  afterAll(async () => t?.close());

  const reads = () =>
    [
      ['GET', `/api/customers/${customerId}`, (b: any) => b], // eslint-disable-line @typescript-eslint/no-explicit-any
      ['GET', '/api/customers', (b: any) => b.items[0]], // eslint-disable-line @typescript-eslint/no-explicit-any
      ['GET', `/api/segment-rules/${segmentId}/customers`, (b: any) => b.items[0]], // eslint-disable-line @typescript-eslint/no-explicit-any
    ] as const;

  it('masks email and phone for a viewer on every customer-bearing read', async () => {
    for (const [method, path, pick] of reads()) {
      const res = await t.request(method, path, { token: team.viewer });
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, pick(res.body).email, pick(res.body).phone]).toEqual([path, 'a***@example.com', '+91******1234']);
    }
    const preview = await t.request('POST', '/api/segment-rules/preview', { token: team.viewer, body: { rules } });
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body)).not.toContain('asha@example.com');
    expect(JSON.stringify(preview.body)).not.toContain('9876541234');
  });

  it('shows them to marketers and admins', async () => {
    for (const token of [team.marketer, team.admin])
      for (const [method, path, pick] of reads()) {
        const res = await t.request(method, path, { token });
        expect([path, pick(res.body).email, pick(res.body).phone]).toEqual([path, 'asha@example.com', '+919876541234']);
      }
  });

  it('a viewer still sees their own account unmasked', async () => {
    const me = await t.request('GET', '/api/auth/me', { token: team.viewer });
    expect(me.body.email).toBe('viewer@example.com');
  });

  it('segment export needs marketer and is audited with the row count', async () => {
    expect((await t.request('GET', `/api/segment-rules/${segmentId}/export.csv`, { token: team.viewer })).status).toBe(
      403,
    );
    const res = await t.request('GET', `/api/segment-rules/${segmentId}/export.csv`, { token: team.marketer });
    expect(res.status).toBe(200);
    expect(res.text).toContain('asha@example.com');
    const requestId = res.headers.get('x-request-id');
    const audit = await t.request('GET', '/api/audit?action=segment.exported', { token: team.admin });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorEmail: 'marketer@example.com',
        entityId: segmentId,
        requestId,
        diff: { rows: 1, complete: true },
      }),
    ]);
  });
});
