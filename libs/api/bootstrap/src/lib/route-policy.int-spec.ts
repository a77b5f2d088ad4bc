import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC_KEY, ROLES_KEY } from '@mini-crm/api/core';
import { startTestApp, TestApp } from '@mini-crm/api/testing';

/** Deny-by-default cannot silently erode: every route must say @Roles(...) or @Public(). */
describe('route policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ driver: 'pglite', imports: [DiscoveryModule] });
  });
  afterAll(async () => t?.close());

  it('every controller method carries @Roles or @Public', () => {
    const discovery = t.app.get(DiscoveryService, { strict: false });
    const scanner = new MetadataScanner();
    const reflector = new Reflector();
    const routes: string[] = [];
    const missing: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const route = `${wrapper.name}.${name} (${Reflect.getMetadata(PATH_METADATA, handler)})`;
        routes.push(route);
        const isPublic = reflector.getAllAndOverride(IS_PUBLIC_KEY, [handler, wrapper.metatype as never]);
        const roles = reflector.getAllAndOverride(ROLES_KEY, [handler, wrapper.metatype as never]);
        if (!isPublic && !(Array.isArray(roles) && roles.length > 0)) missing.push(route);
      }
    }
    expect(routes.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('unknown routes answer the error shape', async () => {
    const res = await t.request('GET', '/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
