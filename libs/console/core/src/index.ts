export * from './lib/api/api-url.util';
export * from './lib/auth/auth-session.util';
export * from './lib/auth/single-flight.util';
export * from './lib/auth/auth.service';
export * from './lib/auth/auth.interceptor';
export * from './lib/auth/auth.guards';
export * from './lib/routing/return-url.util';
export * from './lib/routing/crm-title.strategy';
