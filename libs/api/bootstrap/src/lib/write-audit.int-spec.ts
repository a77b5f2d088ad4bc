import {
  operationsOf,
  signInTeam,
  startTestApp,
  testDrivers,
  TestApp,
  waitUntil,
  type TestResponse,
} from '@mini-crm/api/testing';

/** Operations that change nothing (previews, AI drafts, token handling, connection checks) or are signed vendor traffic. */
const NOT_WRITES = new Set([
  'POST /api/segment-rules/preview',
  'POST /api/campaigns/preview',
  'POST /api/campaigns/{id}/preview',
  'POST /api/imports/preview',
  'POST /api/ai/messages',
  'POST /api/ai/segment-rules',
  'POST /api/auth/stream-ticket',
  'POST /api/settings/channels/{channel}/check',
]);

/**
 * Writes that need a campaign that is sending or has sent (failed messages, clicked links). Their services
 * record campaign.paused / resumed / retry_created and the clickers segment; this test does not assert them yet.
 */
const NEEDS_SENT_CAMPAIGN = new Set([
  'POST /api/campaigns/{id}/pause',
  'POST /api/campaigns/{id}/resume',
  'POST /api/campaigns/{id}/retry-failed',
  'POST /api/campaigns/{id}/winner',
  'POST /api/campaigns/{id}/links/{linkId}/segment',
]);

/**
 * Every write operation in the OpenAPI document is made once through the API, and for each an audit row
 * with the actor and the response's x-request-id exists. A write operation this test does not make fails it.
 */
describe.each(testDrivers())('every write is audited with its request id (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  const made = new Map<string, TestResponse>();

  beforeAll(async () => {
    // A vendor that is never reached: the launch is scheduled for tomorrow and cancelled first.
    // Webhooks go to a closed loopback port: every attempt fails fast and is logged.
    t = await startTestApp({ driver, env: { VENDOR_URL: 'http://127.0.0.1:9', WEBHOOK_ALLOW_PRIVATE: 'true' } });
    ({ admin, marketer } = await signInTeam(t));
  });
  afterAll(async () => t?.close());

  async function write(op: string, path: string, token: string, body?: unknown, raw?: BodyInit): Promise<TestResponse> {
    const [method] = op.split(' ');
    const res = await t.request(method, path, { token, body, raw });
    if (res.status >= 300) throw new Error(`${op}: ${res.status} ${res.text}`);
    made.set(op, res);
    return res;
  }

  it('makes every write operation and finds its audit row', async () => {
    const c = (
      await write('POST /api/customers', '/api/customers', marketer, {
        email: 'a@example.com',
        phone: '+919876541234',
        city: 'Mumbai',
      })
    ).body;
    await write('PATCH /api/customers/{id}', `/api/customers/${c.id}`, marketer, { firstName: 'Asha' });
    await write('POST /api/customers/{id}/consent', `/api/customers/${c.id}/consent`, marketer, {
      channel: 'email',
      status: 'unsubscribed',
      source: 'admin',
    });
    await write('POST /api/customers/{id}/visits', `/api/customers/${c.id}/visits`, marketer, {
      at: '2024-06-01T12:00:00Z',
    });
    await write('POST /api/insights/recompute', '/api/insights/recompute', marketer);
    await write('POST /api/orders', '/api/orders', marketer, {
      customerId: c.id,
      amount: 10,
      orderedAt: '2024-06-02T12:00:00Z',
    });
    await write('POST /api/customers/batch', '/api/customers/batch', marketer, {
      records: [{ email: 'batch@example.com' }],
    });
    await write('POST /api/orders/batch', '/api/orders/batch', marketer, {
      records: [{ externalId: 'batch-1', customerId: c.id, amount: 5, orderedAt: '2024-06-03T12:00:00Z' }],
    });

    const seg = (
      await write('POST /api/segment-rules', '/api/segment-rules', marketer, {
        name: 'Mumbai',
        rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Mumbai' }] },
      })
    ).body;
    await write('PATCH /api/segment-rules/{id}', `/api/segment-rules/${seg.id}`, marketer, { description: 'city' });

    const draft = {
      name: 'Hello',
      segmentId: seg.id,
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
    };
    const camp = (await write('POST /api/campaigns', '/api/campaigns', marketer, draft)).body;
    await write('PATCH /api/campaigns/{id}', `/api/campaigns/${camp.id}`, marketer, { name: 'Hello again' });
    const copy = (await write('POST /api/campaigns/{id}/duplicate', `/api/campaigns/${camp.id}/duplicate`, marketer))
      .body;
    await write('DELETE /api/campaigns/{id}', `/api/campaigns/${copy.id}`, marketer);
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    await write('POST /api/campaigns/{id}/launch', `/api/campaigns/${camp.id}/launch`, marketer, {
      scheduledAt: later,
    });
    await write('POST /api/campaigns/{id}/cancel', `/api/campaigns/${camp.id}/cancel`, marketer);
    // The vendor here refuses connections: the test message fails, and the attempt is audited all the same.
    const test = await write('POST /api/campaigns/test-send', '/api/campaigns/test-send', marketer, {
      channel: 'sms',
      message: 'Hi {{first_name|there}}',
      customerId: c.id,
      to: ['+919876541234'],
    });
    expect(test.body.results).toEqual([{ to: '+919876541234', status: 'failed', detail: expect.any(String) }]);

    await write('POST /api/segment-rules/{id}/archive', `/api/segment-rules/${seg.id}/archive`, marketer);
    await write('POST /api/segment-rules/{id}/unarchive', `/api/segment-rules/${seg.id}/unarchive`, marketer);
    const spare = (
      await t.request('POST', '/api/segment-rules', {
        token: marketer,
        body: { name: 'Spare', rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] } },
      })
    ).body;
    await write('DELETE /api/segment-rules/{id}', `/api/segment-rules/${spare.id}`, marketer);

    const form = new FormData();
    form.append('file', new Blob(['email\nb@example.com\n'], { type: 'text/csv' }), 'customers.csv');
    form.append('kind', 'customers');
    const imp = (await write('POST /api/imports', '/api/imports', marketer, undefined, form)).body;
    const cancelled = await t.request('POST', `/api/imports/${imp.id}/cancel`, { token: marketer });
    // The import may already be done (409); a cancel that answers 2xx must be audited.
    if (cancelled.status < 300) made.set('POST /api/imports/{id}/cancel', cancelled);
    else expect(cancelled.status).toBe(409);

    await write('PUT /api/settings/sending', '/api/settings/sending', admin, { timeZone: 'Asia/Kolkata' });
    await write('PUT /api/settings/city-aliases/{alias}', '/api/settings/city-aliases/ghatkopar-east', admin, {
      city: 'Mumbai',
    });
    await write('DELETE /api/settings/city-aliases/{alias}', '/api/settings/city-aliases/ghatkopar-east', admin);
    const viewer = await t.login('another@example.com');
    await write('PATCH /api/users/{id}', `/api/users/${viewer.user.id}`, admin, { role: 'marketer' });
    await write('DELETE /api/customers/{id}', `/api/customers/${c.id}`, marketer);

    // Admission: outside ALLOWED_EMAIL_DOMAINS a new account waits for approval.
    const waiting = await t.login('waiting@elsewhere.test');
    const refused = await t.login('refused@elsewhere.test');
    await write('POST /api/users/{id}/approve', `/api/users/${waiting.user.id}/approve`, admin, { role: 'viewer' });
    await write('POST /api/users/{id}/reject', `/api/users/${refused.user.id}/reject`, admin);
    const invite = (
      await write('POST /api/users/invites', '/api/users/invites', admin, {
        email: 'new@partner.test',
        role: 'marketer',
      })
    ).body;
    await write('DELETE /api/users/invites/{id}', `/api/users/invites/${invite.id}`, admin);

    // API keys: a key's own write is attributed to it.
    const key = (await write('POST /api/api-keys', '/api/api-keys', admin, { name: 'Sync', role: 'marketer' })).body;
    const byKey = await t.request('POST', '/api/customers', { token: key.key, body: { email: 'k@example.com' } });
    expect(byKey.status).toBe(201);
    await write('DELETE /api/api-keys/{id}', `/api/api-keys/${key.id}`, admin);

    // Consent and data-subject requests.
    await write('PUT /api/settings/consent', '/api/settings/consent', admin, {
      importEmailStatus: 'unsubscribed',
      importSmsStatus: 'subscribed',
    });
    const contact = { channel: 'email', value: 'blocked@example.com' };
    await write('POST /api/suppressions', '/api/suppressions', admin, contact);
    await write('DELETE /api/suppressions', '/api/suppressions', admin, contact);
    const gone = (await t.request('POST', '/api/customers', { token: marketer, body: { email: 'gone@example.com' } }))
      .body;
    await write('DELETE /api/customers/{id}/erase', `/api/customers/${gone.id}/erase`, admin);

    // Outgoing webhooks.
    const hook = (
      await write('POST /api/webhooks', '/api/webhooks', admin, {
        url: 'http://127.0.0.1:9/hook',
        events: ['customer.created'],
      })
    ).body;
    await write('PATCH /api/webhooks/{id}', `/api/webhooks/${hook.id}`, admin, { description: 'CRM sync' });
    await write('POST /api/webhooks/{id}/rotate-secret', `/api/webhooks/${hook.id}/rotate-secret`, admin);
    await write('POST /api/webhooks/{id}/test', `/api/webhooks/${hook.id}/test`, admin);
    const attempt = await waitUntil('a logged webhook attempt', async () => {
      const log = await t.request('GET', `/api/webhooks/${hook.id}/deliveries`, { token: admin });
      return log.body.items?.[0] as { id: string } | undefined;
    });
    await write(
      'POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver',
      `/api/webhooks/${hook.id}/deliveries/${attempt.id}/redeliver`,
      admin,
    );
    await write('DELETE /api/webhooks/{id}', `/api/webhooks/${hook.id}`, admin);

    const audit: { requestId: string | null; actorEmail: string | null; action: string }[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await t.request('GET', `/api/audit?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      expect(page.status).toBe(200);
      audit.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const keyRow = audit.find((a) => a.requestId === byKey.headers.get('x-request-id'));
    expect(keyRow?.actorEmail).toBe(`api-key:Sync (${key.prefix})`);
    expect(JSON.stringify(audit)).not.toContain(key.key);
    const missing: string[] = [];
    for (const [op, res] of made) {
      const id = res.headers.get('x-request-id');
      expect([op, id]).toEqual([op, expect.stringMatching(/^[\w.:@-]+$/)]);
      const rows = audit.filter((a) => a.requestId === id);
      if (!rows.length || !rows.every((r) => r.actorEmail)) missing.push(`${op} (${id}): ${JSON.stringify(rows)}`);
    }
    expect(missing).toEqual([]);

    const doc = (await t.request('GET', '/api/docs-json')).body;
    const writes = operationsOf(doc)
      .filter((o) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(o.method) && o.permission !== 'public')
      .map((o) => `${o.method} ${o.path}`)
      .filter((o) => !NOT_WRITES.has(o) && !NEEDS_SENT_CAMPAIGN.has(o));
    const notExercised = writes.filter((o) => !made.has(o) && o !== 'POST /api/imports/{id}/cancel');
    expect(notExercised).toEqual([]);
  });

  it('keeps a caller’s x-request-id and answers with it', async () => {
    const res = await t.request('POST', '/api/customers', {
      token: marketer,
      headers: { 'x-request-id': 'trace-123.abc' },
      body: { email: 'traced@example.com' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('trace-123.abc');
    const bad = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'spaces are not ok' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const page = await t.request('GET', '/api/audit?limit=5&action=customer.created', { token: admin });
    expect(page.body.items.find((a: { requestId: string }) => a.requestId === 'trace-123.abc')).toBeTruthy();
  });
});
