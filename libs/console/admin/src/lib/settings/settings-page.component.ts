import { ChangeDetectionStrategy, Component } from '@angular/core';
import { SendingHoursSectionComponent } from '@mini-crm/console/campaigns';
import { PageHeaderComponent } from '@mini-crm/console/ui';
import { CityAliasesSectionComponent } from './city-aliases-section.component';

/** Admin › Settings: how data is standardized (city aliases) and when campaigns may send (sending hours). */
@Component({
  selector: 'crm-settings-page',
  imports: [PageHeaderComponent, CityAliasesSectionComponent, SendingHoursSectionComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header title="Settings" subtitle="How imported data is standardized and when campaigns may send." />
    <crm-city-aliases-section />
    <crm-sending-hours-section />
  `,
})
export class SettingsPageComponent {}
