import { Injectable } from '@nestjs/common';
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { SQL } from 'drizzle-orm';
import { SegmentsRepository } from './segments.repository';
import { SegmentsService } from './segments.service';
import { EXPORT_HEADERS } from './segment-sql.util';
import { formulaSafeCell } from '@mini-crm/contracts';
import { AuditService, auditedExport, type AuthUser } from '@mini-crm/api/core';

export const EXPORT_BATCH_SIZE = 1000;

/** Streams a segment's audience as CSV, one keyset batch at a time (memory stays flat whatever the size). */
@Injectable()
export class SegmentExportService {
  constructor(
    private readonly segments: SegmentsService,
    private readonly repo: SegmentsRepository,
    private readonly audit: AuditService,
  ) {}

  async exportCsv(
    segmentId: string,
    actor: AuthUser,
    batchSize = EXPORT_BATCH_SIZE,
  ): Promise<{ fileName: string; stream: Readable }> {
    const { segment, predicate } = await this.segments.getAudience(segmentId);
    const csv = stringify({ header: true, columns: [...EXPORT_HEADERS] });
    const rows = Readable.from(
      auditedExport(this.records(predicate, batchSize), this.audit, {
        actor,
        action: 'segment.exported',
        entity: 'segment',
        entityId: segmentId,
      }),
    );
    pipeline(rows, csv, () => {
      /* errors destroy `csv`, which ends the response; the reply is already streaming */
    });
    return { fileName: `${fileNameSlug(segment.name)}-${new Date().toISOString().slice(0, 10)}.csv`, stream: csv };
  }

  private async *records(predicate: SQL, batchSize: number): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const batch = await this.segments.withTimeout((tx) => this.repo.exportBatch(tx, predicate, after, batchSize));
      for (const row of batch) yield EXPORT_HEADERS.map((h) => formulaSafeCell(row[h]));
      if (batch.length < batchSize) return;
      after = String(batch[batch.length - 1]['id']);
    }
  }
}

/** A name as a file-name stem: ASCII word characters and dashes, lowercase, up to 60 characters. */
export function fileNameSlug(name: string, fallback = 'segment'): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 60) || fallback
  );
}
