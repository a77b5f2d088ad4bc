import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';
import type { SendingWindow } from '@mini-crm/contracts';

export interface SendingSettingsRow {
  timeZone: string | null;
  /** A key per channel set by an admin; null value = window off. */
  windows: Record<string, SendingWindow | null>;
  updatedAt: Date;
}

/** The one `sending_settings` row (id 1). */
@Injectable()
export class SendingSettingsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async get(): Promise<SendingSettingsRow | null> {
    const res = await this.db.execute(sql`select time_zone, windows, updated_at from sending_settings where id = 1`);
    const row = rowsOf(res)[0];
    if (!row) return null;
    const windows = typeof row['windows'] === 'string' ? JSON.parse(row['windows']) : row['windows'];
    return {
      timeZone: (row['time_zone'] as string | null) ?? null,
      windows: (windows ?? {}) as Record<string, SendingWindow | null>,
      updatedAt: new Date(row['updated_at'] as string),
    };
  }

  /** Sets the time zone when given and merges `windows` into the stored ones (keys given replace theirs). */
  async update(patch: { timeZone?: string; windows: Record<string, SendingWindow | null> }, by: string | null) {
    const tzSet = patch.timeZone !== undefined;
    await this.db.execute(sql`
      insert into sending_settings (id, time_zone, windows, updated_by, updated_at)
      values (1, ${patch.timeZone ?? null}, ${JSON.stringify(patch.windows)}::jsonb, ${by}::uuid, now())
      on conflict (id) do update set
        time_zone = case when ${tzSet}::boolean then excluded.time_zone else sending_settings.time_zone end,
        windows = sending_settings.windows || excluded.windows,
        updated_by = excluded.updated_by,
        updated_at = now()`);
  }
}
