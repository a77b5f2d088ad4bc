import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { productionSecretProblems } from './production-secrets';

/** A bad or missing setting: the message names the variable. */
export class ConfigError extends Error {}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  dbPoolSize: number;
  statementTimeoutMs: number;
  /** One server's URL; with a cluster, its credentials and TLS (`rediss:`) apply to every node. */
  redisUrl: string;
  /** REDIS_CLUSTER_NODES or a `redis+cluster://h1:p1,h2:p2` REDIS_URL: connect to a Redis Cluster (seed nodes). */
  redisCluster?: { nodes: { host: string; port: number }[] };
  redisPrefix: string;
  logLevel: string;
  corsOrigins: string[];
  consoleDir?: string;
  auth: {
    jwtSecret: string;
    accessTtlSeconds: number;
    refreshTtlDays: number;
    devLogin: boolean;
    /** Who may sign in (docs/security/sign-in.md). Lower-cased domains, e.g. `example.com`. */
    allowedEmailDomains: string[];
    /** approval: strangers land as pending; closed: strangers are refused. */
    signup: 'approval' | 'closed';
    /** This email signing in becomes admin (the only way to a first admin through Google). Lower-cased. */
    bootstrapAdminEmail?: string;
    google: {
      clientId?: string;
      clientSecret?: string;
      callbackUrl: string;
      authorizationUrl: string;
      tokenUrl: string;
      userInfoUrl: string;
      jwksUrl: string;
      issuers: string[];
    };
    consoleUrl: string;
  };
  /** Defaults for imported data, and how values are shown in messages (`locale`: BCP 47). */
  defaults: { country: string; currency: string; locale: string };
  /** WORKERS_IN_API: this process runs queue processors (apps/worker always sets it); false = enqueue only. */
  consumeQueues: boolean;
  /** SHUTDOWN_TIMEOUT_MS: after SIGTERM, how long in-flight requests and jobs may run before they are interrupted. */
  shutdownTimeoutMs: number;
  /** Raw environment for feature modules that read their own settings through `readEnv`. */
  env: Record<string, string | undefined>;
}

type Env = Record<string, string | undefined>;

export function readString(env: Env, name: string, fallback?: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

export function readInt(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function readNumber(env: Env, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return n;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function readUrl(
  env: Env,
  name: string,
  fallback?: string,
  protocols = ['http:', 'https:'],
): string | undefined {
  const raw = readString(env, name, fallback);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${redactUrl(raw)}"`);
  }
  if (!protocols.includes(url.protocol))
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  return raw;
}

export function readEnum<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw))
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

/**
 * REDIS_URL (`redis://`, `rediss://`, or `redis+cluster://[user:pass@]h1:p1,h2:p2` for a cluster) and
 * REDIS_CLUSTER_NODES (`h1:p1,h2:p2`: a cluster, with REDIS_URL's credentials and TLS).
 */
function readRedisTarget(env: Env): Pick<AppConfig, 'redisUrl' | 'redisCluster'> {
  const raw = readString(env, 'REDIS_URL', 'redis://127.0.0.1:6379') as string;
  const clusterUrl = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/.exec(raw);
  let redisUrl: string;
  let nodes: { host: string; port: number }[] | undefined;
  if (clusterUrl) {
    nodes = readNodes('REDIS_URL', clusterUrl[3]);
    redisUrl = `${clusterUrl[1]}://${clusterUrl[2] ? `${clusterUrl[2]}@` : ''}${clusterUrl[3].split(',')[0].trim()}`;
  } else {
    redisUrl = readUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) as string;
  }
  const listed = readString(env, 'REDIS_CLUSTER_NODES');
  if (listed) nodes = readNodes('REDIS_CLUSTER_NODES', listed);
  return { redisUrl, redisCluster: nodes ? { nodes } : undefined };
}

function readNodes(name: string, list: string): { host: string; port: number }[] {
  const nodes = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$/.exec(s);
      const port = m ? Number(m[2]) : 0;
      if (!m || port < 1 || port > 65535)
        throw new ConfigError(
          `${name} must list cluster nodes as host:port separated by commas, got "${redactUrl(s)}"`,
        );
      return { host: m[1].replace(/^\[|\]$/g, ''), port };
    });
  if (!nodes.length) throw new ConfigError(`${name} names no cluster node`);
  return nodes;
}

function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^@/]*)@/, '//***@');
}

function isSupportedLocale(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length === 1;
  } catch {
    return false;
  }
}

/** Dev convenience: a random secret persisted in DATA_DIR so tokens survive restarts. Production must set JWT_SECRET. */
function devJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = readEnum(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(readString(env, 'DATA_DIR', './.data') as string);
  const publicUrl = (readUrl(env, 'PUBLIC_URL', `http://localhost:${port || 3000}`) as string).replace(/\/$/, '');
  const databaseUrl = readUrl(env, 'DATABASE_URL', undefined, ['postgres:', 'postgresql:']);
  const { redisUrl, redisCluster } = readRedisTarget(env);

  if (nodeEnv === 'production') {
    // Fail fast, naming every missing or published secret at once (feature modules re-read them).
    const problems = productionSecretProblems(env);
    if (problems.length) throw new ConfigError(problems.join('; '));
  }
  let jwtSecret = readString(env, 'JWT_SECRET');
  if (!jwtSecret) {
    if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
    jwtSecret = nodeEnv === 'test' ? randomBytes(32).toString('hex') : devJwtSecret(dataDir);
  } else if (jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  const devLogin = readBool(env, 'AUTH_DEV_LOGIN', false);
  if (devLogin && nodeEnv === 'production')
    throw new ConfigError('AUTH_DEV_LOGIN cannot be enabled when NODE_ENV=production');
  // Dev sign-in lets anyone sign in as any email: only this machine may reach it unless HOST says otherwise.
  const host = readString(env, 'HOST', devLogin ? '127.0.0.1' : '0.0.0.0') as string;

  const googleBase = 'https://accounts.google.com';
  const country = (readString(env, 'DEFAULT_COUNTRY', 'IN') as string).toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    throw new ConfigError(`DEFAULT_COUNTRY must be an ISO 3166 alpha-2 code, got "${country}"`);
  const currency = (readString(env, 'DEFAULT_CURRENCY', 'INR') as string).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw new ConfigError(`DEFAULT_CURRENCY must be an ISO 4217 code, got "${currency}"`);
  const locale = readString(env, 'DEFAULT_LOCALE', 'en-IN') as string;
  if (!isSupportedLocale(locale))
    throw new ConfigError(`DEFAULT_LOCALE must be a BCP 47 locale this runtime formats (e.g. en-IN), got "${locale}"`);

  return {
    nodeEnv,
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    dbPoolSize: readInt(env, 'DB_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: readInt(env, 'DB_STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
    redisUrl,
    redisCluster,
    redisPrefix: readString(env, 'REDIS_PREFIX', 'crm') as string,
    logLevel: readEnum(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    corsOrigins: (readString(env, 'CORS_ORIGINS', '') as string)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    consoleDir: readString(env, 'CONSOLE_DIR'),
    auth: {
      jwtSecret,
      accessTtlSeconds: readInt(env, 'JWT_ACCESS_TTL_SECONDS', 900, 30, 86400),
      refreshTtlDays: readInt(env, 'JWT_REFRESH_TTL_DAYS', 30, 1, 365),
      devLogin,
      allowedEmailDomains: (readString(env, 'ALLOWED_EMAIL_DOMAINS', '') as string)
        .split(',')
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter(Boolean),
      signup: readEnum(env, 'SIGNUP', ['approval', 'closed'] as const, 'approval'),
      bootstrapAdminEmail: readString(env, 'BOOTSTRAP_ADMIN_EMAIL')?.toLowerCase(),
      google: {
        clientId: readString(env, 'GOOGLE_CLIENT_ID'),
        clientSecret: readString(env, 'GOOGLE_CLIENT_SECRET'),
        callbackUrl: readUrl(env, 'GOOGLE_CALLBACK_URL', `${publicUrl}/api/auth/google/callback`) as string,
        authorizationUrl: readUrl(env, 'GOOGLE_AUTH_URL', `${googleBase}/o/oauth2/v2/auth`) as string,
        tokenUrl: readUrl(env, 'GOOGLE_TOKEN_URL', 'https://oauth2.googleapis.com/token') as string,
        userInfoUrl: readUrl(env, 'GOOGLE_USERINFO_URL', 'https://openidconnect.googleapis.com/v1/userinfo') as string,
        jwksUrl: readUrl(env, 'GOOGLE_JWKS_URL', 'https://www.googleapis.com/oauth2/v3/certs') as string,
        issuers: (readString(env, 'GOOGLE_ISSUER', 'https://accounts.google.com,accounts.google.com') as string)
          .split(',')
          .map((s) => s.trim()),
      },
      consoleUrl: (readString(env, 'CONSOLE_URL', publicUrl) as string).replace(/\/$/, ''),
    },
    defaults: { country, currency, locale },
    consumeQueues: readBool(env, 'WORKERS_IN_API', true),
    shutdownTimeoutMs: readInt(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, 0, 3_600_000),
    env: { ...env },
  };
}
