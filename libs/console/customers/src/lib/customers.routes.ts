import { Routes } from '@angular/router';
import { roleGuard } from '@mini-crm/console/core';
import type { RoleRouteData } from '@mini-crm/console/core';
import { CustomersPageComponent } from './list/customers-page.component';

const writers: RoleRouteData = { roles: ['admin', 'marketer'] };

/** Mounted under `/customers`. */
export const customersRoutes: Routes = [
  // The landing page: in this lib's chunk itself, so /customers costs one lazy fetch, not two in a row.
  { path: '', component: CustomersPageComponent },
  {
    path: 'new',
    title: 'New customer',
    canActivate: [roleGuard],
    data: writers,
    loadComponent: () => import('./form/customer-form-page.component').then((m) => m.CustomerFormPageComponent),
  },
  {
    path: ':id',
    title: 'Customer',
    loadComponent: () => import('./detail/customer-detail-page.component').then((m) => m.CustomerDetailPageComponent),
  },
  {
    path: ':id/edit',
    title: 'Edit customer',
    canActivate: [roleGuard],
    data: writers,
    loadComponent: () => import('./form/customer-form-page.component').then((m) => m.CustomerFormPageComponent),
  },
];
