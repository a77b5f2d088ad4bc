import { applyDuplicate } from './duplicate-policy.util';
import type { CustomerValues } from './customer-wire';
import { customerRecord } from '../testing/customer-record.fixture';

const values = (v: Partial<CustomerValues>): CustomerValues => ({ ...customerRecord(), ...v });

describe('applyDuplicate', () => {
  it('update: non-empty incoming values win, tags are replaced, attributes merged', () => {
    const target = values({
      email: 'a@example.com',
      firstName: 'Ann',
      city: 'Pune',
      tags: ['vip'],
      attributes: { tier: 'gold', since: '2020' },
    });
    const changed = applyDuplicate(
      target,
      values({ firstName: 'Anna', tags: ['new'], attributes: { tier: 'silver' } }),
      'update',
      () => true,
    );
    expect(changed).toBe(true);
    expect(target).toMatchObject({
      email: 'a@example.com',
      firstName: 'Anna',
      city: 'Pune',
      tags: ['new'],
      attributes: { tier: 'silver', since: '2020' },
    });
  });

  it('merge: fills only empty fields and unites tags', () => {
    const target = values({ firstName: 'Ann', tags: ['vip'], attributes: { tier: 'gold' } });
    applyDuplicate(
      target,
      values({ firstName: 'Anna', city: 'Pune', tags: ['new', 'vip'], attributes: { tier: 'x', extra: '1' } }),
      'merge',
      () => true,
    );
    expect(target).toMatchObject({
      firstName: 'Ann',
      city: 'Pune',
      tags: ['vip', 'new'],
      attributes: { tier: 'gold', extra: '1' },
    });
  });

  it('reports no change for an identical row and keeps blocklisted consent', () => {
    const target = values({ email: 'a@example.com', emailStatus: 'blocklisted' });
    expect(
      applyDuplicate(target, values({ email: 'a@example.com', emailStatus: 'subscribed' }), 'update', () => true),
    ).toBe(false);
    expect(target.emailStatus).toBe('blocklisted');
  });

  it('only tightens consent: never re-subscribes an unsubscribed channel, may unsubscribe or blocklist', () => {
    for (const policy of ['update', 'merge'] as const) {
      const target = values({ email: 'a@example.com', emailStatus: 'unsubscribed', smsStatus: 'subscribed' });
      applyDuplicate(target, values({ emailStatus: 'subscribed', smsStatus: 'unsubscribed' }), policy, () => true);
      expect([policy, target.emailStatus]).toEqual([policy, 'unsubscribed']);
      if (policy === 'update') expect(target.smsStatus).toBe('unsubscribed');
      applyDuplicate(target, values({ emailStatus: 'blocklisted' }), 'update', () => true);
      expect(target.emailStatus).toBe('blocklisted');
    }
  });

  it('leaves an identifier the guard refuses', () => {
    const target = values({ email: 'a@example.com' });
    const changed = applyDuplicate(
      target,
      values({ email: 'taken@example.com', phone: '+14155550100' }),
      'update',
      (field) => field !== 'email',
    );
    expect(changed).toBe(true);
    expect(target).toMatchObject({ email: 'a@example.com', phone: '+14155550100' });
  });
});
