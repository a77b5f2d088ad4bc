import { Module } from '@nestjs/common';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';
import { EmailFeedbackService } from './email-feedback.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { ConsentEventsRepository } from './history/consent-events.repository';
import { SuppressionsRepository } from './suppression/suppressions.repository';
import { SuppressionService } from './suppression/suppression.service';
import { SuppressionsController } from './suppression/suppressions.controller';
import { ConsentSettingsController } from './settings/consent-settings.controller';
import { ConsentSettingsRepository } from './settings/consent-settings.repository';
import { ConsentSettingsService } from './settings/consent-settings.service';

/** Recipient consent: unsubscribe tokens, links and pages, SMS STOP/START, bounces and complaints, per-channel status changes,
 * consent history, the global suppression list and the import consent defaults. */
@Module({
  controllers: [UnsubscribeController, SuppressionsController, ConsentSettingsController],
  providers: [
    ConsentRepository,
    ConsentService,
    EmailFeedbackService,
    ConsentEventsRepository,
    SuppressionsRepository,
    SuppressionService,
    ConsentSettingsRepository,
    ConsentSettingsService,
  ],
  exports: [ConsentService, EmailFeedbackService, ConsentEventsRepository, SuppressionService, ConsentSettingsService],
})
export class ConsentModule {}
