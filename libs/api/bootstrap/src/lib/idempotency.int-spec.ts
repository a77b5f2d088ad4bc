import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { signInTeam, startTestApp, testDrivers, waitUntil, type TeamTokens, type TestApp } from '@mini-crm/api/testing';

/** A multipart upload built by hand, so a test can hold it half-sent and choose its boundary. */
function multipart(boundary: string, csv: string): { head: string; tail: string } {
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncustomers\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return { head: head + csv.slice(0, 20), tail: `${csv.slice(20)}\r\n--${boundary}--\r\n` };
}

const CSV = 'email,first_name\nidem-one@example.com,One\nidem-two@example.com,Two\n';

describe.each(testDrivers())('Idempotency-Key (%s)', (driver) => {
  let t: TestApp;
  let team: TeamTokens;
  beforeAll(async () => {
    t = await startTestApp({ driver });
    team = await signInTeam(t);
  });
  afterAll(async () => t?.close());

  const createCustomer = (key: string, body: unknown, token = team.admin) =>
    t.request('POST', '/api/customers', { token, body, headers: { 'idempotency-key': key } });
  const customersNamed = async (email: string) =>
    (await t.request('GET', `/api/customers?q=${encodeURIComponent(email)}`, { token: team.admin })).body.items;

  /** Starts an upload and sends only its beginning; `finish()` sends the rest and answers the response. */
  const heldUpload = (key: string, boundary: string, csv: string) => {
    const { head, tail } = multipart(boundary, csv);
    let req: ClientRequest;
    const response = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      req = httpRequest(`${t.baseUrl}/api/imports`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${team.admin}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'idempotency-key': key,
        },
      });
      req.on('error', reject);
      req.on('response', (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.write(head);
    });
    return {
      response,
      finish: () => {
        req.end(tail);
        return response;
      },
    };
  };
  const upload = (key: string, boundary: string, csv: string) => {
    const { head, tail } = multipart(boundary, csv);
    return t.request('POST', '/api/imports', {
      token: team.admin,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'idempotency-key': key },
      raw: head + tail,
    });
  };

  it('a retry replays the first answer and creates nothing more; another body with the key answers 422', async () => {
    const body = { email: 'replay@example.com', firstName: 'Rae' };
    const first = await createCustomer('create-rae-1', body);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await createCustomer('create-rae-1', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await customersNamed('replay@example.com')).toHaveLength(1);
    // without the key the same call is a new request: the email is taken
    expect((await t.request('POST', '/api/customers', { token: team.admin, body })).status).toBe(409);

    const other = await createCustomer('create-rae-1', { ...body, email: 'replay-2@example.com' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ statusCode: 422, details: [{ path: 'Idempotency-Key' }] });
    expect(other.body.message).toMatch(/already used for a different request/);
    expect(await customersNamed('replay-2@example.com')).toHaveLength(0);
  });

  it('keeps a 4xx answer too', async () => {
    const bad = { email: 'not-an-email', firstName: 'Bad' };
    const first = await createCustomer('bad-1', bad);
    expect(first.status).toBe(400);
    const again = await createCustomer('bad-1', bad);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([400, 'true']);
    expect(again.body).toEqual(first.body);
  });

  it('keys belong to their caller: another user with the same key runs their own request', async () => {
    const mine = await createCustomer('shared-key', { email: 'mine@example.com' });
    const theirs = await createCustomer('shared-key', { email: 'theirs@example.com' }, team.marketer);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await customersNamed('theirs@example.com')).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['not ASCII', 'clé-1'],
    ['a control character', 'key\tone'],
  ])('answers 400 for a key that is %s, and does nothing', async (_what, key) => {
    const res = await createCustomer(key, { email: 'invalid-key@example.com' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/^Invalid Idempotency-Key header/),
      details: [{ path: 'Idempotency-Key', message: expect.any(String) }],
    });
    expect(await customersNamed('invalid-key@example.com')).toHaveLength(0);
  });

  it('a retry while the first is running answers 409; once done it replays, whatever the multipart boundary', async () => {
    const imports = async () =>
      (await t.request('GET', '/api/imports?limit=100', { token: team.admin })).body.items as { id: string }[];
    const before = (await imports()).length;
    const uploads = join(t.config.dataDir, 'uploads');
    const first = heldUpload('import-1', 'first-boundary', CSV);
    // the handler is streaming the file to disk: the first request holds the key
    await waitUntil(
      'the held upload to reach the handler',
      async () => (await readdir(uploads).catch(() => [])).length > 0,
    );

    const during = await upload('import-1', 'second-boundary', CSV);
    expect(during.status).toBe(409);
    expect(during.body.message).toMatch(/still being processed/);

    const done = await first.finish();
    expect(done.status).toBe(202);
    const replay = await upload('import-1', 'third-boundary-xyz', CSV);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([202, 'true']);
    expect(replay.body).toEqual(done.body);
    expect((await imports()).length).toBe(before + 1);

    const otherFile = await upload('import-1', 'fourth-boundary', CSV.replace('One', 'Uno'));
    expect(otherFile.status).toBe(422);
    expect((await imports()).length).toBe(before + 1);
  });

  it('documents the header on every idempotent route', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body;
    const idempotent: string[] = [];
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { 'x-idempotent'?: boolean; parameters?: unknown[] }>>,
    ))
      for (const [method, op] of Object.entries(item)) {
        if (!op['x-idempotent']) continue;
        idempotent.push(`${method.toUpperCase()} ${path}`);
        expect(op.parameters).toEqual(
          expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]),
        );
      }
    expect(idempotent).toEqual(
      expect.arrayContaining([
        'POST /api/customers',
        'POST /api/orders',
        'POST /api/imports',
        'POST /api/campaigns',
        'POST /api/campaigns/{id}/launch',
        'POST /api/segment-rules',
      ]),
    );
  });
});
