import { redactSecrets } from './redact-secrets';

describe('redactSecrets: audit diffs never store a secret', () => {
  it('redacts secret-looking keys at any depth, whatever their spelling', () => {
    const diff = {
      role: { from: 'viewer', to: 'marketer' },
      webhook: { signing_secret: 's3cr3t', 'api-key': 'k', apiKey: 'k2', nested: [{ refreshToken: 't' }] },
      password: 'p',
      tokenHash: 'h',
      at: new Date(0),
    };
    expect(redactSecrets(diff)).toEqual({
      role: { from: 'viewer', to: 'marketer' },
      webhook: {
        signing_secret: '[redacted]',
        'api-key': '[redacted]',
        apiKey: '[redacted]',
        nested: [{ refreshToken: '[redacted]' }],
      },
      password: '[redacted]',
      tokenHash: '[redacted]',
      at: new Date(0),
    });
    expect(diff.password).toBe('p'); // a copy: the caller's object is untouched
  });

  it('keeps ordinary fields, including ones that merely contain a secret word', () => {
    expect(redactSecrets({ tokens: 3, secretary: 'Asha', hashPrefix: 'ab12' })).toEqual({
      tokens: 3,
      secretary: 'Asha',
      hashPrefix: 'ab12',
    });
  });
});
