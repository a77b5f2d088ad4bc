import type { SegmentDto, SegmentGroup } from '@mini-crm/contracts';
import { summarizeSegmentRules } from '@mini-crm/segment-engine';
import type { SegmentRow } from './segments.repository';

export interface SegmentExtras {
  sizeTrend: number[];
  usedByCampaigns: number;
}

export function summarize(rules: SegmentGroup, currency: string): string {
  try {
    return summarizeSegmentRules(rules, { currency });
  } catch {
    return 'Rules no longer valid';
  }
}

export function toSegmentDto(row: SegmentRow, extras: SegmentExtras, currency: string): SegmentDto {
  const rules = row.rules as SegmentGroup;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rules,
    summary: summarize(rules, currency),
    size: extras.sizeTrend.length ? extras.sizeTrend[extras.sizeTrend.length - 1] : null,
    sizeTrend: extras.sizeTrend,
    usedByCampaigns: extras.usedByCampaigns,
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
