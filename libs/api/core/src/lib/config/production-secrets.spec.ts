import { ConfigError, loadConfig } from './app-config';
import { productionSecretProblems } from './production-secrets';

const strong = (c: string) => `${c}9f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8`;
const good = {
  JWT_SECRET: strong('a'),
  VENDOR_WEBHOOK_SECRET: strong('b'),
  SUPPRESSION_SECRET: strong('c'),
  WEBHOOK_ENCRYPTION_KEY: strong('d'),
};

describe('production secrets: fail fast on missing or published values', () => {
  it('accepts long random secrets', () => {
    expect(productionSecretProblems(good)).toEqual([]);
    expect(() => loadConfig({ NODE_ENV: 'production', ...good })).not.toThrow();
  });

  it('names every missing required secret at once', () => {
    expect(productionSecretProblems({})).toEqual([
      'JWT_SECRET is required when NODE_ENV=production',
      'VENDOR_WEBHOOK_SECRET is required when NODE_ENV=production',
      'SUPPRESSION_SECRET is required when NODE_ENV=production',
      'WEBHOOK_ENCRYPTION_KEY is required when NODE_ENV=production',
    ]);
    expect(productionSecretProblems({ ...good, JWT_SECRET: '   ' })).toEqual([
      'JWT_SECRET is required when NODE_ENV=production',
    ]);
  });

  it('refuses the defaults this repository ever shipped, and short or trivial values', () => {
    for (const v of ['dev-vendor-secret', 'change-me-vendor-secret', 'CHANGEME', 'secret', 'x'.repeat(40)])
      expect(productionSecretProblems({ ...good, VENDOR_WEBHOOK_SECRET: v })).toEqual([
        'VENDOR_WEBHOOK_SECRET is a known default value; set a random secret',
      ]);
    expect(productionSecretProblems({ ...good, VENDOR_WEBHOOK_SECRET: 's3cret-but-short' })).toEqual([
      'VENDOR_WEBHOOK_SECRET must be at least 32 characters',
    ]);
    expect(
      productionSecretProblems({ ...good, SUPPRESSION_SECRET: 'dev-suppression-secret-not-for-production' }),
    ).toEqual(['SUPPRESSION_SECRET is a known default value; set a random secret']);
    expect(productionSecretProblems({ ...good, TRACKING_SECRET: 'change-me-tracking-secret-0123456789' })).toEqual([
      'TRACKING_SECRET is a known default value; set a random secret',
    ]);
  });

  it('loadConfig throws a ConfigError listing the problems in production only', () => {
    const env = { NODE_ENV: 'production', ...good, VENDOR_WEBHOOK_SECRET: 'dev-vendor-secret' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow('VENDOR_WEBHOOK_SECRET is a known default value');
    expect(() => loadConfig({ ...env, NODE_ENV: 'development', DATA_DIR: '/tmp/crm-secrets-spec' })).not.toThrow();
  });
});
