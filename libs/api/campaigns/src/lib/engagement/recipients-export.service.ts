import { Injectable } from '@nestjs/common';
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { formulaSafeCell, type EngagementFilter } from '@mini-crm/contracts';
import { AuditService, auditedExport, type AuthUser } from '@mini-crm/api/core';
import { fileNameSlug } from '@mini-crm/api/segments';
import { CampaignsService } from '../campaigns.service';
import { CampaignEngagementRepository, RECIPIENT_EXPORT_HEADERS } from './campaign-engagement.repository';

export const RECIPIENTS_EXPORT_BATCH_SIZE = 1000;

/**
 * Streams a campaign's recipients (optionally by engagement) as CSV, one keyset batch at a time, like the
 * segment export: memory stays flat whatever the audience, cells are formula-safe. Each export is audited.
 */
@Injectable()
export class RecipientsExportService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly repo: CampaignEngagementRepository,
    private readonly audit: AuditService,
  ) {}

  async exportCsv(
    campaignId: string,
    engagement: EngagementFilter | undefined,
    actor: AuthUser,
    batchSize = RECIPIENTS_EXPORT_BATCH_SIZE,
  ): Promise<{ fileName: string; stream: Readable }> {
    const campaign = await this.campaigns.get(campaignId);
    const csv = stringify({ header: true, columns: [...RECIPIENT_EXPORT_HEADERS] });
    const rows = auditedExport(this.records(campaignId, engagement, batchSize), this.audit, {
      actor,
      action: 'campaign.recipients_exported',
      entity: 'campaign',
      entityId: campaignId,
      details: { engagement: engagement ?? null },
    });
    pipeline(Readable.from(rows), csv, () => {
      /* errors destroy `csv`, which ends the response; the reply is already streaming */
    });
    const stem = `${fileNameSlug(campaign.name, 'campaign')}-recipients${engagement ? `-${engagement}` : ''}`;
    return { fileName: `${stem}-${new Date().toISOString().slice(0, 10)}.csv`, stream: csv };
  }

  private async *records(
    campaignId: string,
    engagement: EngagementFilter | undefined,
    batchSize: number,
  ): AsyncGenerator<string[]> {
    let after: [number, string] | null = null;
    for (;;) {
      const batch = await this.repo.recipientsBatch(campaignId, engagement, after, batchSize);
      for (const row of batch) yield RECIPIENT_EXPORT_HEADERS.map((h) => formulaSafeCell(row[h]));
      if (batch.length < batchSize) return;
      const last = batch[batch.length - 1];
      after = [Number(last.seq), String(last.id)];
    }
  }
}
