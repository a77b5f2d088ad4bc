import { Inject, Injectable } from '@nestjs/common';
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { consentEvents, users, type Database, type DbOrTx } from '@mini-crm/db';
import type { ConsentSource } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';

export interface ConsentEventInput {
  customerId: string;
  channel: 'email' | 'sms';
  status: string;
  source: ConsentSource;
  note?: string | null;
  actorId?: string | null;
}

export type ConsentEventRow = typeof consentEvents.$inferSelect & { actorEmail: string | null };

/** The consent_events table: one row per change of one channel's consent. */
@Injectable()
export class ConsentEventsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(events: ConsentEventInput[], tx: DbOrTx = this.db): Promise<void> {
    await writeConsentEvents(tx, events);
  }

  /** A customer's history, newest first (one change's channels email before SMS). */
  async forCustomer(customerId: string, limit = 500, tx: DbOrTx = this.db): Promise<ConsentEventRow[]> {
    return tx
      .select({
        id: consentEvents.id,
        customerId: consentEvents.customerId,
        channel: consentEvents.channel,
        status: consentEvents.status,
        source: consentEvents.source,
        note: consentEvents.note,
        actorId: consentEvents.actorId,
        at: consentEvents.at,
        actorEmail: users.email,
      })
      .from(consentEvents)
      .leftJoin(users, eq(users.id, consentEvents.actorId))
      .where(eq(consentEvents.customerId, customerId))
      .orderBy(desc(consentEvents.at), asc(consentEvents.channel))
      .limit(limit);
  }
}

/** Inserts consent events in the caller's transaction (imports write them beside their customer batches). */
export async function writeConsentEvents(db: DbOrTx, events: ConsentEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(consentEvents).values(
    events.map((e) => ({
      customerId: e.customerId,
      channel: e.channel,
      status: e.status,
      source: e.source,
      note: e.note ?? null,
      actorId: e.actorId ?? null,
    })),
  );
}

/**
 * The statement an import runs after inserting customers: one event per channel of every customer
 * `inserted` (an SQL source of `id, email_status, sms_status` rows) with source `import` (or the API's).
 */
export function importedConsentEvents(
  inserted: SQL,
  note: string,
  actorId: string | null,
  source: ConsentSource = 'import',
): SQL {
  return sql`insert into consent_events (id, customer_id, channel, status, source, note, actor_id)
    select gen_random_uuid(), i.id, ch.channel, case when ch.channel = 'email' then i.email_status else i.sms_status end,
      ${source}, ${note}, ${actorId}::uuid
    from (${inserted}) as i cross join (values ('email'), ('sms')) as ch(channel)`;
}
