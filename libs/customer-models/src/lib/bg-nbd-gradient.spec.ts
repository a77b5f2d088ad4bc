import { bgNbdLogLikelihood, type BgNbdParams } from './bg-nbd';
import { bgNbdLogLikelihoodWithGradient, indexRepeatData } from './bg-nbd-gradient';
import { compressRepeatData } from './repeat-data';
import { simulateBgNbd } from './simulate';

describe('BG/NBD likelihood with its gradient', () => {
  const raw = simulateBgNbd({ r: 0.8, alpha: 20, a: 0.7, b: 3 }, { customers: 3000, maxAge: 365, seed: 11 });
  // Whole days, as the insights job summarises them (many customers share a row).
  for (let i = 0; i < raw.x.length; i++) {
    raw.T[i] = Math.ceil(raw.T[i]);
    raw.tx[i] = raw.x[i] > 0 ? Math.max(1, Math.min(raw.T[i], Math.round(raw.tx[i]))) : 0;
  }
  const data = compressRepeatData(raw);
  const indexed = indexRepeatData(data);

  it.each([
    { r: 0.8, alpha: 20, a: 0.7, b: 3 },
    { r: 2.5, alpha: 90, a: 0.05, b: 40 },
    { r: 0.1, alpha: 2, a: 5, b: 0.5 },
  ])('matches the plain likelihood and its central differences at %o', (p: BgNbdParams) => {
    const { value, gradient } = bgNbdLogLikelihoodWithGradient(p, indexed);
    expect(Math.abs(value / bgNbdLogLikelihood(p, raw) - 1)).toBeLessThan(1e-12);
    (['r', 'alpha', 'a', 'b'] as const).forEach((key, i) => {
      const h = 1e-6 * p[key];
      const up = bgNbdLogLikelihood({ ...p, [key]: p[key] + h }, data);
      const down = bgNbdLogLikelihood({ ...p, [key]: p[key] - h }, data);
      const numeric = (up - down) / (2 * h);
      expect({ [key]: Math.abs(gradient[i] - numeric) / Math.max(1, Math.abs(numeric)) < 1e-4 }).toEqual({
        [key]: true,
      });
    });
  });
});
