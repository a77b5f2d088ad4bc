import type { VendorBatchResponse, VendorMessageRequest } from '@mini-crm/vendor-protocol';
import type { VendorMessageRecord, VendorStubStats } from './stub-stats.types';
import { predictVendorFate } from './outcome.util';
import { postJson } from './receiver.test-util';
import { startVendorStub, type VendorStubHandle } from './vendor-stub';

const rates = { failRate: 0.1, openRate: 0.4, clickRate: 0.1 };
const sms = (key: string, extra: Partial<VendorMessageRequest> = {}): VendorMessageRequest => ({
  idempotencyKey: key,
  channel: 'sms',
  to: '+14155550100',
  body: 'Hi Ana, 20% off today. Reply STOP to opt out.',
  ...extra,
});
/** First key (by index) whose simulated fate is the wanted one. */
function keyWithFate(fate: 'rejected' | 'failed' | 'delivered', prefix = 'k'): string {
  for (let i = 0; ; i++) if (predictVendorFate(`${prefix}-${i}`, 'sms', rates).fate === fate) return `${prefix}-${i}`;
}

describe('vendor stub HTTP API', () => {
  let stub: VendorStubHandle;
  beforeAll(async () => {
    stub = await startVendorStub({ port: 0, receiptDelayMs: 10 });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  const stats = async () => (await (await fetch(`${stub.url}/v1/stats`)).json()) as VendorStubStats;
  const record = async (key: string) => {
    const res = await fetch(`${stub.url}/v1/messages/${encodeURIComponent(key)}`);
    return { status: res.status, json: (await res.json()) as VendorMessageRecord };
  };

  it('listens on a free loopback port', () => {
    expect(stub.url).toBe(`http://127.0.0.1:${stub.port}`);
    expect(stub.port).toBeGreaterThan(0);
  });

  it('accepts a message with 202 and a vendorMessageId', async () => {
    const key = keyWithFate('delivered');
    const res = await postJson(`${stub.url}/v1/messages`, sms(key));
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ vendorMessageId: expect.stringMatching(/^vm_/), status: 'accepted' });
  });

  it('answers a replayed key with the same outcome and id, without deciding again; the repeats are counted', async () => {
    const key = keyWithFate('delivered');
    const first = await postJson(`${stub.url}/v1/messages`, sms(key));
    const second = await postJson(`${stub.url}/v1/messages`, sms(key, { body: 'changed body' }));
    const third = await postJson(`${stub.url}/v1/messages/batch`, { messages: [sms(key)] });
    expect(second.status).toBe(202);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('x-idempotent-replay')).toBe('true');
    expect((third.json as VendorBatchResponse).results[0]).toEqual({
      idempotencyKey: key,
      status: 'accepted',
      vendorMessageId: (first.json as { vendorMessageId: string }).vendorMessageId,
    });
    expect(await stats()).toMatchObject({ attempts: 3, sends: 1, accepted: 1, replays: 2, duplicates: 1 });
    const rec = await record(key);
    expect(rec.json).toMatchObject({
      attempts: 3,
      sends: 3,
      outcome: 'accepted',
      to: '+14155550100',
      body: sms(key).body,
    });
  });

  it('rejects permanently with 422 and replays the rejection', async () => {
    const key = keyWithFate('rejected');
    const first = await postJson(`${stub.url}/v1/messages`, sms(key));
    expect(first.status).toBe(422);
    expect(first.json).toEqual({ error: 'rejected', reason: expect.any(String) });
    const again = await postJson(`${stub.url}/v1/messages`, sms(key));
    expect(again.status).toBe(422);
    expect(again.json).toEqual(first.json);
    expect(await stats()).toMatchObject({ attempts: 2, sends: 1, rejected: 1, accepted: 0, duplicates: 1 });
  });

  it('rejects an unreachable recipient as invalid_recipient', async () => {
    const res = await postJson(`${stub.url}/v1/messages`, sms(keyWithFate('delivered'), { to: '12345' }));
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ error: 'rejected', reason: 'invalid_recipient' });
  });

  it('gives the same outcomes to the same keys on another stub instance', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `det-${i}`);
    const other = await startVendorStub({ port: 0 });
    try {
      const a = (await postJson(`${stub.url}/v1/messages/batch`, { messages: keys.map((k) => sms(k)) }))
        .json as VendorBatchResponse;
      const b = (await postJson(`${other.url}/v1/messages/batch`, { messages: keys.map((k) => sms(k)) }))
        .json as VendorBatchResponse;
      const statuses = (r: VendorBatchResponse) =>
        r.results.map((x) => (x.status === 'rejected' ? x.reason : x.status));
      expect(statuses(a)).toEqual(statuses(b));
      expect(statuses(a)).toEqual(
        keys.map((k) => {
          const f = predictVendorFate(k, 'sms', rates);
          return f.fate === 'rejected' ? f.reason : 'accepted';
        }),
      );
      expect(statuses(a).filter((s) => s !== 'accepted').length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('answers 400 to malformed bodies and counts nothing', async () => {
    const bad: unknown[] = [
      '{not json',
      [],
      { channel: 'sms', to: '+14155550100', body: 'x' },
      sms('k1', { channel: 'fax' as never }),
      sms('k1', { body: '' }),
      sms('k1', { subject: 3 as never }),
    ];
    for (const body of bad) expect((await postJson(`${stub.url}/v1/messages`, body)).status).toBe(400);
    const batchBad: unknown[] = [
      {},
      { messages: 'x' },
      { messages: [sms('a'), { idempotencyKey: 'b' }] },
      { messages: Array.from({ length: 1001 }, (_, i) => sms(`m${i}`)) },
    ];
    for (const body of batchBad) {
      const res = await postJson(`${stub.url}/v1/messages/batch`, body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: 'bad_request' });
    }
    expect((await postJson(`${stub.url}/v1/messages/batch`, batchBad[2])).json).toMatchObject({
      message: expect.stringContaining('messages[1].channel'),
    });
    expect(await stats()).toMatchObject({ attempts: 0, sends: 0 });
  });

  it('answers a batch of 1000 with one result per message, in order', async () => {
    const messages = Array.from({ length: 1000 }, (_, i) =>
      i % 2
        ? sms(`b-${i}`)
        : {
            idempotencyKey: `b-${i}`,
            channel: 'email' as const,
            to: `u${i}@example.com`,
            subject: 'Sale',
            body: 'Hello',
            listUnsubscribe: '<mailto:u@x>',
          },
    );
    const res = await postJson(`${stub.url}/v1/messages/batch`, { messages });
    expect(res.status).toBe(200);
    const { results } = res.json as VendorBatchResponse;
    expect(results.map((r) => r.idempotencyKey)).toEqual(messages.map((m) => m.idempotencyKey));
    const accepted = results.filter((r) => r.status === 'accepted');
    expect(new Set(accepted.map((r) => (r.status === 'accepted' ? r.vendorMessageId : ''))).size).toBe(accepted.length);
    const s = await stats();
    expect(s).toMatchObject({
      attempts: 1000,
      sends: 1000,
      accepted: accepted.length,
      rejected: 1000 - accepted.length,
      duplicates: 0,
    });
    expect(s.byChannel.email.attempts).toBe(500);
    expect(s.byChannel.sms.accepted + s.byChannel.email.accepted).toBe(accepted.length);
    expect(accepted.length).toBeGreaterThan(900);
  });

  it('treats a key repeated inside one batch as a replay, and counts it as a duplicate', async () => {
    const key = keyWithFate('delivered');
    const { results } = (await postJson(`${stub.url}/v1/messages/batch`, { messages: [sms(key), sms(key)] }))
      .json as VendorBatchResponse;
    expect(results[1]).toEqual(results[0]);
    expect(await stats()).toMatchObject({ attempts: 2, sends: 1, replays: 1, duplicates: 1 });
  });

  it('counts a deliberate double send of one key as one duplicate while answering it idempotently', async () => {
    const once = keyWithFate('delivered', 'once');
    const twice = keyWithFate('delivered', 'twice');
    await postJson(`${stub.url}/v1/messages`, sms(once));
    const first = await postJson(`${stub.url}/v1/messages`, sms(twice));
    expect((await stats()).duplicates).toBe(0);

    const again = await postJson(`${stub.url}/v1/messages`, sms(twice));
    expect(again.status).toBe(202);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('x-idempotent-replay')).toBe('true');
    expect(await stats()).toMatchObject({ attempts: 3, sends: 2, accepted: 2, replays: 1, duplicates: 1 });
    expect((await record(twice)).json).toMatchObject({ attempts: 2, sends: 2, outcome: 'accepted' });
    expect((await record(once)).json).toMatchObject({ attempts: 1, sends: 1 });
  });

  it('simulates retryable failures with 503: attempts counted, nothing sent, the retry sends once', async () => {
    const key = keyWithFate('delivered');
    stub.configure({ retryableRate: 1 });
    try {
      const res = await postJson(`${stub.url}/v1/messages`, sms(key));
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: expect.any(String) });
      expect(res.headers.get('retry-after')).toBe('1');
      const batch = await postJson(`${stub.url}/v1/messages/batch`, { messages: [sms(key), sms('other')] });
      expect(batch.status).toBe(503);
      expect(await stats()).toMatchObject({ attempts: 3, sends: 0, retryableFailures: 3 });
      expect((await record(key)).json).toMatchObject({
        attempts: 2,
        sends: 0,
        outcome: 'pending',
        vendorMessageId: null,
      });
    } finally {
      stub.configure({ retryableRate: 0 });
    }
    const retried = await postJson(`${stub.url}/v1/messages`, sms(key));
    expect(retried.status).toBe(202);
    expect(await stats()).toMatchObject({ attempts: 4, sends: 1, accepted: 1, duplicates: 0 });
    expect((await record(key)).json).toMatchObject({ attempts: 3, sends: 1, outcome: 'accepted' });
  });

  it('answers 503 to about retryableRate of requests', async () => {
    stub.configure({ retryableRate: 0.5 });
    try {
      let unavailable = 0;
      for (let i = 0; i < 200; i++)
        if ((await postJson(`${stub.url}/v1/messages`, sms(`r-${i}`))).status === 503) unavailable++;
      expect(unavailable).toBeGreaterThan(60);
      expect(unavailable).toBeLessThan(140);
    } finally {
      stub.configure({ retryableRate: 0 });
    }
  });

  it('adds latencyMs to message requests', async () => {
    stub.configure({ latencyMs: 150 });
    try {
      const t0 = Date.now();
      await postJson(`${stub.url}/v1/messages`, sms('slow'));
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      stub.configure({ latencyMs: 0 });
    }
  });

  it('answers 404 for unknown keys and routes, and resets everything', async () => {
    expect((await record('nope')).status).toBe(404);
    expect((await fetch(`${stub.url}/v2/whatever`)).status).toBe(404);
    expect((await fetch(`${stub.url}/v1/messages/%E0%A4%A`)).status).toBe(400);
    await postJson(`${stub.url}/v1/messages`, sms('x-1'));
    expect((await stats()).attempts).toBe(1);
    expect((await postJson(`${stub.url}/v1/reset`, {})).status).toBe(200);
    expect(await stats()).toMatchObject({ attempts: 0, sends: 0, accepted: 0, receiptsPending: 0 });
    expect((await record('x-1')).status).toBe(404);
  });

  it('changes behaviour through POST /v1/config and hides the secret', async () => {
    const res = await postJson(`${stub.url}/v1/config`, { failRate: 1 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ failRate: 1 });
    expect(res.json).not.toHaveProperty('secret');
    expect((await postJson(`${stub.url}/v1/config`, { failRate: 3 })).status).toBe(400);
    stub.configure({ failRate: 0.1 });
  });
});
