import { signal } from '@angular/core';
import type { CampaignDto, ExperimentSettingsDto } from '@mini-crm/contracts';
import { experimentFields, type ExtraVariant } from './experiment-settings.util';

/** The wizard's A/B test state: variants B–E (variant A is the composer's message), holdout share, test phase. */
export class WizardExperiment {
  readonly extras = signal<ExtraVariant[]>([]);
  readonly holdout = signal(0);
  readonly test = signal<ExperimentSettingsDto | null>(null);

  fields(first: { message: string; subject: string | null }, email: boolean) {
    return experimentFields(first, this.extras(), this.holdout(), this.test(), email);
  }

  restore(c: Pick<CampaignDto, 'variants' | 'holdout' | 'experiment'>): void {
    this.extras.set((c.variants ?? []).slice(1).map((v) => ({ ...v, subject: v.subject ?? '' })));
    this.holdout.set(c.holdout ?? 0);
    this.test.set(c.experiment ?? null);
  }
}
