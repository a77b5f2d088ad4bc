import { startVendorStub, type VendorStubHandle } from '@mini-crm/vendor-stub';
import { quietSnapshot } from './quiet-snapshot';

/** One SMS to the real stub, as the sender posts it; resolves once the stub has accepted it. */
async function send(stub: VendorStubHandle, key: string): Promise<void> {
  const res = await fetch(`${stub.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idempotencyKey: key, channel: 'sms', to: '+14155550100', body: 'Hi' }),
  });
  if (res.status !== 202) throw new Error(`stub answered ${res.status}`);
}

describe('quietSnapshot: a read counts as settled only while the vendor stands still', () => {
  let stub: VendorStubHandle;
  beforeAll(async () => {
    // Receipts far in the future: an accepted message stays owed for the whole test.
    stub = await startVendorStub({ port: 0, receiptDelayMs: 600_000, failRate: 0 });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it('returns the read and the vendor counters when nothing moves', async () => {
    const quiet = await quietSnapshot(
      () => stub.stats(),
      async () => 'stats',
    );
    expect(quiet?.value).toBe('stats');
    expect(quiet?.vendor).toMatchObject({ accepted: 0, receiptsPending: 0 });
  });

  it('voids a read during which the vendor accepted a send (the race a stats-then-vendor order missed)', async () => {
    const quiet = await quietSnapshot(
      () => stub.stats(),
      async () => {
        await send(stub, 'during-the-read');
        return 'stats';
      },
    );
    expect(quiet).toBeNull();
    expect(stub.stats().accepted).toBe(1);
  });

  it('voids a read while a receipt is still owed', async () => {
    await send(stub, 'owed');
    expect(stub.stats().receiptsPending).toBe(1);
    expect(
      await quietSnapshot(
        () => stub.stats(),
        async () => 'stats',
      ),
    ).toBeNull();
  });
});
