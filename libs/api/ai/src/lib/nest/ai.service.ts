import { Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import type {
  AiMessagesRequestDto,
  AiMessagesResponseDto,
  AiProviderName,
  AiSegmentRulesRequestDto,
  AiSegmentRulesResponseDto,
  SegmentGroup,
} from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AuthUser } from '@mini-crm/api/core';
import { SegmentsService } from '@mini-crm/api/segments';
import { CampaignsRepository } from '@mini-crm/api/campaigns';
import { formatSegmentRuleIssues, summarizeSegmentRules, validateSegmentRules } from '@mini-crm/segment-engine';
import type {
  AiProvider,
  AudienceSummary,
  MessageOption,
  MessageSuggestionRequest,
  RecentCampaign,
} from '../providers/ai-provider.types';
import { AiUpstreamError } from '../providers/ai.errors';
import { AiAnswerCache } from './ai-answer-cache.service';
import { toHttpError } from './ai-http-error.util';
import { AiAnswer, AiProviderChain } from './ai-provider-chain.service';

export const MIN_MESSAGE_OPTIONS = 3;
/** How many recent campaigns a description can name. */
const RECENT_CAMPAIGNS = 20;

interface CachedRules {
  provider: AiProviderName;
  rules: SegmentGroup;
}

/** Message suggestions and natural-language segments: caching, fallback, repair and error mapping around the providers. */
@Injectable()
export class AiService {
  private readonly logger = new Logger('Ai');

  constructor(
    private readonly providers: AiProviderChain,
    private readonly cache: AiAnswerCache,
    private readonly segments: SegmentsService,
    private readonly campaigns: CampaignsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async suggestMessages(body: AiMessagesRequestDto, user: AuthUser): Promise<AiMessagesResponseDto> {
    const started = Date.now();
    const req: MessageSuggestionRequest = {
      intent: body.intent,
      channel: body.channel,
      tone: body.tone ?? 'friendly',
      length: body.length ?? 'short',
      language: normalizeText(body.language),
      instructions: normalizeText(body.instructions),
      audience: body.segmentId ? await this.audience(body.segmentId) : undefined,
    };
    const key = this.cache.key('messages', this.identity(), req);
    const meta = {
      task: 'messages',
      user: user.id,
      intent: req.intent,
      channel: req.channel,
      segment: body.segmentId ?? null,
    };

    const cached = await this.cache.get<AiMessagesResponseDto>(key);
    if (cached) {
      this.logCall({ ...meta, provider: cached.provider, cached: true, started });
      return cached;
    }
    const answer = await this.runProviders((p) => this.atLeastThreeOptions(p, req), meta, started);
    const result: AiMessagesResponseDto = { provider: answer.provider, options: answer.value };
    if (!answer.fellBack) await this.cache.set(key, result);
    this.logCall({ ...meta, provider: answer.provider, cached: false, started });
    return result;
  }

  async segmentRules(body: AiSegmentRulesRequestDto, user: AuthUser): Promise<AiSegmentRulesResponseDto> {
    const started = Date.now();
    const text = normalizeText(body.text) ?? '';
    // "our last campaign" depends on what has been launched: the campaigns are part of the question
    const campaigns = await this.campaigns.recentlyStarted(RECENT_CAMPAIGNS);
    const key = this.cache.key('segment-rules', this.identity(), { text, campaigns: campaigns.map((c) => c.id) });
    const meta = { task: 'segment-rules', user: user.id, chars: text.length };

    let answer = await this.cache.get<CachedRules>(key);
    const cached = answer !== undefined;
    if (!answer) {
      const run = await this.runProviders((p) => this.rulesWithRepair(p, text, campaigns), meta, started);
      answer = { provider: run.provider, rules: run.value };
      if (!run.fellBack) await this.cache.set(key, answer);
    }
    const count = await this.segments.countAudience(answer.rules);
    this.logCall({ ...meta, provider: answer.provider, cached, started });
    const names = new Map(campaigns.map((c) => [c.id, c.name]));
    const summary = this.summarize(answer.rules, (id) => names.get(id));
    return { provider: answer.provider, rules: answer.rules, summary, count };
  }

  /** Runs the provider chain; a failure is logged against the primary provider and mapped to an HTTP error. */
  private runProviders<T>(
    task: (provider: AiProvider) => Promise<T>,
    meta: Record<string, unknown>,
    started: number,
  ): Promise<AiAnswer<T>> {
    return this.providers.run(task).catch((e: unknown) => {
      this.logCall({
        ...meta,
        provider: this.providers.primary.name,
        cached: false,
        started,
        failed: (e as Error).message,
      });
      throw toHttpError(e);
    });
  }

  /** Regenerates once when fewer than three options survive the checks; still short is a failed answer. */
  private async atLeastThreeOptions(provider: AiProvider, req: MessageSuggestionRequest): Promise<MessageOption[]> {
    const options = await provider.suggestMessages(req);
    if (options.length >= MIN_MESSAGE_OPTIONS) return options;
    const seen = new Set(options.map((o) => o.text));
    for (const extra of await provider.suggestMessages(req)) {
      if (!seen.has(extra.text)) options.push(extra);
      seen.add(extra.text);
    }
    if (options.length < MIN_MESSAGE_OPTIONS) {
      throw new AiUpstreamError(
        `${provider.name} gave only ${options.length} usable message option(s) after regenerating`,
      );
    }
    return options;
  }

  /** One repair round with the validator's errors, then a 422 naming what is still wrong. */
  private async rulesWithRepair(
    provider: AiProvider,
    text: string,
    campaigns: readonly RecentCampaign[],
  ): Promise<SegmentGroup> {
    const first = await provider.segmentRulesFromText({ text, campaigns });
    const checked = validateSegmentRules(first);
    if (checked.ok) return checked.rules;
    this.logger.warn(
      `${provider.name} answered invalid segment rules (${checked.errors.length} error(s)); asking for a repair`,
    );

    const second = await provider.segmentRulesFromText({
      text,
      campaigns,
      repair: { previous: first, errors: checked.errors },
    });
    const rechecked = validateSegmentRules(second);
    if (rechecked.ok) return rechecked.rules;
    throw new UnprocessableEntityException({
      message: `Could not turn the description into valid segment rules: ${formatSegmentRuleIssues(rechecked.errors.slice(0, 3))}`,
      details: rechecked.errors.map((e) => ({ path: e.path ? `rules.${e.path}` : 'rules', message: e.message })),
    });
  }

  /** Aggregates of a saved segment for the prompt (404 for an unknown segment); copied field by field. */
  private async audience(segmentId: string): Promise<AudienceSummary> {
    const { segment } = await this.segments.getAudience(segmentId);
    const s = await this.segments.audienceStats(segmentId);
    return {
      size: s.size,
      spend: { p25: s.spend.p25, median: s.spend.median, p75: s.spend.p75, max: s.spend.max },
      orders: { median: s.orders.median, p75: s.orders.p75 },
      topCities: s.topCities.map((c) => ({ city: c.city, count: c.count })),
      recency: { medianDaysSinceLastOrder: s.recency.medianDaysSinceLastOrder, shareNoOrders: s.recency.shareNoOrders },
      predictions: {
        scored: s.predictions.scored,
        medianChurnRisk: s.predictions.medianChurnRisk,
        shareHighChurnRisk: s.predictions.shareHighChurnRisk,
        medianPredictedClv: s.predictions.medianPredictedClv,
        expectedOrders30d: s.predictions.expectedOrders30d,
        rfmSegments: s.predictions.rfmSegments.map((r) => ({ segment: r.segment, count: r.count })),
      },
      rulesSummary: this.summarize(segment.rules),
    };
  }

  private summarize(rules: SegmentGroup, campaignName?: (id: string) => string | undefined): string {
    return summarizeSegmentRules(rules, { currency: this.config.defaults.currency, campaignName });
  }

  private identity(): { provider: string; model: string | null } {
    return { provider: this.providers.primary.name, model: this.providers.model };
  }

  /** Metadata only: never the prompt's free text, customer data or keys. */
  private logCall(
    m: Record<string, unknown> & { provider: string; cached: boolean; started: number; failed?: string },
  ): void {
    const { started, failed, ...rest } = m;
    const fields = {
      ...rest,
      model: rest.provider === 'gemini' ? this.providers.model : null,
      durationMs: Date.now() - started,
    };
    const line = Object.entries(fields)
      .map(([k, v]) => `${k}=${v ?? '-'}`)
      .join(' ');
    if (failed) this.logger.warn(`ai call failed ${line} error="${failed}"`);
    else this.logger.log(`ai call ${line}`);
  }
}

function normalizeText(value: string | undefined | null): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}
