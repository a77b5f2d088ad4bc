import { experimentFields, reachPerVariant, rekeyed, variantProblems } from './experiment-settings.util';

describe('experiment settings (wizard)', () => {
  it('a plain campaign sends null variants, no holdout and no test phase', () => {
    expect(experimentFields({ message: 'Hi', subject: null }, [], 0, null, false)).toEqual({
      variants: null,
      holdout: 0,
      experiment: null,
    });
  });

  it('variant A is the message; a holdout alone makes one variant; a test phase needs two', () => {
    const test = { testShare: 0.3, metric: 'click_rate' as const, waitMinutes: 60 };
    expect(experimentFields({ message: 'Hi', subject: 'S' }, [], 0.1, test, true)).toEqual({
      variants: [{ key: 'A', message: 'Hi', subject: 'S' }],
      holdout: 0.1,
      experiment: null,
    });
    const two = experimentFields(
      { message: 'Hi', subject: 'S' },
      [{ key: 'B', message: 'Yo', subject: 'T' }],
      0,
      test,
      false,
    );
    expect(two.variants).toEqual([
      { key: 'A', message: 'Hi', subject: null },
      { key: 'B', message: 'Yo', subject: null },
    ]);
    expect(two.experiment).toBe(test);
  });

  it('re-keys after a removal and names what is missing', () => {
    expect(rekeyed([{ key: 'C', message: 'x', subject: '' }]).map((v) => v.key)).toEqual(['B']);
    expect(variantProblems([{ key: 'B', message: ' ', subject: '' }], true)).toEqual([
      "Write variant B's message.",
      'Give variant B a subject.',
    ]);
  });

  it('reach per variant: the test share split, or everyone not held out', () => {
    expect(reachPerVariant(1000, 2, 0.1, { testShare: 0.2, metric: 'click_rate', waitMinutes: 5 })).toBe(100);
    expect(reachPerVariant(1000, 2, 0.1, null)).toBe(450);
  });
});
