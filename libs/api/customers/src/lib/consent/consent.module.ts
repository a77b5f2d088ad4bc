import { Module } from '@nestjs/common';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';

/** Recipient consent: unsubscribe tokens and links, SMS STOP/START, per-channel status changes. */
@Module({
  providers: [ConsentRepository, ConsentService],
  exports: [ConsentService],
})
export class ConsentModule {}
