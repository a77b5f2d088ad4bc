import { assertConfidence, phiInverse, zForConfidence } from './normal';

export interface SampleSizeInput {
  /** the control's expected rate, e.g. 0.05 for a 5 % click rate */
  baselineRate: number;
  /** the smallest relative lift worth detecting, e.g. 0.2 for +20 % (0.05 → 0.06) */
  minimumDetectableLift: number;
  /** 1 − α, two-sided (default 0.95) */
  confidence?: number;
  /** 1 − β (default 0.8) */
  power?: number;
}

/**
 * Recipients needed in EACH variant for a two-sided pooled two-proportion z-test to detect the lift
 * (Fleiss' formula without continuity correction):
 * n = (z₁₋α/₂·√(2·p̄·q̄) + z₁₋β·√(p₁q₁ + p₂q₂))² / (p₂ − p₁)², p̄ = (p₁ + p₂)/2, rounded up.
 */
export function sampleSizePerVariant(input: SampleSizeInput): number {
  const confidence = input.confidence ?? 0.95;
  const power = input.power ?? 0.8;
  assertConfidence(confidence);
  assertConfidence(power);
  const p1 = input.baselineRate;
  const p2 = p1 * (1 + input.minimumDetectableLift);
  if (!(p1 > 0 && p1 < 1)) throw new RangeError('baselineRate must be in (0, 1)');
  if (!(input.minimumDetectableLift > 0) || !(p2 < 1)) {
    throw new RangeError('minimumDetectableLift must be > 0 and keep the lifted rate below 1');
  }
  const zAlpha = zForConfidence(confidence);
  const zBeta = phiInverse(power);
  const pBar = (p1 + p2) / 2;
  const numerator = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((numerator * numerator) / ((p2 - p1) * (p2 - p1)));
}
