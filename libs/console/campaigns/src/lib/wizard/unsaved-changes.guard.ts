import type { CanDeactivateFn } from '@angular/router';
import type { Observable } from 'rxjs';

/** A page that may hold work not yet saved: it answers whether leaving is fine (saving or asking first). */
export interface LeavesWithCare {
  canLeave(): Observable<boolean> | boolean;
}

/** Leaving the page (another route, the shell's links) goes through the page's own check. */
export const unsavedChangesGuard: CanDeactivateFn<LeavesWithCare> = (page) => page?.canLeave?.() ?? true;
