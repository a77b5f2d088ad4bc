import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { consentSettings, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type ConsentSettingsRow = typeof consentSettings.$inferSelect;

/** The one `consent_settings` row (id 1); absent until an admin saves it. */
@Injectable()
export class ConsentSettingsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async get(): Promise<ConsentSettingsRow | null> {
    const [row] = await this.db.select().from(consentSettings).where(eq(consentSettings.id, 1));
    return row ?? null;
  }

  async save(values: { importEmailStatus: string; importSmsStatus: string }, by: string | null): Promise<void> {
    await this.db
      .insert(consentSettings)
      .values({ id: 1, ...values, updatedBy: by })
      .onConflictDoUpdate({
        target: consentSettings.id,
        set: { ...values, updatedBy: by, updatedAt: sql`now()` },
      });
  }
}
