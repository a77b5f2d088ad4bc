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

describe('app config: Redis Cluster and shutdown', () => {
  const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

  it('one server by default; REDIS_CLUSTER_NODES lists a cluster, credentials and TLS from REDIS_URL', () => {
    expect(load({}).redisCluster).toBeUndefined();
    const c = load({
      REDIS_URL: 'rediss://app:s3cret@10.0.0.1:6380',
      REDIS_CLUSTER_NODES: ' 10.0.0.1:7000,[::1]:7001 ,',
    });
    expect(c.redisCluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
      ],
    });
    expect(c.redisUrl).toBe('rediss://app:s3cret@10.0.0.1:6380');
  });

  it('a redis+cluster:// URL names the seed nodes; its credentials stay in redisUrl', () => {
    const c = load({ REDIS_URL: 'redis+cluster://:pw@r1:7000,r2:7001/' });
    expect(c.redisCluster?.nodes).toEqual([
      { host: 'r1', port: 7000 },
      { host: 'r2', port: 7001 },
    ]);
    expect(c.redisUrl).toBe('redis://:pw@r1:7000');
  });

  it('a node without a port, or a bad port, throws a ConfigError naming the variable (and never the password)', () => {
    expect(() => load({ REDIS_CLUSTER_NODES: 'r1' })).toThrow('REDIS_CLUSTER_NODES');
    expect(() => load({ REDIS_CLUSTER_NODES: 'r1:70000' })).toThrow(ConfigError);
    expect(() => load({ REDIS_URL: 'redis+cluster://:hunter2@r1' })).toThrow(/REDIS_URL/);
    expect(() => load({ REDIS_URL: 'redis+cluster://:hunter2@r1' })).not.toThrow(/hunter2/);
  });

  it('SHUTDOWN_TIMEOUT_MS: 25 s by default, an integer of milliseconds', () => {
    expect(load({}).shutdownTimeoutMs).toBe(25_000);
    expect(load({ SHUTDOWN_TIMEOUT_MS: '500' }).shutdownTimeoutMs).toBe(500);
    expect(() => load({ SHUTDOWN_TIMEOUT_MS: '5s' })).toThrow('SHUTDOWN_TIMEOUT_MS');
  });
});
