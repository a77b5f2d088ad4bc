import type { RfmSegmentValue } from '../segments/segment-fields';

/** One cell of the RFM grid: customers with this recency and frequency score. */
export class RfmGridCellDto {
  /** 1–5; 5 = bought most recently. */
  recency!: number;
  /** 1–5; 5 = bought most often in the RFM window. */
  frequency!: number;
  customers!: number;
  /** Lifetime spend (total_spend) of the cell's customers. */
  revenue!: number;
}

/** Recency × frequency: the 25 cells, empty cells included. Aggregates only. */
export class RfmGridDto {
  /** Scored customers (every customer with orders at the last run). */
  customers!: number;
  revenue!: number;
  currency!: string;
  /** When the last run scored them; null before the first run. */
  scoredAt!: string | null;
  cells!: RfmGridCellDto[];
}

/** Customers whose churn risk lies in [from, to) (the last bucket includes 1). */
export class ChurnBucketDto {
  from!: number;
  to!: number;
  customers!: number;
}

/** Churn risk in 10 equal buckets of 0.1. */
export class ChurnDistributionDto {
  customers!: number;
  scoredAt!: string | null;
  buckets!: ChurnBucketDto[];
}

export class ClvSegmentDto {
  segment!: RfmSegmentValue;
  customers!: number;
  /** Customers with a predicted CLV (all of them once a spend model was fitted). */
  withClv!: number;
  totalClv!: number;
  /** Null when no customer of the segment has a predicted CLV. */
  averageClv!: number | null;
  averageChurnRisk!: number;
}

/**
 * Predicted 12-month value per RFM segment (every RFM segment, empty ones with zeros). Per RFM segment
 * rather than per saved segment: one indexed GROUP BY on the scores, where saved segments would need
 * every segment's rules evaluated over all customers.
 */
export class ClvBySegmentDto {
  customers!: number;
  currency!: string;
  scoredAt!: string | null;
  segments!: ClvSegmentDto[];
}
