import { conditionalExpectedPurchases, type BgNbdForecaster, type BgNbdParams } from './bg-nbd';

export interface ClvOptions {
  /** Months ahead (default 12). */
  months?: number;
  /** Annual discount rate, e.g. 0.1 for 10 % (default 0.1). */
  annualDiscountRate?: number;
  /** Days per discounting step (default 91.3125: quarterly, four hyp2f1 evaluations a year). */
  stepDays?: number;
  /** Shares hypergeometric terms across customers (same answers, faster over many customers). */
  forecaster?: BgNbdForecaster;
}

/**
 * Predicted customer lifetime value over the horizon: expected purchases in each step (BG/NBD,
 * conditional on the customer's history, time unit days) × expected order value (Gamma-Gamma),
 * discounted to today at the end of each step.
 */
export function predictedClv(
  params: BgNbdParams,
  expectedOrderValue: number,
  history: { x: number; tx: number; T: number },
  options: ClvOptions = {},
): number {
  const horizonDays = ((options.months ?? 12) * 365.25) / 12;
  const stepDays = options.stepDays ?? 365.25 / 4;
  const rate = options.annualDiscountRate ?? 0.1;
  let previous = 0;
  let value = 0;
  for (let end = stepDays; end <= horizonDays + 1e-9; end += stepDays) {
    const cumulative = options.forecaster
      ? options.forecaster.expected(end, history.x, history.tx, history.T)
      : conditionalExpectedPurchases(params, end, history.x, history.tx, history.T);
    value += ((cumulative - previous) * expectedOrderValue) / Math.pow(1 + rate, end / 365.25);
    previous = cumulative;
  }
  return value;
}
