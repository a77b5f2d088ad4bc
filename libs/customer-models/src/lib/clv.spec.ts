import { BgNbdForecaster, conditionalExpectedPurchases } from './bg-nbd';
import { predictedClv } from './clv';

describe('predicted CLV', () => {
  const params = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
  const history = { x: 4, tx: 200, T: 210 };

  it('equals expected orders × order value with no discounting', () => {
    const clv = predictedClv(params, 50, history, { annualDiscountRate: 0 });
    const orders = conditionalExpectedPurchases(params, 365.25, history.x, history.tx, history.T);
    expect(clv).toBeCloseTo(orders * 50, 9);
  });

  it('is lower with a higher discount rate, and zero for a zero order value', () => {
    const low = predictedClv(params, 50, history, { annualDiscountRate: 0.05 });
    const high = predictedClv(params, 50, history, { annualDiscountRate: 0.3 });
    expect(high).toBeLessThan(low);
    expect(predictedClv(params, 0, history)).toBe(0);
  });

  it('gives the same answers through a forecaster shared across customers', () => {
    const forecaster = new BgNbdForecaster(params);
    for (const h of [history, { x: 4, tx: 120, T: 210 }, { x: 0, tx: 0, T: 210 }, { x: 2, tx: 3.5, T: 10.25 }]) {
      expect(predictedClv(params, 50, h, { forecaster })).toBe(predictedClv(params, 50, h));
      expect(forecaster.expected(30, h.x, h.tx, h.T)).toBe(conditionalExpectedPurchases(params, 30, h.x, h.tx, h.T));
    }
  });
});
