import {
  BgNbdForecaster,
  expectedAverageOrderValue,
  fitBgNbd,
  fitGammaGamma,
  ModelFitError,
  predictedClv,
  probabilityAlive,
  quintileBreaks,
  quintileScore,
  rfmCode,
  rfmSegment,
  type BgNbdFit,
  type GammaGammaFit,
  type RepeatData,
} from '@mini-crm/customer-models';
import type { CustomerSummaries } from './customer-summaries';
import type { CustomerScoreRow } from './insights.repository';

export interface FittedModels {
  bgNbd: BgNbdFit;
  spend: GammaGammaFit | null;
  /** Why the spend model is missing, in words. */
  spendNote: string | null;
}

/** Every `step`-th customer (ids are time-ordered, so the stride spans every cohort evenly). */
function sampleIndexes(n: number, size: number): number[] {
  const step = Math.max(1, n / size);
  const out: number[] = [];
  for (let i = 0; i < n && out.length < size; i += step) out.push(Math.floor(i));
  return out;
}

/** Fits BG/NBD (time unit days) and Gamma-Gamma on all customers, or a uniform sample above `sampleSize`. */
export function fitModels(s: CustomerSummaries, sampleSize: number): FittedModels {
  const picked = sampleIndexes(s.ids.length, sampleSize);
  const data: RepeatData = {
    x: Float64Array.from(picked, (i) => s.x[i]),
    tx: Float64Array.from(picked, (i) => s.tx[i]),
    T: Float64Array.from(picked, (i) => s.age[i]),
    weight: new Float64Array(picked.length).fill(1),
  };
  const bgNbd = fitBgNbd(data);
  const repeaters = picked.filter((i) => s.x[i] > 0 && s.repeatMean[i] > 0);
  try {
    const spend = fitGammaGamma({
      x: Float64Array.from(repeaters, (i) => s.x[i]),
      mean: Float64Array.from(repeaters, (i) => s.repeatMean[i]),
    });
    return { bgNbd, spend, spendNote: null };
  } catch (e) {
    if (!(e instanceof ModelFitError)) throw e;
    return { bgNbd, spend: null, spendNote: e.message };
  }
}

/**
 * Scores customers [from, to) of the summaries: RFM quintiles (across every customer with orders),
 * P(alive), expected orders in 30 and 90 days, expected order value and 12-month CLV.
 */
export class CustomerScorer {
  private readonly recencyBreaks;
  private readonly frequencyBreaks;
  private readonly monetaryBreaks;
  private readonly forecaster;

  constructor(
    private readonly s: CustomerSummaries,
    private readonly models: FittedModels,
    private readonly discountRate: number,
  ) {
    this.recencyBreaks = quintileBreaks(s.recency);
    this.frequencyBreaks = quintileBreaks(s.frequency);
    this.monetaryBreaks = quintileBreaks(s.monetary);
    this.forecaster = new BgNbdForecaster(models.bgNbd.params);
  }

  score(from: number, to: number): CustomerScoreRow[] {
    const { s, models, forecaster } = this;
    const params = models.bgNbd.params;
    const out: CustomerScoreRow[] = [];
    for (let i = from; i < to; i++) {
      const x = s.x[i];
      const tx = s.tx[i];
      const T = s.age[i];
      const recency = quintileScore(s.recency[i], this.recencyBreaks, true);
      const frequency = quintileScore(s.frequency[i], this.frequencyBreaks);
      const monetary = quintileScore(s.monetary[i], this.monetaryBreaks);
      const pAlive = probabilityAlive(params, x, tx, T);
      const aov = models.spend ? expectedAverageOrderValue(models.spend.params, x, s.repeatMean[i]) : s.orderMean[i];
      out.push({
        id: s.ids[i],
        rfmScore: rfmCode(recency, frequency, monetary),
        rfmSegment: rfmSegment(recency, frequency),
        recency,
        frequency,
        monetary,
        pAlive,
        churnRisk: 1 - pAlive,
        expected30: forecaster.expected(30, x, tx, T),
        expected90: forecaster.expected(90, x, tx, T),
        clv: models.spend
          ? predictedClv(params, aov, { x, tx, T }, { annualDiscountRate: this.discountRate, forecaster })
          : null,
        aov,
      });
    }
    return out;
  }
}
