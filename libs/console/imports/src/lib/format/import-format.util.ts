import { formatCount as formatWholeCount } from '@mini-crm/console/ui/util';
import type { ImportJobDto, ImportStatus } from '@mini-crm/contracts';

export const TERMINAL_IMPORT_STATUSES: readonly ImportStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: ImportStatus): boolean {
  return TERMINAL_IMPORT_STATUSES.includes(status);
}

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Counts in the workspace locale (1,23,456 in en-IN); nothing is 0. */
export function formatCount(n: number | null | undefined): string {
  return formatWholeCount(n ?? 0);
}

/** "12,400 rows/s"; nothing measured yet is "—". */
export function formatRate(rowsPerSecond: number | null | undefined): string {
  if (!rowsPerSecond || rowsPerSecond <= 0 || !Number.isFinite(rowsPerSecond)) return '—';
  return `${formatWholeCount(rowsPerSecond)} rows/s`;
}

/** Time left: "under 5 s", "42 s", "3 min 5 s", "1 h 12 min". */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  return formatSeconds(seconds);
}

export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 5) return 'under 5 s';
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${s / 60} min`;
  }
  const minutes = Math.round((s % 3600) / 60);
  return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
}

/** How long a job ran (or has been running, given `now`). */
export function jobDuration(job: Pick<ImportJobDto, 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  if (!job.startedAt) return '—';
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  const ms = end - Date.parse(job.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return ms < 1000
    ? 'under 1 s'
    : formatSeconds(ms / 1000).replace('under 5 s', `${Math.max(1, Math.round(ms / 1000))} s`);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Whether errors.csv has anything in it: failed rows or warnings. */
export function hasErrorReport(job: Pick<ImportJobDto, 'failed' | 'warnings'>): boolean {
  return job.failed > 0 || job.warnings > 0;
}
