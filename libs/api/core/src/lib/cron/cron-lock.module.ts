import { Global, Module } from '@nestjs/common';
import { CronLock } from './cron-lock.service';

/** CronLock for every module's scheduled tasks. */
@Global()
@Module({ providers: [CronLock], exports: [CronLock] })
export class CronLockModule {}
