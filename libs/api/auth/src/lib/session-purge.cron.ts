import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock, CronLock } from '@mini-crm/api/core';
import { LoginCodesRepository } from './login-codes.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/**
 * Hourly: deletes expired refresh tokens and one-time sign-in codes. Expired rows can no longer be
 * used (rotation and exchange check expiry first), so nothing of a live session is lost. Every
 * process fires it; one takes the hour (CronLock).
 */
@Injectable()
export class SessionPurgeCron {
  private readonly logger = new Logger('SessionPurge');

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly loginCodes: LoginCodesRepository,
    private readonly clock: Clock,
    private readonly lock: CronLock,
  ) {}

  /** The hour's run in one process; null in the others. `at` picks the hour (the clock's now by default). */
  @Cron(CronExpression.EVERY_HOUR, { name: 'session-purge' })
  scheduled(at: Date = this.clock.now()): Promise<{ refreshTokens: number; loginCodes: number } | null> {
    return this.lock.once('session-purge', 3600_000, () => this.run(), at.getTime());
  }

  async run(): Promise<{ refreshTokens: number; loginCodes: number }> {
    const now = this.clock.now();
    const result = {
      refreshTokens: await this.refreshTokens.deleteExpired(now),
      loginCodes: await this.loginCodes.deleteExpired(now),
    };
    if (result.refreshTokens || result.loginCodes)
      this.logger.log(`purged ${result.refreshTokens} expired refresh tokens, ${result.loginCodes} sign-in codes`);
    return result;
  }
}
