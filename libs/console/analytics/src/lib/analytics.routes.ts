import type { Route } from '@angular/router';
import { AnalyticsPageComponent } from './page/analytics-page.component';

export const analyticsRoutes: Route[] = [{ path: '', component: AnalyticsPageComponent }];
