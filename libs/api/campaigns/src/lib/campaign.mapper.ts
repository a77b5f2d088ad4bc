import type { CampaignChannel, CampaignDto, CampaignStatus, MessageSource } from '@mini-crm/contracts';
import type { campaigns } from '@mini-crm/db';

export type CampaignRow = typeof campaigns.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toCampaignDto(row: CampaignRow, segmentName?: string | null): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    segmentId: row.segmentId,
    segmentName: segmentName ?? null,
    channel: row.channel as CampaignChannel,
    subject: row.subject,
    preheader: row.preheader,
    message: row.message,
    status: row.status as CampaignStatus,
    statusReason: row.statusReason,
    scheduledAt: iso(row.scheduledAt),
    sendingWindow: row.sendingWindow ?? null,
    sendAnyTime: row.sendAnyTime,
    audience: row.audience,
    suppressed: row.suppressed,
    messageSource: (row.messageSource === 'ai' ? 'ai' : 'manual') as MessageSource,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    createdBy: row.createdBy,
    retryOf: row.retryOf,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
