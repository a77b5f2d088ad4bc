/**
 * The baseline: a bare Fastify server answering `GET /api/customers` and `GET /api/health` with the
 * JSON our API answered (read once from BENCH_BARE_JSON), serialized per request, nothing else.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

async function main() {
  const bodies = JSON.parse(readFileSync(process.env['BENCH_BARE_JSON'] as string, 'utf8')) as {
    customers: unknown;
    health: unknown;
  };
  const app = Fastify({ logger: false });
  app.get('/api/customers', async () => bodies.customers);
  app.get('/api/health', async () => bodies.health);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`bare listening on ${url}`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
