import { Routes } from '@angular/router';
import { roleGuard } from '@mini-crm/console/core';
import type { RoleRouteData } from '@mini-crm/console/core';

/** Mounted under `/imports`: history for everyone, the wizard for those who may write. */
export const importsRoutes: Routes = [
  { path: '', loadComponent: () => import('./history/imports-page.component').then((m) => m.ImportsPageComponent) },
  {
    path: 'new',
    title: 'Import CSV',
    canActivate: [roleGuard],
    data: { roles: ['admin', 'marketer'] } satisfies RoleRouteData,
    loadComponent: () => import('./wizard/import-wizard-page.component').then((m) => m.ImportWizardPageComponent),
  },
  {
    path: ':id',
    title: 'Import',
    loadComponent: () => import('./job/import-job-page.component').then((m) => m.ImportJobPageComponent),
  },
];
