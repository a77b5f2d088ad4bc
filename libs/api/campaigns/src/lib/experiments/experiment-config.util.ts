import { BadRequestException } from '@nestjs/common';
import type {
  CampaignChannel,
  CampaignVariantDto,
  ExperimentFallback,
  ExperimentMetric,
  ExperimentSettingsDto,
  UpdateCampaignDto,
} from '@mini-crm/contracts';
import type { campaignExperiments } from '@mini-crm/db';
import { assertCampaignContent, storedMessage } from '../campaign-content.util';

export interface StoredVariant {
  key: string;
  message: string;
  subject: string | null;
}

/** What a campaign's experiment row holds (null settings: no test phase). */
export interface ExperimentConfig {
  holdout: number;
  testShare: number | null;
  metric: ExperimentMetric | null;
  waitMinutes: number | null;
  confidence: number;
  fallback: ExperimentFallback;
}

export interface VariantsInput {
  channel: CampaignChannel;
  message?: string;
  subject?: string | null;
  variants?: CampaignVariantDto[] | null;
  holdout?: number | null;
  experiment?: ExperimentSettingsDto | null;
}

/** A campaign's experiment as stored: its variants (campaigns.variants) and its campaign_experiments row. */
export interface CampaignExperiment {
  variants: StoredVariant[];
  config: ExperimentConfig;
}

/**
 * The variants, holdout and test phase of a create body, checked together: unique keys, tokens per
 * variant, a test phase only with two or more variants, and holdout + test share leaving a remainder.
 * Null when the body asks for none of them (a plain campaign, stored as before).
 */
export function experimentOf(body: VariantsInput): CampaignExperiment | null {
  if (!body.variants && !body.holdout && !body.experiment) return null;
  const details: Array<{ path: string; message: string }> = [];
  const variants: StoredVariant[] = (
    body.variants ?? [{ key: 'A', message: body.message ?? '', subject: body.subject }]
  ).map((v) => ({
    key: v.key,
    message: storedMessage(body.channel, v.message),
    subject: body.channel === 'email' ? (v.subject ?? null) : null,
  }));
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (seen.has(v.key.toLowerCase()))
      details.push({ path: `variants[${i}].key`, message: `key ${v.key} is used twice` });
    seen.add(v.key.toLowerCase());
    try {
      assertCampaignContent({ channel: body.channel, message: v.message, subject: v.subject });
    } catch (e) {
      const inner = (e as BadRequestException).getResponse() as { details?: Array<{ path: string; message: string }> };
      for (const d of inner.details ?? []) details.push({ path: `variants[${i}].${d.path}`, message: d.message });
    }
  });
  const holdout = body.holdout ?? 0;
  const x = body.experiment;
  if (x && variants.length < 2)
    details.push({ path: 'experiment', message: 'a test phase needs at least two variants' });
  if (x && holdout + x.testShare > 0.95)
    details.push({
      path: 'experiment.testShare',
      message: 'holdout and test share must leave at least 5 % for the winner',
    });
  if (details.length) throw new BadRequestException({ message: details[0].message, details });
  return {
    variants,
    config: {
      holdout,
      testShare: x?.testShare ?? null,
      metric: x?.metric ?? null,
      waitMinutes: x?.waitMinutes ?? null,
      confidence: x?.confidence ?? 0.95,
      fallback: x?.fallback ?? 'best',
    },
  };
}

/** The settings part of a campaign_experiments row. */
export function configOf(x: typeof campaignExperiments.$inferSelect): ExperimentConfig {
  return {
    holdout: x.holdout,
    testShare: x.testShare,
    metric: x.metric as ExperimentMetric | null,
    waitMinutes: x.waitMinutes,
    confidence: x.confidence,
    fallback: x.fallback as ExperimentFallback,
  };
}

/** The test phase as the API shows and accepts it; null without one. */
export function settingsOf(config: ExperimentConfig | null): ExperimentSettingsDto | null {
  if (!config || config.testShare === null || config.metric === null || config.waitMinutes === null) return null;
  return {
    testShare: config.testShare,
    metric: config.metric,
    waitMinutes: config.waitMinutes,
    confidence: config.confidence,
    fallback: config.fallback,
  };
}

/**
 * What an update body makes of a draft's experiment: undefined when it leaves it alone, `null` when
 * the campaign becomes plain, else the new variants and settings, checked as on create. Fields the
 * body omits keep their stored values; `message`/`subject` alone edit the first variant.
 */
export function experimentPatchOf(
  current: { channel: string; message: string; subject: string | null; variants: unknown },
  stored: ExperimentConfig | null,
  body: UpdateCampaignDto,
): CampaignExperiment | null | undefined {
  const touched = body.variants !== undefined || body.holdout !== undefined || body.experiment !== undefined;
  const storedVariants = (current.variants as StoredVariant[] | null) ?? null;
  if (!touched && !storedVariants?.length) return undefined;
  if (!touched && body.message === undefined && body.subject === undefined && body.channel === undefined)
    return undefined;
  const variants =
    body.variants !== undefined
      ? (body.variants ?? undefined)
      : storedVariants?.map((v, i) =>
          i === 0
            ? {
                ...v,
                message: body.message ?? v.message,
                subject: body.subject !== undefined ? body.subject : v.subject,
              }
            : v,
        );
  return experimentOf({
    channel: (body.channel ?? current.channel) as CampaignChannel,
    message: body.message ?? current.message,
    subject: body.subject !== undefined ? body.subject : current.subject,
    variants,
    holdout: body.holdout !== undefined ? body.holdout : (stored?.holdout ?? 0),
    experiment: body.experiment !== undefined ? body.experiment : settingsOf(stored),
  });
}
