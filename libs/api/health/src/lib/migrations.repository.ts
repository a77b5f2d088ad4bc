import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { resolveMigrationsDir, rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** Readiness: how many of this build's migrations the database has applied (drizzle's own table). */
@Injectable()
export class MigrationsRepository {
  /** Migrations this build ships (its journal). */
  readonly expected: number;

  constructor(@Inject(DB) private readonly db: Database) {
    const journal = JSON.parse(readFileSync(join(resolveMigrationsDir(), 'meta', '_journal.json'), 'utf8'));
    this.expected = (journal.entries as unknown[]).length;
  }

  async applied(): Promise<number> {
    const rows = rowsOf<{ n: number }>(
      await this.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    return rows[0]?.n ?? 0;
  }
}
