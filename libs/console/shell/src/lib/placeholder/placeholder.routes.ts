import { Routes } from '@angular/router';
import { PlaceholderData, PlaceholderPageComponent } from './placeholder-page.component';

/** Child routes for a feature that is still a placeholder: `loadChildren: () => placeholderRoutes({...})`. */
export function placeholderRoutes(data: PlaceholderData): Routes {
  return [{ path: '', component: PlaceholderPageComponent, data }];
}
