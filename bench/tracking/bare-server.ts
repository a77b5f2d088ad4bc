/** The baseline: a bare Fastify server answering 302 on `/r/:code`, nothing else. Prints its URL. */
import Fastify from 'fastify';

async function main() {
  const app = Fastify({ logger: false });
  app.get('/r/:code', (_req, reply) => {
    reply
      .code(302)
      .header('location', 'https://shop.example.com/sale?a=1&b=2')
      .header('cache-control', 'no-store')
      .send();
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`bare listening on ${url}`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
