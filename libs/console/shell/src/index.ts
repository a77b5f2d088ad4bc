export * from './lib/auth-pages';
export * from './lib/layout/nav-items';
export * from './lib/layout/shell-layout.component';
export * from './lib/layout/user-menu.component';
export * from './lib/placeholder/placeholder-page.component';
export * from './lib/placeholder/placeholder.routes';
