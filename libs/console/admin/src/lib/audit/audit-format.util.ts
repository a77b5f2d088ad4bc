import type { AuditEntryDto } from '@mini-crm/contracts';

/** Actions the API records today; the filter offers them but accepts any name. */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = [
  'auth.sign_in',
  'auth.sign_in_refused',
  'auth.refresh_reuse_detected',
  'user.role_changed',
  'user.activated',
  'user.deactivated',
  'user.approved',
  'user.rejected',
  'user.invited',
  'user.invite_revoked',
  'api_key.created',
  'api_key.revoked',
  'import.started',
  'import.finished',
  'segment.created',
  'segment.updated',
  'segment.deleted',
  'city_alias.saved',
  'city_alias.deleted',
];

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** One line for the details column: `from → to` when the diff is a change, else `key: value` pairs. */
export function formatAuditDiff(diff: AuditEntryDto['diff']): string {
  if (!diff) return '';
  const keys = Object.keys(diff);
  if (keys.length === 0) return '';
  if ('from' in diff && 'to' in diff) {
    const rest = keys.filter((k) => k !== 'from' && k !== 'to').map((k) => `${k}: ${show(diff[k])}`);
    return [`${show(diff['from'])} → ${show(diff['to'])}`, ...rest].join(', ');
  }
  return keys.map((k) => `${k}: ${show(diff[k])}`).join(', ');
}

export function auditActor(entry: AuditEntryDto): string {
  return entry.actorEmail ?? (entry.actorId ? entry.actorId : 'System');
}
