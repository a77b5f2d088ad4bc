import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TrackingRoutes } from '@mini-crm/api/tracking';
import { requestIdFor } from '@mini-crm/api/core';
import { AppModule, AppModuleOptions } from './app.module';
import { configureApp } from './configure-app';
import { FrontDoor } from './front-door';
import { loadBodyLimits } from './body-limits';
import { frameworkErrors } from './framework-errors';

/** Builds the whole API (not yet listening): used by main.ts and by every API test. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const frontDoor = new FrontDoor();
  const adapter = new FastifyAdapter({
    bodyLimit: loadBodyLimits(options.config).bodyBytes,
    trustProxy: true,
    genReqId: requestIdFor as never,
    serverFactory: frontDoor.serverFactory as never,
    frameworkErrors: frameworkErrors as never,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    rawBody: true,
  });
  const rateLimits = await configureApp(app, options.config);
  // Tracked links and the open pixel live at the root (`/r/<code>`, `/o/<code>.gif`: short URLs for SMS).
  const tracking = app.get(TrackingRoutes);
  if (rateLimits) tracking.useLimits(rateLimits.trackingLimits);
  frontDoor.use(tracking.handle);
  return app;
}
