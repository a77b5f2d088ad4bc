import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { importUploadChunks, rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** import_upload_chunks: uploaded files in the database, in order by seq. */
@Injectable()
export class UploadChunksRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async add(uploadId: string, seq: number, data: Buffer): Promise<void> {
    await this.db.insert(importUploadChunks).values({ uploadId, seq, data });
  }

  /** The next chunks after `afterSeq` (keyset: a large file is read a few MiB at a time). */
  async next(uploadId: string, afterSeq: number, limit: number): Promise<Array<{ seq: number; data: Buffer }>> {
    return this.db
      .select({ seq: importUploadChunks.seq, data: importUploadChunks.data })
      .from(importUploadChunks)
      .where(and(eq(importUploadChunks.uploadId, uploadId), gt(importUploadChunks.seq, afterSeq)))
      .orderBy(asc(importUploadChunks.seq))
      .limit(limit);
  }

  async remove(uploadId: string): Promise<void> {
    await this.db.delete(importUploadChunks).where(eq(importUploadChunks.uploadId, uploadId));
  }

  /**
   * Deletes the uploads of imports that finished more than `retentionHours` ago, and uploads no
   * import names that are older than a day (an API stopped between storing and recording the job).
   * Answers the number of chunks deleted.
   */
  async purge(retentionHours: number): Promise<number> {
    const res = await this.db.execute(sql`
      with gone as (
        delete from import_upload_chunks c
        where exists (
            select 1 from import_jobs j
            where j.file_path = 'pg:' || c.upload_id::text
              and j.finished_at is not null
              and j.finished_at <= now() - make_interval(secs => ${retentionHours * 3600}))
          or (c.created_at < now() - interval '1 day'
            and not exists (select 1 from import_jobs j where j.file_path = 'pg:' || c.upload_id::text))
        returning 1)
      select count(*)::int as n from gone`);
    return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
  }
}
