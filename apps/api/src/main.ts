import 'reflect-metadata';
import { ConfigError, ensureRedis, loadConfig } from '@mini-crm/api/core';
import { createApp } from '@mini-crm/api/bootstrap';

async function bootstrap() {
  let config;
  try {
    config = loadConfig();
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
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  console.log(`Mini CRM listening on ${config.publicUrl} (console at /, API at /api, docs at /api/docs)`);
}

bootstrap().catch((e) => {
  console.error(e);
  process.exit(1);
});
