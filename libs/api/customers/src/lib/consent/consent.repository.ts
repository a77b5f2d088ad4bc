import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { customers, type Database, type DbOrTx } from '@mini-crm/db';
import type { SubscriptionStatusValue as ConsentStatus } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import type { ConsentChannel } from './unsubscribe-token.util';

const statusColumn = (channel: ConsentChannel) => (channel === 'sms' ? customers.smsStatus : customers.emailStatus);

/** The consent columns of the customers table (per-channel status), as recipients change them. */
@Injectable()
export class ConsentRepository {
  constructor(@Inject(DB) readonly db: Database) {}

  async contact(
    customerId: string,
    channel: ConsentChannel,
  ): Promise<{ email: string | null; phone: string | null; status: string } | null> {
    const [row] = await this.db
      .select({ email: customers.email, phone: customers.phone, status: statusColumn(channel) })
      .from(customers)
      .where(eq(customers.id, customerId));
    return row ?? null;
  }

  /** from → to on one customer's channel; false when its status was not `from`. */
  async moveOne(customerId: string, channel: ConsentChannel, from: ConsentStatus, to: ConsentStatus): Promise<boolean> {
    const column = statusColumn(channel);
    const rows = await this.db
      .update(customers)
      .set({ [channel === 'sms' ? 'smsStatus' : 'emailStatus']: to, updatedAt: sql`now()` })
      .where(and(eq(customers.id, customerId), eq(column, from)))
      .returning({ id: customers.id });
    return rows.length > 0;
  }

  /** from → to on the SMS channel of every customer with this phone; answers their ids. */
  async moveSmsByPhone(phone: string, from: ConsentStatus, to: ConsentStatus): Promise<string[]> {
    const rows = await this.db
      .update(customers)
      .set({ smsStatus: to, updatedAt: sql`now()` })
      .where(and(eq(customers.phone, phone), eq(customers.smsStatus, from)))
      .returning({ id: customers.id });
    return rows.map((r) => r.id);
  }

  /**
   * Any of `from` → to on the email channel of the customer holding this (normalized) address, in the
   * caller's transaction; answers their ids with the status each had before.
   */
  async moveEmailByAddress(
    email: string,
    from: ConsentStatus[],
    to: ConsentStatus,
    tx: DbOrTx = this.db,
  ): Promise<{ id: string; from: ConsentStatus }[]> {
    const rows = await tx
      .select({ id: customers.id, from: customers.emailStatus })
      .from(customers)
      .where(and(eq(customers.email, email), inArray(customers.emailStatus, from)))
      .for('update');
    if (rows.length === 0) return [];
    await tx
      .update(customers)
      .set({ emailStatus: to, updatedAt: sql`now()` })
      .where(
        inArray(
          customers.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => ({ id: r.id, from: r.from as ConsentStatus }));
  }
}
