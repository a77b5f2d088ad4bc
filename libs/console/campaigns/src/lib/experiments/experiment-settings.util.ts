import type { CampaignVariantDto, ExperimentSettingsDto } from '@mini-crm/contracts';

/** Variant keys in order: variant A is the composer's message, B–E are added below it. */
export const VARIANT_KEYS = ['A', 'B', 'C', 'D', 'E'] as const;

export interface ExtraVariant {
  key: string;
  message: string;
  subject: string;
}

export const DEFAULT_TEST: ExperimentSettingsDto = {
  testShare: 0.2,
  metric: 'click_rate',
  waitMinutes: 240,
  confidence: 0.95,
  fallback: 'best',
};

/** The extra variants re-keyed B, C, … after one is removed. */
export function rekeyed(extras: readonly ExtraVariant[]): ExtraVariant[] {
  return extras.map((v, i) => ({ ...v, key: VARIANT_KEYS[i + 1] }));
}

/** What is still missing in the extra variants (empty: complete). */
export function variantProblems(extras: readonly ExtraVariant[], email: boolean): string[] {
  const out: string[] = [];
  for (const v of extras) {
    if (!v.message.trim()) out.push(`Write variant ${v.key}'s message.`);
    if (email && !v.subject.trim()) out.push(`Give variant ${v.key} a subject.`);
  }
  return out;
}

/** The draft's experiment fields: null/0/null for a plain campaign (so an update drops them too). */
export function experimentFields(
  first: { message: string; subject: string | null },
  extras: readonly ExtraVariant[],
  holdout: number,
  test: ExperimentSettingsDto | null,
  email: boolean,
): { variants: CampaignVariantDto[] | null; holdout: number; experiment: ExperimentSettingsDto | null } {
  if (!extras.length && holdout <= 0) return { variants: null, holdout: 0, experiment: null };
  const a: CampaignVariantDto = { key: 'A', message: first.message, subject: email ? first.subject : null };
  const rest = extras.map((v) => ({ key: v.key, message: v.message, subject: email ? v.subject : null }));
  return { variants: [a, ...rest], holdout, experiment: extras.length ? test : null };
}

/** Who each variant reaches: the test share split across variants, or (no test phase) everyone not held out. */
export function reachPerVariant(
  audience: number,
  variants: number,
  holdout: number,
  test: ExperimentSettingsDto | null,
): number {
  if (variants < 1) return 0;
  const share = test ? test.testShare : 1 - holdout;
  return Math.floor((audience * share) / variants);
}
