import { Routes } from '@angular/router';

/** Mounted under `/admin` behind the admin role guard. */
export const adminRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'users',
    title: 'Users',
    loadComponent: () => import('./users/users-page.component').then((m) => m.UsersPageComponent),
  },
  {
    path: 'api-keys',
    title: 'API keys',
    loadComponent: () => import('./api-keys/api-keys-page.component').then((m) => m.ApiKeysPageComponent),
  },
  {
    path: 'settings',
    title: 'Settings',
    loadComponent: () => import('./settings/settings-page.component').then((m) => m.SettingsPageComponent),
  },
  {
    path: 'webhooks',
    title: 'Webhooks',
    loadComponent: () => import('./webhooks/webhooks-page.component').then((m) => m.WebhooksPageComponent),
  },
  {
    path: 'audit',
    title: 'Audit log',
    loadComponent: () => import('./audit/audit-page.component').then((m) => m.AuditPageComponent),
  },
];
