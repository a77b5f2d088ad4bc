import { isSegmentGroup, type AuditEntryDto, type SegmentGroup } from '@mini-crm/contracts';
import { summarizeSegmentRules } from '@mini-crm/segment-engine';
import { formatAuditDiff } from './audit-format.util';

/** A segment rule tree as the builder says it; `label` tells before from after on a change. */
export interface AuditRuleSummary {
  label: string | null;
  text: string;
}

/** What the details column shows: a line, the rules in words, and the raw diff behind a toggle when it was reworded. */
export interface AuditDetails {
  text: string;
  rules: AuditRuleSummary[];
  /** Pretty JSON of the diff when `text`/`rules` reword it, else null (the line already is the diff). */
  json: string | null;
}

type Diff = Record<string, unknown>;

export function auditDetails(entry: AuditEntryDto): AuditDetails {
  const diff = entry.diff ?? null;
  if (!diff) return { text: '', rules: [], json: null };
  if (entry.action.startsWith('import.')) return { text: importLine(diff), rules: [], json: pretty(diff) };
  if (!('rules' in diff)) return { text: formatAuditDiff(diff), rules: [], json: null };
  const { rules, ...rest } = diff;
  return { text: formatAuditDiff(rest), rules: ruleSummaries(rules), json: pretty(diff) };
}

/** `customers · leads.csv — 12 rows: 10 inserted, 0 updated, 1 duplicate, 1 failed (completed)`. */
export function importLine(diff: Diff): string {
  const kind = typeof diff['kind'] === 'string' ? diff['kind'] : 'import';
  const file = typeof diff['fileName'] === 'string' && diff['fileName'] ? diff['fileName'] : 'unnamed file';
  const head = `${kind} · ${file}`;
  if (typeof diff['rows'] !== 'number') {
    const policy = typeof diff['duplicatePolicy'] === 'string' ? ` · duplicates: ${diff['duplicatePolicy']}` : '';
    return `${head}${policy}`;
  }
  const n = (key: string) => (typeof diff[key] === 'number' ? (diff[key] as number) : 0);
  const counts = [
    `${n('inserted')} inserted`,
    `${n('updated')} updated`,
    `${n('duplicates')} ${n('duplicates') === 1 ? 'duplicate' : 'duplicates'}`,
    `${n('failed')} failed`,
  ];
  const status = typeof diff['status'] === 'string' ? ` (${diff['status']})` : '';
  return `${head} — ${n('rows')} ${n('rows') === 1 ? 'row' : 'rows'}: ${counts.join(', ')}${status}`;
}

function ruleSummaries(rules: unknown): AuditRuleSummary[] {
  if (isGroup(rules)) return [{ label: null, text: sentence(rules) }];
  if (rules && typeof rules === 'object' && 'from' in rules && 'to' in rules) {
    const change = rules as { from: unknown; to: unknown };
    return [
      { label: 'Before', text: isGroup(change.from) ? sentence(change.from) : '—' },
      { label: 'After', text: isGroup(change.to) ? sentence(change.to) : '—' },
    ];
  }
  return [];
}

/** The builder's sentence: capitalised, with a full stop. */
function sentence(group: SegmentGroup): string {
  const text = summarizeSegmentRules(group);
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

function isGroup(value: unknown): value is SegmentGroup {
  return isSegmentGroup(value as SegmentGroup);
}

function pretty(diff: Diff): string {
  return JSON.stringify(diff, null, 2);
}
