import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Database } from '@mini-crm/db';
import type { CampaignChannel, CampaignPreviewDto, SmsLengthDto } from '@mini-crm/contracts';
import { DB } from '@mini-crm/api/core';
import { SegmentsService } from '@mini-crm/api/segments';
import { renderWithFallbacks, smsLength as measureSms } from '@mini-crm/message-text';
import { assertCampaignContent } from './campaign-content.util';
import { eligibleOn } from './messages/messages.repository';
import { CampaignRendererService } from './template/campaign-renderer.service';
import { tokenSelectList } from './template/token-columns.util';
import { rowsOf } from './sql-rows.util';

const DRAFT_CAMPAIGN_ID = '00000000-0000-0000-0000-000000000000';

function smsLength(text: string): SmsLengthDto {
  const s = measureSms(text);
  return { encoding: s.encoding, units: s.units, segments: s.segments, perSegment: s.perSegment };
}

/** Renders a message for real sample customers of the segment's current eligible audience. */
@Injectable()
export class CampaignPreviewService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly segments: SegmentsService,
    private readonly renderer: CampaignRendererService,
  ) {}

  async preview(
    c: { id?: string; segmentId: string; channel: CampaignChannel; message: string; subject?: string | null },
    limit = 5,
  ): Promise<CampaignPreviewDto> {
    assertCampaignContent(c);
    const { predicate } = await this.segments.getAudience(c.segmentId);
    const prepared = this.renderer.prepare({
      id: c.id ?? DRAFT_CAMPAIGN_ID,
      channel: c.channel,
      message: c.message,
      subject: c.subject,
    });
    const recipient = c.channel === 'sms' ? sql`customers.phone` : sql`customers.email`;
    const counts = await this.db.execute(sql`
      select count(*)::int as matched, count(*) filter (where ${eligibleOn(c.channel)})::int as audience
      from customers where ${predicate}`);
    const rows = await this.db.execute(sql`
      select customers.id as customer_id, customers.first_name, customers.last_name, ${recipient} as recipient ${tokenSelectList(prepared.tokens)}
      from customers where (${predicate}) and ${eligibleOn(c.channel)}
      order by customers.id limit ${limit}`);
    const audience = Number(rowsOf(counts)[0]['audience']);
    return {
      channel: c.channel,
      audience,
      suppressed: Number(rowsOf(counts)[0]['matched']) - audience,
      tokens: prepared.tokens,
      sms: c.channel === 'sms' ? smsLength(renderWithFallbacks(prepared.message)) : null,
      samples: (rowsOf(rows) as Array<Record<string, unknown> & { customer_id: string }>).map((r) => {
        const out = this.renderer.render(prepared, r);
        return {
          customerId: r.customer_id,
          customerName: [r['first_name'], r['last_name']].filter(Boolean).join(' ') || null,
          recipient: (r['recipient'] as string | null) ?? null,
          subject: out.subject ?? null,
          text: out.body,
          sms: c.channel === 'sms' ? smsLength(out.body) : null,
        };
      }),
    };
  }
}
