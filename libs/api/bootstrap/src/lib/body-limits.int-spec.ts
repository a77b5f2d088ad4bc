import { startTestApp, type TestApp, type TestResponse } from '@mini-crm/api/testing';

/** HTTP-level limits only: nothing over a limit reaches the database, so one driver is enough. */
describe('body and upload limits, and Fastify’s own errors, in the error shape', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ driver: 'pglite', env: { BODY_LIMIT_KB: '4', UPLOAD_LIMIT_MB: '1' } });
    admin = (await t.login('admin@example.com')).accessToken;
  });
  afterAll(async () => t?.close());

  const expectShape = (res: TestResponse, status: number, message: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.stringMatching(message),
    });
  };
  const csv = (bytes: number) => {
    const row = 'someone@example.com,Some,One\n';
    return 'email,first_name,last_name\n' + row.repeat(Math.ceil(bytes / row.length));
  };
  const uploadCsv = (text: string) => {
    const form = new FormData();
    form.append('kind', 'customers');
    form.append('file', new Blob([text], { type: 'text/csv' }), 'big.csv');
    return t.request('POST', '/api/imports', { token: admin, raw: form });
  };

  it('refuses a JSON body over BODY_LIMIT_KB with 413 before reading it', async () => {
    const res = await t.request('POST', '/api/customers', {
      token: admin,
      body: { email: 'big@example.com', firstName: 'x'.repeat(5 * 1024) },
    });
    expectShape(res, 413, /^The request body is too large \(6 KB\): at most 4 KB is accepted$/);
    // under the limit the same route answers as usual
    expect(
      (await t.request('POST', '/api/customers', { token: admin, body: { email: 'ok@example.com' } })).status,
    ).toBe(201);
  });

  it('refuses a chunked JSON body (no declared length) over the limit with 413 too', async () => {
    const chunk = new TextEncoder().encode(JSON.stringify({ email: 'c@example.com', firstName: 'y'.repeat(6000) }));
    const body = new ReadableStream({
      start(c) {
        c.enqueue(chunk);
        c.close();
      },
    });
    const res = await fetch(`${t.baseUrl}/api/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body,
      duplex: 'half',
    } as RequestInit);
    const parsed = await res.json();
    expect(res.status).toBe(413);
    expect(parsed).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is too large (BODY_LIMIT_KB)',
    });
  });

  it('refuses a CSV upload over UPLOAD_LIMIT_MB with 413: declared too large, or cut by the parser', async () => {
    expectShape(
      await uploadCsv(csv(2.5 * 1024 * 1024)),
      413,
      /^The upload is too large \(\d+ KB\): files up to 1 MB are accepted$/,
    );
    expectShape(
      await uploadCsv(csv(1.5 * 1024 * 1024)),
      413,
      /^The upload is too large: the file is over the upload limit/,
    );
    // a file under the limit is accepted
    expect((await uploadCsv(csv(10 * 1024))).status).toBe(202);
  });

  it('gives the vendor’s webhooks room for a full receipt batch beyond BODY_LIMIT_KB', async () => {
    const receipts = Array.from({ length: 100 }, (_, i) => ({
      vendorMessageId: `vendor-${i}`,
      idempotencyKey: `key-${i}`,
      type: 'delivered',
      at: new Date().toISOString(),
    }));
    const res = await t.request('POST', '/api/delivery/receipts', { body: { receipts } });
    expect(JSON.stringify({ receipts }).length).toBeGreaterThan(4 * 1024);
    expect(res.status).toBe(401); // unsigned: refused by its signature check, not by size
  });

  it('answers 414 (path parameter too long) and 415 (unsupported content type) in the error shape', async () => {
    expectShape(await t.request('GET', `/api/customers/${'a'.repeat(300)}`, { token: admin }), 414, /./);
    expectShape(
      await t.request('POST', '/api/customers', {
        token: admin,
        raw: '<customer><email>a@example.com</email></customer>',
        headers: { 'content-type': 'application/xml' },
      }),
      415,
      /^Unsupported content type: send application\/json/,
    );
  });
});
