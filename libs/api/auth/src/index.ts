export * from './lib/auth.module';
export * from './lib/tokens.service';
export * from './lib/api-keys/api-keys.module';
export * from './lib/api-keys/api-key-authenticator';
