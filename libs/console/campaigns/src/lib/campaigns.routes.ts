import { Routes } from '@angular/router';
import { roleGuard } from '@mini-crm/console/core';
import type { RoleRouteData } from '@mini-crm/console/core';
import { unsavedChangesGuard } from './wizard/unsaved-changes.guard';

/** Mounted under `/campaigns`. */
export const campaignsRoutes: Routes = [
  {
    path: '',
    loadComponent: () => import('./list/campaigns-list-page.component').then((m) => m.CampaignsListPageComponent),
  },
  {
    path: 'new',
    title: 'New campaign',
    canActivate: [roleGuard],
    data: { roles: ['admin', 'marketer'] } satisfies RoleRouteData,
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./wizard/campaign-wizard-page.component').then((m) => m.CampaignWizardPageComponent),
  },
  {
    path: ':id',
    title: 'Campaign',
    loadComponent: () => import('./detail/campaign-page.component').then((m) => m.CampaignPageComponent),
  },
];
