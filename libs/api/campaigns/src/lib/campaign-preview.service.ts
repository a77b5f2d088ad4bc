import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import type { CampaignChannel, CampaignEstimateDto, CampaignPreviewDto, SmsLengthDto } from '@mini-crm/contracts';
import { APP_CONFIG, loadMessageCostConfig, type AppConfig, type MessageCostConfig } from '@mini-crm/api/core';
import { SegmentsService } from '@mini-crm/api/segments';
import { emailDocument, emailWarnings, renderWithFallbacks, smsLength as measureSms } from '@mini-crm/message-text';
import { assertCampaignContent, storedMessage } from './campaign-content.util';
import { CampaignPreviewRepository } from './campaign-preview.repository';
import { CampaignRendererService, type RenderedMessage } from './template/campaign-renderer.service';

const DRAFT_CAMPAIGN_ID = '00000000-0000-0000-0000-000000000000';

function smsLength(text: string): SmsLengthDto {
  const s = measureSms(text);
  return { encoding: s.encoding, units: s.units, segments: s.segments, perSegment: s.perSegment };
}

export interface PreviewInput {
  id?: string;
  segmentId: string;
  channel: CampaignChannel;
  message: string;
  subject?: string | null;
  preheader?: string | null;
  /** The audience when it is not the segment's (a "retry failed" campaign). */
  predicate?: SQL;
}

/** Renders a message for real sample customers of the segment's current eligible audience, with the launch estimate. */
@Injectable()
export class CampaignPreviewService {
  private readonly cost: MessageCostConfig;

  constructor(
    private readonly repo: CampaignPreviewRepository,
    private readonly segments: SegmentsService,
    private readonly renderer: CampaignRendererService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cost = loadMessageCostConfig(config);
  }

  async preview(c: PreviewInput, limit = 5): Promise<CampaignPreviewDto> {
    assertCampaignContent(c);
    const predicate = c.predicate ?? (await this.segments.getAudience(c.segmentId)).predicate;
    const email = c.channel === 'email';
    // A draft previews as it will be saved: sanitized.
    const message = storedMessage(c.channel, c.message);
    const prepared = this.renderer.prepare({
      id: c.id ?? DRAFT_CAMPAIGN_ID,
      channel: c.channel,
      message,
      subject: c.subject,
      preheader: c.preheader,
    });
    const counts = await this.repo.audienceCounts(predicate, c.channel);
    const rows = await this.repo.samples(predicate, c.channel, prepared.tokens, limit);
    const audience = counts.audience;
    const samples = rows.map((r) => {
      const out = this.renderer.render(prepared, r);
      return {
        customerId: r.customer_id,
        customerName: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
        recipient: r.recipient ?? null,
        subject: out.subject ?? null,
        preheader: out.preheader ?? null,
        text: out.body,
        document: email ? emailDocument(out.body, out) : null,
        sms: email ? null : smsLength(out.body),
      };
    });
    // Judged on the largest rendered sample (or the template itself when nobody is reachable).
    const largest = samples.reduce<string>(
      (a, s) => ((s.document ?? '').length > a.length ? (s.document ?? '') : a),
      '',
    );
    const warnings = email && message.trim() ? emailWarnings(message, largest || emailDocument(message)) : [];
    const sms = c.channel === 'sms' ? smsLength(renderWithFallbacks(prepared.message)) : null;
    return {
      channel: c.channel,
      audience,
      suppressed: counts.matched - audience,
      tokens: prepared.tokens,
      sms,
      samples,
      warnings,
      estimate: this.estimate(c.channel, audience, [sms?.segments ?? 0, ...samples.map((s) => s.sms?.segments ?? 0)]),
    };
  }

  /**
   * A test message: the content (complete, as a launch requires; email sanitized) rendered untracked for
   * one customer, with an inert unsubscribe link (see CampaignRendererService.render). 400 naming the field
   * when the content is incomplete or the customer unknown.
   */
  async renderTest(c: Omit<PreviewInput, 'segmentId' | 'predicate'>, customerId: string): Promise<RenderedMessage> {
    assertCampaignContent(c, { complete: true });
    const prepared = this.renderer.prepare({
      id: c.id ?? DRAFT_CAMPAIGN_ID,
      channel: c.channel,
      message: storedMessage(c.channel, c.message),
      subject: c.subject,
      preheader: c.preheader,
    });
    const row = await this.repo.customer(customerId, c.channel, prepared.tokens);
    if (!row)
      throw new BadRequestException({
        message: 'Unknown customer',
        details: [{ path: 'customerId', message: `no customer ${customerId}` }],
      });
    return this.renderer.render(prepared, row, { test: true });
  }

  /** SMS segments per message: the longest of the template and the rendered samples (personalization varies). */
  private estimate(channel: CampaignChannel, messages: number, segmentCounts: number[]): CampaignEstimateDto {
    const perMessage = channel === 'sms' ? Math.max(1, ...segmentCounts) : null;
    const unit = this.cost.costPerMessage[channel];
    return {
      messages,
      smsSegmentsPerMessage: perMessage,
      smsSegments: perMessage === null ? null : perMessage * messages,
      cost: unit === null ? null : Math.round(unit * messages * 100) / 100,
      currency: this.cost.currency,
    };
  }
}
