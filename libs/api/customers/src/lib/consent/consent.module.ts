import { Module } from '@nestjs/common';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';
import { UnsubscribeController } from './unsubscribe.controller';

/** Recipient consent: unsubscribe tokens, links and pages, SMS STOP/START, per-channel status changes. */
@Module({
  controllers: [UnsubscribeController],
  providers: [ConsentRepository, ConsentService],
  exports: [ConsentService],
})
export class ConsentModule {}
