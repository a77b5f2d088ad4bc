import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@mini-crm/contracts';
import { AuthService } from './auth.service';

/** Route data for {@link roleGuard}: `data: { roles: ['admin'] }`. */
export interface RoleRouteData {
  roles: readonly Role[];
}

export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  if (auth.isPending()) return inject(Router).createUrlTree(['/waiting']);
  if (auth.isSignedIn()) return true;
  return inject(Router).createUrlTree(['/login'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** The waiting-for-approval page: only for a pending user; everyone else goes home (or to sign-in). */
export const pendingGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  if (auth.isPending()) return true;
  return inject(Router).createUrlTree([auth.isSignedIn() ? '/' : '/login']);
};

/** Keeps a signed-in user away from the sign-in page. */
export const signedOutGuard: CanActivateFn = () =>
  inject(AuthService).isSignedIn() ? inject(Router).createUrlTree(['/']) : true;

/** Deny by default: a route without `data.roles` lets nobody in. */
export const roleGuard: CanActivateFn = (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!auth.isSignedIn()) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  const roles = (route.data as Partial<RoleRouteData>).roles ?? [];
  return auth.hasRole(roles) ? true : router.createUrlTree(['/']);
};
