import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { suppressions, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type SuppressionRow = typeof suppressions.$inferSelect;

/** The suppressions table (hashes only; it outlives the customers it came from). */
@Injectable()
export class SuppressionsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Adds entries; an existing one keeps its first reason and time. */
  async add(
    entries: Array<{ channel: string; hash: string; reason: string; createdBy?: string | null }>,
    tx: DbOrTx = this.db,
  ): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = await tx
      .insert(suppressions)
      .values(entries.map((e) => ({ ...e, createdBy: e.createdBy ?? null })))
      .onConflictDoNothing()
      .returning({ hash: suppressions.hash });
    return rows.length;
  }

  async remove(channel: string, hash: string, tx: DbOrTx = this.db): Promise<boolean> {
    const rows = await tx
      .delete(suppressions)
      .where(and(eq(suppressions.channel, channel), eq(suppressions.hash, hash)))
      .returning({ hash: suppressions.hash });
    return rows.length > 0;
  }

  /** Which of these hashes are on the channel's list. */
  async present(channel: string, hashes: string[], tx: DbOrTx = this.db): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows = await tx
      .select({ hash: suppressions.hash })
      .from(suppressions)
      .where(and(eq(suppressions.channel, channel), inArray(suppressions.hash, hashes)));
    return new Set(rows.map((r) => r.hash));
  }

  /** Whether the channel's list has any entry (a snapshot skips its check when it has none). */
  async any(channel: string, tx: DbOrTx = this.db): Promise<boolean> {
    const [row] = await tx
      .select({ one: sql<number>`1` })
      .from(suppressions)
      .where(eq(suppressions.channel, channel))
      .limit(1);
    return row !== undefined;
  }

  /** Newest first, keyset on (created_at, channel, hash). */
  async list(limit: number, after: [string, string, string] | null): Promise<Array<SuppressionRow & { key: string }>> {
    return this.db
      .select({ ...getTableColumns(suppressions), key: sql<string>`${suppressions.createdAt}::text` })
      .from(suppressions)
      .where(
        after
          ? sql`(${suppressions.createdAt}, ${suppressions.channel}, ${suppressions.hash}) < (${after[0]}::timestamptz, ${after[1]}, ${after[2]})`
          : undefined,
      )
      .orderBy(desc(suppressions.createdAt), desc(suppressions.channel), desc(suppressions.hash))
      .limit(limit + 1);
  }
}
