import { join } from 'node:path';
import { ConfigError, DataDirLockedError, ensureRedis, loadConfig, lockDataDir } from '@mini-crm/api/core';
import { createApp } from './create-app';
import { createWorkerApp } from './create-worker-app';
import { exitGracefullyOnSignals } from './graceful-shutdown';

/**
 * The whole start of a process: configuration (exit 78 on a bad setting), Redis (exit 69 when
 * none answers and none can be started; production never starts one), the embedded database's
 * lock (exit 73 when another process holds DATA_DIR), the Nest app, then listening on PORT; SIGTERM
 * or SIGINT then shuts it down gracefully within SHUTDOWN_TIMEOUT_MS and exits 0.
 * `api` serves the API and the console; `worker` only consumes the queues (apps/worker).
 */
export async function runServer(role: 'api' | 'worker'): Promise<void> {
  const env = role === 'worker' ? { ...process.env, WORKERS_IN_API: 'true' } : process.env;
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) exitWith(78, `Configuration error: ${e.message}`);
    throw e;
  }
  // A cluster is never started for us: ioredis connects to its nodes (and keeps retrying) itself.
  if (!config.redisCluster) {
    try {
      await ensureRedis(config.redisUrl, (m) => console.log(m), { allowStart: config.nodeEnv !== 'production' });
    } catch (e) {
      exitWith(69, (e as Error).message);
    }
  }
  // PGlite is single-process: a second process on the same DATA_DIR would corrupt it (exit 73, naming the holder).
  if (!config.databaseUrl) {
    try {
      lockDataDir(join(config.dataDir, 'pg'));
    } catch (e) {
      if (e instanceof DataDirLockedError) exitWith(73, e.message);
      throw e;
    }
  }
  let app;
  try {
    app = role === 'worker' ? await createWorkerApp({ config }) : await createApp({ config });
  } catch (e) {
    // Feature modules read their own settings while the app is built (e.g. DELIVERY_*).
    if (e instanceof ConfigError) exitWith(78, `Configuration error: ${e.message}`);
    throw e;
  }
  await app.listen(config.port, config.host);
  exitGracefullyOnSignals(app, config.shutdownTimeoutMs);
  if (config.auth.devLogin)
    console.log(
      `Dev sign-in is ON (anyone who reaches ${config.host}:${config.port} can sign in as any email)` +
        (process.env['HOST'] ? '' : ': listening on loopback only; set HOST to expose it'),
    );
  console.log(
    role === 'worker'
      ? `Mini CRM worker consuming the queues (health at ${config.publicUrl}/api/health)`
      : `Mini CRM listening on ${config.publicUrl} (console at /, API at /api, docs at /api/docs)`,
  );
}

function exitWith(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}
