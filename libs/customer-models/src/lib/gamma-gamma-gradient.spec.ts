import { gammaGammaLogLikelihood, type GammaGammaParams } from './gamma-gamma';
import { gammaGammaLogLikelihoodWithGradient, prepareSpendData } from './gamma-gamma-gradient';

describe('Gamma-Gamma likelihood with its gradient', () => {
  const x = Float64Array.from({ length: 2000 }, (_, i) => 1 + (i % 7));
  const mean = Float64Array.from({ length: 2000 }, (_, i) => 15 + ((i * 37) % 101) + (i % 3) * 0.25);
  const data = { x, mean };
  const prepared = prepareSpendData(data);

  it.each([
    { p: 6.25, q: 3.74, gamma: 15.44 },
    { p: 0.5, q: 40, gamma: 900 },
  ])('matches the plain likelihood and its central differences at %o', (params: GammaGammaParams) => {
    const { value, gradient } = gammaGammaLogLikelihoodWithGradient(params, prepared);
    expect(Math.abs(value / gammaGammaLogLikelihood(params, data) - 1)).toBeLessThan(1e-12);
    (['p', 'q', 'gamma'] as const).forEach((key, i) => {
      const h = 1e-6 * params[key];
      const up = gammaGammaLogLikelihood({ ...params, [key]: params[key] + h }, data);
      const down = gammaGammaLogLikelihood({ ...params, [key]: params[key] - h }, data);
      const numeric = (up - down) / (2 * h);
      expect({ [key]: Math.abs(gradient[i] - numeric) / Math.max(1, Math.abs(numeric)) < 1e-4 }).toEqual({
        [key]: true,
      });
    });
  });
});
