import { MessageStore, OUTCOME_ACCEPTED } from './message-store.service';

const msg = (i: number) => ({
  idempotencyKey: `k${i}`,
  channel: 'sms' as const,
  to: `+1415555${String(i).padStart(4, '0')}`,
  body: `body ${i}`,
});

describe('MessageStore', () => {
  it('keeps per-key state across growth and details for the latest detailLimit sends only', () => {
    const store = new MessageStore(3);
    for (let i = 0; i < 5000; i++) {
      const idx = store.attempt(`k${i}`, 'sms');
      store.recordSend(idx, OUTCOME_ACCEPTED, msg(i));
    }
    store.attempt('k0', 'sms');
    expect(store.size).toBe(5000);
    expect(store.record(store.find('k0') as number)).toMatchObject({
      attempts: 2,
      sends: 1,
      outcome: 'accepted',
      to: null,
      body: null,
    });
    expect(store.record(store.find('k4999') as number)).toMatchObject({
      attempts: 1,
      to: '+14155554999',
      body: 'body 4999',
    });
    expect(store.record(store.find('k4996') as number).body).toBeNull();
    expect(new Set(Array.from({ length: 5000 }, (_, i) => store.vendorMessageId(i))).size).toBe(5000);
  });

  it('forgets everything on clear and never reuses vendor message ids', () => {
    const store = new MessageStore(10);
    const before = store.vendorMessageId(store.attempt('a', 'email'));
    store.clear();
    expect(store.find('a')).toBeUndefined();
    const idx = store.attempt('a', 'email');
    expect(store.record(idx)).toMatchObject({ attempts: 1, sends: 0, outcome: 'pending', channel: 'email' });
    expect(store.vendorMessageId(idx)).not.toBe(before);
  });
});
