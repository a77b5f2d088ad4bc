import { Route } from '@angular/router';
import { pendingGuard, roleGuard, signedInGuard, signedOutGuard } from '@mini-crm/console/core';
import type { RoleRouteData } from '@mini-crm/console/core';
import { customersRoutes } from '@mini-crm/console/customers';
import {
  ShellLayoutComponent,
  loadAuthCallbackPage,
  loadSignInPage,
  loadWaitingApprovalPage,
} from '@mini-crm/console/shell';

/**
 * Pages inside the signed-in shell. Each feature lazily loads its lib's routes, except the customer
 * list: it is the landing page, so it is in the first bundle (a lazy chunk would be fetched and run
 * only after bootstrap, one more round trip before the list request can even start; ≈ 18 KB brotli).
 * A new feature gets a `loadChildren` here and its link in MAIN_NAV in @mini-crm/console/shell.
 */
const featureRoutes: Route[] = [
  {
    path: 'customers',
    title: 'Customers',
    children: customersRoutes,
  },
  {
    path: 'imports',
    title: 'Imports',
    loadChildren: () => import('@mini-crm/console/imports').then((m) => m.importsRoutes),
  },
  {
    path: 'segments',
    title: 'Segments',
    loadChildren: () => import('@mini-crm/console/segments').then((m) => m.segmentsRoutes),
  },
  {
    path: 'campaigns',
    title: 'Campaigns',
    loadChildren: () => import('@mini-crm/console/campaigns').then((m) => m.campaignsRoutes),
  },
  {
    path: 'analytics',
    title: 'Analytics',
    loadChildren: () => import('@mini-crm/console/analytics').then((m) => m.analyticsRoutes),
  },
  {
    path: 'admin',
    canActivate: [roleGuard],
    data: { roles: ['admin'] } satisfies RoleRouteData,
    loadChildren: () => import('@mini-crm/console/admin').then((m) => m.adminRoutes),
  },
];

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: loadSignInPage,
  },
  {
    path: 'auth/callback',
    title: 'Signing in',
    loadComponent: loadAuthCallbackPage,
  },
  {
    path: 'waiting',
    title: 'Waiting for approval',
    canActivate: [pendingGuard],
    loadComponent: loadWaitingApprovalPage,
  },
  {
    path: '',
    // In the first bundle: every signed-in page needs the frame, and a lazy one would add a round trip
    // (fetch, then parse) before the page's own chunk is even requested.
    component: ShellLayoutComponent,
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    children: [{ path: '', pathMatch: 'full', redirectTo: 'customers' }, ...featureRoutes],
  },
  { path: '**', redirectTo: '' },
];
