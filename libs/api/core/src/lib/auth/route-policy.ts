import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { isPermission } from '@mini-crm/contracts';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from './auth.decorators';
import { ContactMaskInterceptor } from '../http/contact-mask';

export interface RoutePolicy {
  route: string;
  /** The permission-table action, 'public', or null when the route says neither (a defect). */
  policy: string | null;
  /** A server-sent event route without ContactMaskInterceptor (a defect: its events would reach viewers unmasked). */
  unmaskedStream: boolean;
}

/** Every controller route and what guards it, read from the decorators. */
export function routePolicies(discovery: DiscoveryService): RoutePolicy[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const out: RoutePolicy[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance) continue;
    const proto = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const targets = [handler, wrapper.metatype as never];
      const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets);
      const action = reflector.getAllAndOverride<string>(PERMISSION_KEY, targets);
      out.push({
        route: `${wrapper.name}.${name} (${Reflect.getMetadata(PATH_METADATA, handler)})`,
        policy: isPublic ? 'public' : isPermission(action) ? action : null,
        unmaskedStream:
          Reflect.getMetadata(SSE_METADATA, handler) === true &&
          !targets.some((t) => (Reflect.getMetadata(INTERCEPTORS_METADATA, t) ?? []).includes(ContactMaskInterceptor)),
      });
    }
  }
  return out;
}

/**
 * Deny by default, enforced at start: a route with neither @Can(action) nor @Public(), or a server-sent
 * event route without contact masking, stops the app.
 */
@Injectable()
export class RoutePolicyCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const routes = routePolicies(this.discovery);
    const missing = routes.filter((r) => r.policy === null);
    if (missing.length)
      throw new Error(
        `Routes without @Can(action) or @Public() (add them to the permission table): ${missing.map((r) => r.route).join(', ')}`,
      );
    const unmasked = routes.filter((r) => r.unmaskedStream);
    if (unmasked.length)
      throw new Error(
        `Server-sent event routes without @UseInterceptors(ContactMaskInterceptor): ${unmasked.map((r) => r.route).join(', ')}`,
      );
  }
}
