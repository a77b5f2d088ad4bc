import 'reflect-metadata';
import { ConfigError, ensureRedis, loadConfig } from '@mini-crm/api/core';
import { createApp } from '@mini-crm/api/bootstrap';

/** `main.js --worker`: same app, queue processors always on (see docker-compose `worker`). */
const worker = process.argv.includes('--worker');

async function bootstrap() {
  let config;
  try {
    config = loadConfig(worker ? { ...process.env, WORKERS_IN_API: 'true' } : process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  try {
    await ensureRedis(config.redisUrl, (m) => console.log(m));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(69);
  }
  let app;
  try {
    app = await createApp({ config });
  } catch (e) {
    // Feature modules read their own settings while the app is built (e.g. DELIVERY_*).
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  await app.listen(config.port, config.host);
  console.log(worker ? `Mini CRM worker running (health at ${config.publicUrl}/api/health)` : `Mini CRM listening on ${config.publicUrl} (console at /, API at /api, docs at /api/docs)`);
}

bootstrap().catch((e) => {
  console.error(e);
  process.exit(1);
});
