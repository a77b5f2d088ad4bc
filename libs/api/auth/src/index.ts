export * from './lib/auth.module';
export * from './lib/tokens.service';
