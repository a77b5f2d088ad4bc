import { ChangeDetectionStrategy, Component } from '@angular/core';
import { SendingHoursSectionComponent } from '@mini-crm/console/campaigns';
import { PageHeaderComponent } from '@mini-crm/console/ui';
import { ChannelsSectionComponent } from './channels-section.component';
import { CityAliasesSectionComponent } from './city-aliases-section.component';
import { ConsentDefaultsSectionComponent } from './consent-defaults-section.component';

/**
 * Admin › Settings: where campaigns are sent (channels), how data is standardized (city aliases), the consent
 * imports give (consent) and when campaigns may send (sending hours).
 */
@Component({
  selector: 'crm-settings-page',
  imports: [
    PageHeaderComponent,
    ChannelsSectionComponent,
    CityAliasesSectionComponent,
    ConsentDefaultsSectionComponent,
    SendingHoursSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header
      title="Settings"
      subtitle="Where campaigns are sent, how imported data is standardized and when campaigns may send."
    />
    <crm-channels-section />
    <crm-city-aliases-section />
    <crm-consent-defaults-section />
    <crm-sending-hours-section />
  `,
})
export class SettingsPageComponent {}
