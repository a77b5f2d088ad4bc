import type { RfmSegmentValue } from '../segments/segment-fields';

/**
 * A customer's scores from the last customer-model run (RFM, BG/NBD, Gamma-Gamma); null for customers
 * without orders and before the first run. The same values are segment fields (`rfm_score`, `churn_risk`, …).
 */
export class CustomerOutlookDto {
  /** Recency, frequency and monetary scores (1–5 each) as one code, e.g. `545`. */
  rfmScore!: string;
  rfmSegment!: RfmSegmentValue;
  recencyScore!: number;
  frequencyScore!: number;
  monetaryScore!: number;
  /** 1 − pAlive. */
  churnRisk!: number;
  /** Probability (0–1) that the customer is still active (BG/NBD). */
  pAlive!: number;
  expectedOrders30d!: number;
  expectedOrders90d!: number;
  /** Predicted value over the next 12 months, discounted; null without a spend model. */
  predictedClv!: number | null;
  /** Expected value of an order (Gamma-Gamma; the customer's own average without one). */
  avgOrderValue!: number | null;
  /** When the run that wrote these scores started. */
  scoredAt!: string;
}
