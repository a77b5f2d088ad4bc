import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CAMPAIGN_MESSAGE_MAX } from './message-limits';

/** Most variants a campaign may test at once. */
export const MAX_CAMPAIGN_VARIANTS = 5;
/** Largest share of the audience that may be held out (receives nothing). */
export const MAX_HOLDOUT = 0.5;
/** Short labels: "A", "B", "short", "emoji-2". */
export const VARIANT_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/;

/** What decides the winner. `open_rate` is allowed but inflated by machine opens (privacy proxies). */
export const EXPERIMENT_METRICS = ['click_rate', 'conversion_rate', 'revenue_per_recipient', 'open_rate'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];

/** When no variant wins significantly: send the leader anyway, send the first variant, or wait for a person. */
export const EXPERIMENT_FALLBACKS = ['best', 'first', 'manual'] as const;
export type ExperimentFallback = (typeof EXPERIMENT_FALLBACKS)[number];

/** test: the test share is being sent; waiting: decided nothing yet and waits for a person (fallback manual). */
export const EXPERIMENT_PHASES = ['test', 'waiting', 'winner_sent', 'manual'] as const;
export type ExperimentPhase = (typeof EXPERIMENT_PHASES)[number];

/** One variant of a campaign's message. */
export class CampaignVariantDto {
  /** Short label, unique within the campaign ("A", "B", …). */
  @IsString()
  @Matches(VARIANT_KEY_PATTERN, {
    message: 'key must be 1–16 letters, digits, _ or - (starting with a letter or digit)',
  })
  key!: string;

  /** This variant's message (same rules as the campaign's `message`). */
  @IsString()
  @MaxLength(CAMPAIGN_MESSAGE_MAX)
  message!: string;

  /** Email subject of this variant (email only). */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string | null;
}

/** A test phase: the test share is split evenly across variants; after the wait the winner goes to the rest. */
export class ExperimentSettingsDto {
  /** Share of the audience in the test phase (0.05–0.9); the remainder waits for the winner. */
  @Type(() => Number)
  @IsNumber({}, { message: 'testShare must be a number' })
  @Min(0.05, { message: 'testShare must be at least 0.05' })
  @Max(0.9, { message: 'testShare must be at most 0.9' })
  testShare!: number;

  /** click_rate | conversion_rate | revenue_per_recipient | open_rate (inflated by machine opens). */
  @IsIn(EXPERIMENT_METRICS, { message: `metric must be one of ${EXPERIMENT_METRICS.join(', ')}` })
  metric!: ExperimentMetric;

  /** Minutes between the launch and the decision (1 minute to 30 days). */
  @IsInt({ message: 'waitMinutes must be a whole number' })
  @Min(1, { message: 'waitMinutes must be at least 1' })
  @Max(43_200, { message: 'waitMinutes must be at most 43200 (30 days)' })
  waitMinutes!: number;

  /** A winner needs its advantage significant at this level (default 0.95). */
  @IsOptional()
  @IsNumber({}, { message: 'confidence must be a number' })
  @Min(0.8, { message: 'confidence must be at least 0.8' })
  @Max(0.999, { message: 'confidence must be at most 0.999' })
  confidence?: number;

  /** No significant winner: best (send the leader), first (send the first variant) or manual (wait). Default best. */
  @IsOptional()
  @IsIn(EXPERIMENT_FALLBACKS, { message: `fallback must be one of ${EXPERIMENT_FALLBACKS.join(', ')}` })
  fallback?: ExperimentFallback;
}

/** The experiment fields of a campaign's create and update bodies. */
export class CampaignExperimentFieldsDto {
  /** 1–5 variants of the message (A/B/n); `message`/`subject` then take the first variant's. */
  @IsOptional()
  @IsArray({ message: 'variants must be a list' })
  @ArrayMinSize(1, { message: 'variants needs at least one variant' })
  @ArrayMaxSize(MAX_CAMPAIGN_VARIANTS, { message: `variants holds at most ${MAX_CAMPAIGN_VARIANTS} variants` })
  @ValidateNested({ each: true })
  @Type(() => CampaignVariantDto)
  variants?: CampaignVariantDto[] | null;

  /** Share of the audience (0–0.5) that receives nothing and is recorded as holdout. */
  @IsOptional()
  @IsNumber({}, { message: 'holdout must be a number' })
  @Min(0, { message: 'holdout must be at least 0' })
  @Max(MAX_HOLDOUT, { message: `holdout must be at most ${MAX_HOLDOUT}` })
  holdout?: number | null;

  /** A test phase before the winner goes to the remainder (needs at least two variants). */
  @IsOptional()
  @IsObject({ message: 'experiment must be an object' })
  @ValidateNested()
  @Type(() => ExperimentSettingsDto)
  experiment?: ExperimentSettingsDto | null;
}

/** "Send winner now": a person picks the variant the remainder gets. */
export class PickWinnerDto {
  @IsString()
  @Matches(VARIANT_KEY_PATTERN, { message: 'variant must be a variant key' })
  variant!: string;
}

export class IntervalDto {
  low!: number;
  high!: number;
}

export class VariantStatsDto {
  key!: string;
  /** Recipients assigned to this variant (test phase, plus the remainder once it got the winner). */
  audience!: number;
  sent!: number;
  delivered!: number;
  opened!: number;
  clicked!: number;
  /** Recipients with an attributed order, and its revenue. */
  converted!: number;
  revenue!: number;
  /** The experiment's metric for this variant (a rate, or revenue per recipient). */
  rate!: number;
  /** Its interval at the experiment's confidence (Wilson for rates, t for revenue per recipient). */
  interval!: IntervalDto;
  /** Difference to the control (first variant) with Newcombe/Welch interval and Holm-adjusted p-value. */
  vsControl?: { difference: number; interval: IntervalDto; pValue: number; adjustedPValue: number } | null;
  /** Posterior probability that this variant is best (rate metrics). */
  probabilityBest?: number | null;
}

/** Said plainly: the difference is (or is not) significant at the experiment's confidence. */
export type HoldoutVerdict = 'significant' | 'not significant';

/**
 * Recipients (sent, not failed) vs the holdout, each person counted by any order from the launch to
 * the end of the attribution window (attributed or not: the holdout got nothing to attribute to).
 * Differences are recipients − holdout.
 */
export class HoldoutLiftDto {
  confidence!: number;
  /** Recipients compared (the holdout's size is on HoldoutStatsDto). */
  recipients!: number;
  /** Share of people with at least one order. */
  recipientConversionRate!: number;
  holdoutConversionRate!: number;
  conversionRateDifference!: number;
  /** Newcombe interval of the difference. */
  conversionInterval!: IntervalDto;
  /** Pooled two-proportion z-test, two-sided. */
  conversionPValue!: number;
  conversionVerdict!: HoldoutVerdict;
  recipientRevenuePerPerson!: number;
  holdoutRevenuePerPerson!: number;
  revenuePerPersonDifference!: number;
  /** Welch interval of the difference. */
  revenueInterval!: IntervalDto;
  /** Welch's t-test, two-sided. */
  revenuePValue!: number;
  revenueVerdict!: HoldoutVerdict;
  /** Either difference is significant. */
  significant!: boolean;
  /** One sentence for people, e.g. "Recipients converted 12.0 % vs 5.0 % held out (p = 0.003, significant); …". */
  summary!: string;
}

export class HoldoutStatsDto {
  /** Customers held out: recorded, sent nothing. */
  size!: number;
  /** Held-out customers who ordered between the launch and the attribution window's end, and their revenue. */
  converted!: number;
  revenue!: number;
  /** Recipients vs holdout (null until both groups have people); `significant` and the verdicts say it plainly. */
  lift?: HoldoutLiftDto | null;
}

export class ExperimentStatsDto {
  phase!: ExperimentPhase;
  metric!: ExperimentMetric;
  confidence!: number;
  /** The variant the remainder got (or gets), when decided. */
  winner?: string | null;
  /** Why: significant | fallback_best | fallback_first | manual. */
  reason?: string | null;
  /** Leader against the others, Holm-adjusted (the largest). */
  pValue?: number | null;
  /** Probability to be best per variant key (rate metrics). */
  probabilityBest!: Record<string, number>;
  /** When the decision is (or was) due. */
  decideAt?: string | null;
  decidedAt?: string | null;
  /** Set for open_rate: machine opens inflate it. */
  warning?: string | null;
}

/** `GET /api/experiments/sample-size`: how many recipients a test needs to detect a lift. */
export class SampleSizeQueryDto {
  /** The control's expected rate, e.g. 0.05 for a 5 % click rate (0 < baseline < 1). */
  @Type(() => Number)
  @IsNumber({}, { message: 'baseline must be a number' })
  @IsPositive({ message: 'baseline must be above 0' })
  @Max(0.99, { message: 'baseline must be at most 0.99' })
  baseline!: number;

  /** Smallest relative lift worth detecting, e.g. 0.2 for +20 % (0.05 → 0.06). */
  @Type(() => Number)
  @IsNumber({}, { message: 'lift must be a number' })
  @IsPositive({ message: 'lift must be above 0' })
  @Max(10, { message: 'lift must be at most 10 (+1000 %)' })
  lift!: number;

  /** 1 − α, two-sided (default 0.95). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'confidence must be a number' })
  @Min(0.8, { message: 'confidence must be at least 0.8' })
  @Max(0.999, { message: 'confidence must be at most 0.999' })
  confidence?: number;

  /** 1 − β: the chance of detecting a true lift of that size (default 0.8). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'power must be a number' })
  @Min(0.5, { message: 'power must be at least 0.5' })
  @Max(0.99, { message: 'power must be at most 0.99' })
  power?: number;

  /** Variants in the test (default 2): the total is this many groups. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'variants must be a whole number' })
  @Min(2, { message: 'variants must be at least 2' })
  @Max(MAX_CAMPAIGN_VARIANTS, { message: `variants must be at most ${MAX_CAMPAIGN_VARIANTS}` })
  variants?: number;
}

export class SampleSizeDto {
  baseline!: number;
  lift!: number;
  confidence!: number;
  power!: number;
  variants!: number;
  /** Recipients each variant needs (two-sided pooled two-proportion z-test, Fleiss without continuity correction). */
  perVariant!: number;
  /** perVariant × variants: the test phase's audience (testShare × audience) should reach it. */
  total!: number;
}
