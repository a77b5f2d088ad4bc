import type { AuditEntryDto } from '@mini-crm/contracts';
import { summarizeSegmentRules } from '@mini-crm/segment-engine';
import { auditDetails, importLine } from './audit-details.util';

const entry = (over: Partial<AuditEntryDto>): AuditEntryDto => ({
  id: 'e1',
  action: 'segment.created',
  entity: 'segment',
  at: '2026-01-01T00:00:00.000Z',
  ...over,
});

const PUNE = { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] } as const;
const BIG = { op: 'and', rules: [{ field: 'total_spend', operator: 'gt', value: 5000 }] } as const;

describe('auditDetails', () => {
  it('reads segment rules as the builder does, raw JSON kept for the toggle', () => {
    const d = auditDetails(entry({ diff: { name: 'Pune buyers', rules: PUNE } }));
    const said = summarizeSegmentRules(PUNE);
    expect(d.rules).toEqual([{ label: null, text: said.charAt(0).toUpperCase() + said.slice(1) + '.' }]);
    expect(d.text).toBe('name: Pune buyers');
    expect(JSON.parse(d.json as string)).toEqual({ name: 'Pune buyers', rules: PUNE });
  });

  it('shows a rule change as before and after', () => {
    const d = auditDetails(entry({ action: 'segment.updated', diff: { rules: { from: PUNE, to: BIG } } }));
    expect(d.rules.map((r) => r.label)).toEqual(['Before', 'After']);
    expect(d.rules[1].text).toMatch(/^Spent more than/);
    expect(d.text).toBe('');
  });

  it('summarises imports: kind, file and counts', () => {
    const diff = {
      kind: 'customers',
      fileName: 'leads.csv',
      status: 'completed',
      rows: 12,
      inserted: 10,
      updated: 0,
      duplicates: 1,
      failed: 1,
    };
    expect(importLine(diff)).toBe(
      'customers · leads.csv — 12 rows: 10 inserted, 0 updated, 1 duplicate, 1 failed (completed)',
    );
    expect(importLine({ kind: 'orders', fileName: 'o.csv', duplicatePolicy: 'skip' })).toBe(
      'orders · o.csv · duplicates: skip',
    );
    expect(auditDetails(entry({ action: 'import.finished', entity: 'import', diff })).json).toContain('"inserted": 10');
  });

  it('leaves other entries as the one-line diff, without a toggle', () => {
    expect(auditDetails(entry({ action: 'user.role_changed', diff: { from: 'viewer', to: 'admin' } }))).toEqual({
      text: 'viewer → admin',
      rules: [],
      json: null,
    });
    expect(auditDetails(entry({ diff: null }))).toEqual({ text: '', rules: [], json: null });
  });
});
