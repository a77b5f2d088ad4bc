import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { loginCodes, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** The login_codes table: hashed one-time codes handed to the browser after the OAuth redirect. */
@Injectable()
export class LoginCodesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(values: { codeHash: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.db.insert(loginCodes).values(values);
  }

  /** Marks an unused, unexpired code used and answers its user; null when there is no such code. */
  async consume(codeHash: string): Promise<string | null> {
    const [used] = await this.db
      .update(loginCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(loginCodes.codeHash, codeHash), isNull(loginCodes.usedAt), gt(loginCodes.expiresAt, new Date())))
      .returning({ userId: loginCodes.userId });
    return used?.userId ?? null;
  }

  /** Deletes codes expired by `now`, used or not; answers how many. */
  async deleteExpired(now: Date): Promise<number> {
    const gone = await this.db
      .delete(loginCodes)
      .where(lte(loginCodes.expiresAt, now))
      .returning({ codeHash: loginCodes.codeHash });
    return gone.length;
  }
}
