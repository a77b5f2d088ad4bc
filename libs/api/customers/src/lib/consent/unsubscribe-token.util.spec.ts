import { signUnsubscribeToken, unsubscribeKey, verifyUnsubscribeToken } from './unsubscribe-token.util';

const customer = '0b5f8c1e-4f38-4c61-9d2c-2f1f1f0e0a11';
const campaign = '6a1d4f7e-7d52-4a9b-8c55-3b8e6c2f9e01';

describe('unsubscribe tokens', () => {
  const key = unsubscribeKey('x'.repeat(40));

  it('round-trips and names customer, channel and campaign', () => {
    const token = signUnsubscribeToken(key, customer, 'email', campaign);
    expect(verifyUnsubscribeToken(key, token)).toEqual({
      customerId: customer,
      channel: 'email',
      campaignId: campaign,
    });
  });

  it('rejects tampering, other keys and junk', () => {
    const token = signUnsubscribeToken(key, customer, 'email', campaign);
    expect(verifyUnsubscribeToken(key, token.replace('.e.', '.s.'))).toBeNull();
    expect(token.length).toBeLessThanOrEqual(100);
    expect(verifyUnsubscribeToken(key, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(verifyUnsubscribeToken(unsubscribeKey('y'.repeat(40)), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, 'a.b.c.d')).toBeNull();
    expect(verifyUnsubscribeToken(key, '')).toBeNull();
  });
});
