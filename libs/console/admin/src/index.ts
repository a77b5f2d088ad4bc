export * from './lib/admin.routes';
export * from './lib/users/users-api.service';
export * from './lib/audit/audit-api.service';
export * from './lib/audit/audit-format.util';
export * from './lib/api-keys/api-keys-api.service';
