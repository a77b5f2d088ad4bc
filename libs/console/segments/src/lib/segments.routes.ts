import { Routes } from '@angular/router';

/** Mounted under `/segments`. */
export const segmentsRoutes: Routes = [
  {
    path: '',
    loadComponent: () => import('./list/segments-list-page.component').then((m) => m.SegmentsListPageComponent),
  },
  {
    path: 'new',
    title: 'New segment',
    loadComponent: () => import('./builder/segment-builder-page.component').then((m) => m.SegmentBuilderPageComponent),
  },
  {
    path: ':id',
    title: 'Segment',
    loadComponent: () => import('./builder/segment-builder-page.component').then((m) => m.SegmentBuilderPageComponent),
  },
];
