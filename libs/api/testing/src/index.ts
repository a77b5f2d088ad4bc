export * from './lib/test-database';
export * from './lib/test-app';
export * from './lib/oauth-stub';
export * from './lib/processes';
export * from './lib/team-tokens';
export * from './lib/wait-until';
export * from './lib/google-sign-in';
export * from './lib/permission-matrix';
