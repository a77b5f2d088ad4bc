import { BadRequestException } from '@nestjs/common';
import type {
  CampaignChannel,
  CampaignVariantDto,
  ExperimentFallback,
  ExperimentMetric,
  ExperimentSettingsDto,
} from '@mini-crm/contracts';
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
  variants?: CampaignVariantDto[];
  holdout?: number;
  experiment?: ExperimentSettingsDto;
}

/**
 * The variants, holdout and test phase of a create body, checked together: unique keys, tokens per
 * variant, a test phase only with two or more variants, and holdout + test share leaving a remainder.
 * Null when the body asks for none of them (a plain campaign, stored as before).
 */
export function experimentOf(body: VariantsInput): { variants: StoredVariant[]; config: ExperimentConfig } | null {
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
