export * from './lib/layout/nav-items';
export * from './lib/layout/shell-layout.component';
export * from './lib/layout/user-menu.component';
export * from './lib/sign-in/google-identity.service';
export * from './lib/sign-in/sign-in-page.component';
export * from './lib/auth-callback/auth-callback-page.component';
export * from './lib/placeholder/placeholder-page.component';
export * from './lib/placeholder/placeholder.routes';
