import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';

/** What a worker's port answers: health probes and its metrics. */
const WORKER_PATHS = new Set(['/api/health', '/api/health/live', '/api/health/ready', '/api/metrics']);

/**
 * The same Nest modules as the API, run as queue consumers (imports, campaign sends, scheduled
 * launches, the reconciler). Its HTTP port answers only the health checks and metrics, for orchestrators.
 */
export async function createWorkerApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook(
      'onRequest',
      (
        req: { url: string; method: string },
        reply: { code(c: number): { send(b: unknown): void } },
        done: () => void,
      ) => {
        if ((req.method === 'GET' || req.method === 'HEAD') && WORKER_PATHS.has(req.url.split('?')[0])) return done();
        reply.code(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: 'This is a worker process: only GET /api/health(/live|/ready) and /api/metrics are served here',
        });
      },
    );
  return app;
}
