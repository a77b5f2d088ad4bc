import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PageHeaderComponent } from '@mini-crm/console/ui';
import { CityAliasesSectionComponent } from './city-aliases-section.component';

/** Admin › Settings: workspace data rules (city aliases today). */
@Component({
  selector: 'crm-settings-page',
  imports: [PageHeaderComponent, CityAliasesSectionComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header title="Settings" subtitle="How imported and edited data is standardized." />
    <crm-city-aliases-section />
  `,
})
export class SettingsPageComponent {}
