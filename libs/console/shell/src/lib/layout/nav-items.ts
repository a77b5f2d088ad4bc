import type { Role } from '@mini-crm/contracts';

export interface NavItem {
  label: string;
  icon: string;
  path: string;
  /** `data-testid` of the link. */
  testId: string;
  /** Who sees the link; everyone signed in when absent. */
  roles?: readonly Role[];
}

/** Main navigation, in display order. A new feature adds its entry here and its route in the app. */
export const MAIN_NAV: readonly NavItem[] = [
  { label: 'Customers', icon: 'people', path: '/customers', testId: 'nav-customers' },
  { label: 'Imports', icon: 'upload_file', path: '/imports', testId: 'nav-imports' },
  { label: 'Segments', icon: 'filter_alt', path: '/segments', testId: 'nav-segments' },
  { label: 'Campaigns', icon: 'campaign', path: '/campaigns', testId: 'nav-campaigns' },
  { label: 'Analytics', icon: 'insights', path: '/analytics', testId: 'nav-analytics' },
];

export const ADMIN_NAV: readonly NavItem[] = [
  { label: 'Users', icon: 'manage_accounts', path: '/admin/users', testId: 'nav-admin-users', roles: ['admin'] },
  { label: 'API keys', icon: 'key', path: '/admin/api-keys', testId: 'nav-admin-api-keys', roles: ['admin'] },
  { label: 'Audit log', icon: 'history', path: '/admin/audit', testId: 'nav-admin-audit', roles: ['admin'] },
  { label: 'Webhooks', icon: 'webhook', path: '/admin/webhooks', testId: 'nav-admin-webhooks', roles: ['admin'] },
  { label: 'Settings', icon: 'tune', path: '/admin/settings', testId: 'nav-admin-settings', roles: ['admin'] },
];
