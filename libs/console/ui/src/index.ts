export * from './lib/errors/error-message.util';
export * from './lib/user-avatar/initials.util';
export * from './lib/user-avatar/user-avatar.component';
export * from './lib/empty-state/empty-state.component';
export * from './lib/page-header/page-header.component';
