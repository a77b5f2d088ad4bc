import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { importErrors, importJobs, keysetPast, rowsOf, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';
import type { RowIssue } from '../parsing/import.types';

export type ImportJobRow = typeof importJobs.$inferSelect;

export interface ImportJobOptions {
  duplicatePolicy: 'skip' | 'update' | 'merge';
  mapping?: Record<string, string>;
  defaultCountry: string;
  defaultCurrency: string;
  dateOrder: 'dmy' | 'mdy';
  /** Consent of new customers whose row has no consent value, per channel, and where it comes from. */
  consent?: ImportConsent;
  /** Who started it, for the audit entry written when it ends. */
  requestedByEmail?: string;
}

export interface ImportConsent {
  email: 'subscribed' | 'unsubscribed';
  sms: 'subscribed' | 'unsubscribed';
  source: string | null;
}

export interface CountDelta {
  rows: number;
  inserted: number;
  updated: number;
  duplicates: number;
  failed: number;
  warnings: number;
  bytesRead: number;
}

export interface StoredIssue {
  id: string;
  row: number;
  severity: string;
  column: string | null;
  message: string;
  raw: string | null;
}

const ISSUE_CHUNK = 500;

/** The import_jobs and import_errors tables. */
@Injectable()
export class ImportJobsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async create(values: {
    kind: string;
    fileName: string;
    filePath: string;
    fileSize: number;
    options: ImportJobOptions;
    createdBy: string | null;
  }): Promise<ImportJobRow> {
    const [row] = await this.db.insert(importJobs).values(values).returning();
    return row;
  }

  async get(id: string): Promise<ImportJobRow | null> {
    const [row] = await this.db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
    return row ?? null;
  }

  /** Newest first. */
  async list(limit: number, after: [Date, string] | null): Promise<ImportJobRow[]> {
    const where: SQL | undefined = after
      ? (or(
          lt(importJobs.createdAt, after[0]),
          and(eq(importJobs.createdAt, after[0]), lt(importJobs.id, after[1])),
        ) as SQL)
      : undefined;
    return this.db
      .select()
      .from(importJobs)
      .where(where)
      .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
      .limit(limit);
  }

  /** queued → running; false when the job is no longer queued (cancelled meanwhile). */
  async start(id: string): Promise<boolean> {
    const rows = await this.db
      .update(importJobs)
      .set({ status: 'running', startedAt: new Date() })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, 'queued')))
      .returning({ id: importJobs.id });
    return rows.length > 0;
  }

  /** Adds a batch's counts, inside the batch's transaction; false when the job was cancelled (the caller rolls back). */
  async addCounts(tx: DbOrTx, id: string, d: CountDelta): Promise<boolean> {
    const res = await tx.execute(sql`
      update import_jobs set rows = rows + ${d.rows}, inserted = inserted + ${d.inserted}, updated = updated + ${d.updated},
        duplicates = duplicates + ${d.duplicates}, failed = failed + ${d.failed}, warnings = warnings + ${d.warnings},
        bytes_read = greatest(bytes_read, ${d.bytesRead})
      where id = ${id} and status = 'running' returning id`);
    return rowsOf(res).length > 0;
  }

  async addIssues(tx: DbOrTx, id: string, issues: readonly RowIssue[]): Promise<void> {
    for (let i = 0; i < issues.length; i += ISSUE_CHUNK) {
      await tx.insert(importErrors).values(
        issues.slice(i, i + ISSUE_CHUNK).map((x) => ({
          importId: id,
          row: x.rowNumber,
          severity: x.severity,
          column: x.column,
          message: x.message,
          raw: JSON.stringify(x.raw),
        })),
      );
    }
  }

  /** running → completed|failed (a cancelled job keeps its status and only gets its finish time). */
  async finish(
    id: string,
    status: 'completed' | 'failed',
    message: string | null,
    extra: { bytesRead?: number } = {},
  ): Promise<void> {
    await this.db.execute(sql`
      update import_jobs set
        status = case when status in ('running', 'queued') then ${status} else status end,
        message = case when status in ('running', 'queued') then ${message} else message end,
        bytes_read = greatest(bytes_read, ${extra.bytesRead ?? 0}),
        finished_at = coalesce(finished_at, now())
      where id = ${id}`);
  }

  /** Cancels a queued or running job; false when it had already ended. */
  async cancel(id: string): Promise<boolean> {
    const rows = await this.db
      .update(importJobs)
      .set({
        status: 'cancelled',
        message: 'cancelled by a user',
        finishedAt: sql`case when ${importJobs.status} = 'queued' then now() else null end`,
      })
      .where(and(eq(importJobs.id, id), inArray(importJobs.status, ['queued', 'running'])))
      .returning({ id: importJobs.id });
    return rows.length > 0;
  }

  /** Issues of an import in row order, keyset-paged by (row, id). */
  async issues(id: string, limit: number, after: [number, string] | null): Promise<StoredIssue[]> {
    const where = after
      ? and(eq(importErrors.importId, id), keysetPast('asc', [importErrors.row, importErrors.id], after))
      : eq(importErrors.importId, id);
    return this.db
      .select({
        id: importErrors.id,
        row: importErrors.row,
        severity: importErrors.severity,
        column: importErrors.column,
        message: importErrors.message,
        raw: importErrors.raw,
      })
      .from(importErrors)
      .where(where)
      .orderBy(asc(importErrors.row), asc(importErrors.id))
      .limit(limit);
  }
}
