import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ModuleMetadata } from '@nestjs/common';
import type { DbDriver } from '@mini-crm/db';
import { loadConfig, AppConfig } from '@mini-crm/api/core';
import { closeGracefully, createApp } from '@mini-crm/api/bootstrap';

/** How long a test app's in-flight requests and jobs may run when it closes before they are cut. */
const TEST_DRAIN_MS = 10_000;
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  baseUrl: string;
  /** fetch against the app; JSON bodies are serialised, `token` becomes a bearer header. */
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: BodyInit },
  ): Promise<TestResponse>;
  /** Dev sign-in; answers the tokens. */
  login(
    email: string,
    name?: string,
  ): Promise<{ accessToken: string; refreshToken: string; user: { id: string; role: string; email: string } }>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

/** The whole API on a real port, over a fresh database and its own Redis key prefix. */
export async function startTestApp(options: {
  driver: DbDriver;
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
  /** Another app's database: two API processes over one database (the first app's close drops it). */
  database?: TestDatabase;
}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase(options.driver));
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_DEV_LOGIN: 'true',
    // Google sign-ins of test accounts (@example.com) are admitted as viewers; other domains land pending.
    ALLOWED_EMAIL_DOMAINS: 'example.com',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `crmtest-${randomBytes(5).toString('hex')}`,
    DATA_DIR: `/tmp/crm-test-${randomBytes(5).toString('hex')}`,
    PUBLIC_URL: 'http://127.0.0.1',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    // Every test comes from 127.0.0.1 and signs in often; the rate-limit tests turn limits on.
    RATE_LIMIT_ENABLED: 'false',
    ...options.env,
  });
  const app = await createApp({ config, db: db.handle, imports: options.imports });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const request = requester(baseUrl);

  return {
    app,
    config,
    db,
    baseUrl,
    request,
    async login(email, name) {
      const res = await request('POST', '/api/auth/dev-login', { body: { email, name } });
      if (res.status !== 200) throw new Error(`dev-login failed: ${res.status} ${res.text}`);
      return res.body;
    },
    async close() {
      await closeGracefully(app, TEST_DRAIN_MS);
      if (!options.database) await db.drop();
    },
  };
}

/**
 * A second API instance on `t`'s database and Redis prefix (another process, as far as the app
 * can tell: nothing in memory is shared), for proving that a change made through one reaches the other.
 */
export async function startPeerApp(t: TestApp): Promise<Pick<TestApp, 'app' | 'baseUrl' | 'request' | 'close'>> {
  const app = await createApp({ config: t.config, db: t.db.handle });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    app,
    baseUrl,
    request: requester(baseUrl),
    close: () => closeGracefully(app, TEST_DRAIN_MS).then(() => undefined),
  };
}

/** TestApp's `request` against any base URL (a built server, a worker process). */
export function requester(baseUrl: string): TestApp['request'] {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: BodyInit | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}
