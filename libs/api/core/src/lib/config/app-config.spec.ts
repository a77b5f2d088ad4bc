import { ConfigError, loadConfig } from './app-config';

describe('app config: WORKERS_IN_API, the one switch for consuming queues', () => {
  const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

  it('consumes by default; false makes the process enqueue only', () => {
    expect(load({}).consumeQueues).toBe(true);
    expect(load({ WORKERS_IN_API: 'false' }).consumeQueues).toBe(false);
  });

  it('a bad value throws a ConfigError naming it', () => {
    expect(() => load({ WORKERS_IN_API: 'maybe' })).toThrow(ConfigError);
    expect(() => load({ WORKERS_IN_API: 'maybe' })).toThrow('WORKERS_IN_API');
  });
});

describe('app config: HOST', () => {
  const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

  it('binds every interface by default, but only loopback while dev sign-in is on, unless HOST is set', () => {
    expect(load({}).host).toBe('0.0.0.0');
    expect(load({ AUTH_DEV_LOGIN: 'true' }).host).toBe('127.0.0.1');
    expect(load({ AUTH_DEV_LOGIN: 'true', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('app config: who may sign in', () => {
  const base = { NODE_ENV: 'test' };

  it('defaults to no allowed domains and approval; parses a case-insensitive comma list', () => {
    expect(loadConfig(base).auth).toMatchObject({ allowedEmailDomains: [], signup: 'approval' });
    const auth = loadConfig({
      ...base,
      ALLOWED_EMAIL_DOMAINS: ' Acme.COM, @acme.in ,,',
      SIGNUP: 'closed',
      BOOTSTRAP_ADMIN_EMAIL: 'Boss@Acme.com',
    }).auth;
    expect(auth).toMatchObject({
      allowedEmailDomains: ['acme.com', 'acme.in'],
      signup: 'closed',
      bootstrapAdminEmail: 'boss@acme.com',
    });
  });

  it('a bad SIGNUP throws a ConfigError naming it', () => {
    expect(() => loadConfig({ ...base, SIGNUP: 'open' })).toThrow(/SIGNUP must be one of approval, closed/);
  });
});
