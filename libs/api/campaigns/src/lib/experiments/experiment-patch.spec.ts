import { BadRequestException } from '@nestjs/common';
import type { UpdateCampaignDto } from '@mini-crm/contracts';
import { experimentPatchOf, type ExperimentConfig } from './experiment-config.util';

const A = { key: 'A', message: 'Hi A', subject: null };
const B = { key: 'B', message: 'Hi B', subject: null };
const stored: ExperimentConfig = {
  holdout: 0.1,
  testShare: 0.3,
  metric: 'click_rate',
  waitMinutes: 60,
  confidence: 0.95,
  fallback: 'best',
};
const withVariants = { channel: 'sms', message: 'Hi A', subject: null, variants: [A, B] };
const plain = { channel: 'sms', message: 'Hello', subject: null, variants: null };
const patch = (body: Partial<UpdateCampaignDto>) => body as UpdateCampaignDto;

describe('experimentPatchOf (PATCH of a draft)', () => {
  it('leaves a plain draft alone unless the body names an experiment field', () => {
    expect(experimentPatchOf(plain, null, patch({ message: 'Hey', name: 'x' }))).toBeUndefined();
    expect(experimentPatchOf(withVariants, stored, patch({ name: 'x' }))).toBeUndefined();
  });

  it('keeps what the body omits and replaces what it sends', () => {
    expect(experimentPatchOf(withVariants, stored, patch({ holdout: 0.2 }))).toEqual({
      variants: [A, B],
      config: { ...stored, holdout: 0.2 },
    });
    const noTest = experimentPatchOf(withVariants, stored, patch({ experiment: null }));
    expect(noTest?.config).toMatchObject({ holdout: 0.1, testShare: null, metric: null, waitMinutes: null });
  });

  it('a message alone edits the first variant', () => {
    expect(experimentPatchOf(withVariants, stored, patch({ message: 'New A' }))?.variants).toEqual([
      { ...A, message: 'New A' },
      B,
    ]);
  });

  it('dropping variants, holdout and test phase makes the campaign plain (null)', () => {
    expect(experimentPatchOf(withVariants, stored, patch({ variants: null, holdout: 0, experiment: null }))).toBeNull();
  });

  it('checks the result as on create: a test phase needs two variants', () => {
    expect(() => experimentPatchOf(withVariants, stored, patch({ variants: [A] }))).toThrow(BadRequestException);
  });
});
