import type { ImportJobDto } from '@mini-crm/contracts';
import type { ImportJobOptions, ImportJobRow } from './import-jobs.repository';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

/** Row → API shape, with progress figures derived from bytes read and elapsed time. */
export function toImportJobDto(row: ImportJobRow, now = new Date()): ImportJobDto {
  const options = row.options as Partial<ImportJobOptions>;
  const end = row.finishedAt ?? now;
  const elapsed = row.startedAt ? Math.max(0.001, (end.getTime() - row.startedAt.getTime()) / 1000) : 0;
  const fraction = row.status === 'completed' ? 1 : row.fileSize > 0 ? Math.min(1, row.bytesRead / row.fileSize) : 0;
  const running = row.status === 'running';
  const byteRate = elapsed > 0 ? row.bytesRead / elapsed : 0;
  return {
    id: row.id,
    kind: row.kind as ImportJobDto['kind'],
    fileName: row.fileName,
    status: row.status as ImportJobDto['status'],
    rows: row.rows,
    inserted: row.inserted,
    updated: row.updated,
    duplicates: row.duplicates,
    failed: row.failed,
    warnings: row.warnings,
    percent: Math.round(fraction * 1000) / 10,
    rowsPerSecond: elapsed > 0 ? Math.round(row.rows / elapsed) : 0,
    etaSeconds: running && byteRate > 0 ? Math.max(0, Math.round((row.fileSize - row.bytesRead) / byteRate)) : null,
    message: row.message,
    duplicatePolicy: options.duplicatePolicy ?? 'skip',
    consent: options.consent ?? null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
