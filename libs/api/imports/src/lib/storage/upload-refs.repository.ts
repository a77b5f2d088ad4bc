import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, isNotNull, like, lte, sql } from 'drizzle-orm';
import { importJobs, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** import_jobs.file_path as seen by a store outside the database (S3): which uploads are due to go. */
@Injectable()
export class UploadRefsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** References starting with `prefix` of imports that finished at least `retentionHours` ago. */
  async expired(prefix: string, retentionHours: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ ref: importJobs.filePath })
      .from(importJobs)
      .where(
        and(
          like(importJobs.filePath, `${prefix}%`),
          isNotNull(importJobs.finishedAt),
          lte(importJobs.finishedAt, sql`now() - make_interval(secs => ${retentionHours * 3600})`),
        ),
      )
      .limit(limit);
    return rows.map((r) => r.ref as string);
  }

  /** The import no longer has a stored file (it was deleted after retention). */
  async forget(ref: string): Promise<void> {
    await this.db.update(importJobs).set({ filePath: null }).where(eq(importJobs.filePath, ref));
  }

  /** Those of `refs` some import names. */
  async referenced(refs: readonly string[]): Promise<Set<string>> {
    if (!refs.length) return new Set();
    const rows = await this.db
      .select({ ref: importJobs.filePath })
      .from(importJobs)
      .where(inArray(importJobs.filePath, [...refs]));
    return new Set(rows.map((r) => r.ref as string));
  }
}
