import { Injectable } from '@nestjs/common';
import type { CampaignChannel, CampaignPreviewDto, SmsLengthDto } from '@mini-crm/contracts';
import { SegmentsService } from '@mini-crm/api/segments';
import { renderWithFallbacks, smsLength as measureSms } from '@mini-crm/message-text';
import { assertCampaignContent } from './campaign-content.util';
import { CampaignPreviewRepository } from './campaign-preview.repository';
import { CampaignRendererService } from './template/campaign-renderer.service';

const DRAFT_CAMPAIGN_ID = '00000000-0000-0000-0000-000000000000';

function smsLength(text: string): SmsLengthDto {
  const s = measureSms(text);
  return { encoding: s.encoding, units: s.units, segments: s.segments, perSegment: s.perSegment };
}

/** Renders a message for real sample customers of the segment's current eligible audience. */
@Injectable()
export class CampaignPreviewService {
  constructor(
    private readonly repo: CampaignPreviewRepository,
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
    const counts = await this.repo.audienceCounts(predicate, c.channel);
    const rows = await this.repo.samples(predicate, c.channel, prepared.tokens, limit);
    const audience = counts.audience;
    return {
      channel: c.channel,
      audience,
      suppressed: counts.matched - audience,
      tokens: prepared.tokens,
      sms: c.channel === 'sms' ? smsLength(renderWithFallbacks(prepared.message)) : null,
      samples: rows.map((r) => {
        const out = this.renderer.render(prepared, r);
        return {
          customerId: r.customer_id,
          customerName: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
          recipient: r.recipient ?? null,
          subject: out.subject ?? null,
          text: out.body,
          sms: c.channel === 'sms' ? smsLength(out.body) : null,
        };
      }),
    };
  }
}
