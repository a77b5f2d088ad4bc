import { DiscoveryModule, DiscoveryService, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Controller, Get, Module, Sse, UseInterceptors } from '@nestjs/common';
import { of } from 'rxjs';
import { Can, ContactMaskInterceptor, RoutePolicyCheck, routePolicies } from '@mini-crm/api/core';
import { startTestApp, TestApp } from '@mini-crm/api/testing';

/** Deny-by-default cannot silently erode: every route must say @Can(action) or @Public(). */
describe('route policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ driver: 'pglite' });
  });
  afterAll(async () => t?.close());

  it('every controller method carries @Can(action) or @Public()', () => {
    const routes = routePolicies(t.app.get(DiscoveryService, { strict: false }));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.policy === null)).toEqual([]);
    expect(routes.filter((r) => r.unmaskedStream)).toEqual([]);
  });

  it('an event stream without contact masking refuses to start; with it, the app starts', async () => {
    @Controller('streams')
    class StreamsController {
      @Sse('bare')
      @Can('customers.read')
      bare() {
        return of({ data: { email: 'asha@example.com' } });
      }
    }
    @Controller('masked')
    class MaskedController {
      @Sse('events')
      @Can('customers.read')
      @UseInterceptors(ContactMaskInterceptor)
      events() {
        return of({ data: { email: 'asha@example.com' } });
      }
    }
    const start = async (controller: new () => unknown) => {
      @Module({ imports: [DiscoveryModule], controllers: [controller], providers: [RoutePolicyCheck] })
      class StreamModule {}
      const app = await NestFactory.create(StreamModule, new FastifyAdapter(), { logger: false });
      try {
        await app.init();
      } finally {
        await app.close();
      }
    };
    await expect(start(StreamsController)).rejects.toThrow(
      /Server-sent event routes without @UseInterceptors\(ContactMaskInterceptor\): StreamsController\.bare/,
    );
    await expect(start(MaskedController)).resolves.toBeUndefined();
  });

  it('an app with a route that says neither refuses to start', async () => {
    @Controller('unguarded')
    class UnguardedController {
      @Get()
      open(): string {
        return 'nobody decided who may read this';
      }
    }
    @Module({ imports: [DiscoveryModule], controllers: [UnguardedController], providers: [RoutePolicyCheck] })
    class UnguardedModule {}
    const app = await NestFactory.create(UnguardedModule, new FastifyAdapter(), { logger: false });
    await expect(app.init()).rejects.toThrow(/Routes without @Can\(action\) or @Public\(\).*UnguardedController\.open/);
    await app.close();
  });

  it('unknown routes answer the error shape', async () => {
    const res = await t.request('GET', '/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
