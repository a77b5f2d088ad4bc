import { principalOf } from './principal';

describe('principalOf', () => {
  it('names an API key by its id, a signed-in user by theirs, so the two never share a budget', () => {
    const id = '0190a1b2-0000-7000-8000-000000000001';
    expect(principalOf({ id })).toBe(`user:${id}`);
    expect(principalOf({ id, apiKeyId: 'k1' })).toBe('key:k1');
    expect(principalOf({ id: 'k1' })).not.toBe(principalOf({ id, apiKeyId: 'k1' }));
  });
});
