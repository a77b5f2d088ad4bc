import { RFM_SEGMENT_VALUES, type RfmSegmentValue } from '@mini-crm/contracts';
/** Scores 1–5 by quintile. Ties share a score, so a value never scores differently from its equal. */
export interface QuintileBreaks {
  /** The 20th, 40th, 60th and 80th percentile values (ascending). */
  breaks: [number, number, number, number];
}

/** Percentile breakpoints of the values (nearest-rank on the sorted copy). */
export function quintileBreaks(values: ArrayLike<number>): QuintileBreaks {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { breaks: [0, 0, 0, 0] };
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return { breaks: [at(0.2), at(0.4), at(0.6), at(0.8)] };
}

/** 1 + the number of breakpoints below the value; `lowerIsBetter` flips it (recency: fewer days is better). */
export function quintileScore(value: number, { breaks }: QuintileBreaks, lowerIsBetter = false): number {
  let above = 0;
  for (const b of breaks) if (value > b) above++;
  if (!lowerIsBetter) return 1 + above;
  let below = 0;
  for (const b of breaks) if (value < b) below++;
  return 1 + below;
}

/** The named segments: one list, kept with the segment fields in contracts. */
export const RFM_SEGMENTS = RFM_SEGMENT_VALUES;
export type RfmSegment = RfmSegmentValue;

/** Display names live with the segment fields in contracts. */
export { RFM_SEGMENT_LABELS } from '@mini-crm/contracts';

/**
 * The usual recency × frequency map (monetary is in the code, not the segment):
 *
 * | R \ F | 1              | 2              | 3                  | 4         | 5               |
 * |-------|----------------|----------------|--------------------|-----------|-----------------|
 * | 5     | New            | Potential loy. | Potential loyalist | Champions | Champions       |
 * | 4     | Promising      | Potential loy. | Potential loyalist | Loyal     | Loyal           |
 * | 3     | About to sleep | About to sleep | Need attention     | Loyal     | Loyal           |
 * | 2     | Hibernating    | Hibernating    | At risk            | At risk   | Can't lose them |
 * | 1     | Lost           | Hibernating    | At risk            | At risk   | Can't lose them |
 */
export function rfmSegment(recency: number, frequency: number): RfmSegment {
  if (recency >= 4 && frequency >= 2 && frequency <= 3) return 'potential_loyalist';
  if (recency === 5) return frequency >= 4 ? 'champions' : 'new';
  if (recency === 4) return frequency >= 4 ? 'loyal' : 'promising';
  if (recency === 3) return frequency >= 4 ? 'loyal' : frequency === 3 ? 'need_attention' : 'about_to_sleep';
  if (frequency === 5) return 'cant_lose';
  if (frequency >= 3) return 'at_risk';
  return recency === 1 && frequency === 1 ? 'lost' : 'hibernating';
}

/** The three-digit code, e.g. "545". */
export function rfmCode(recency: number, frequency: number, monetary: number): string {
  return `${recency}${frequency}${monetary}`;
}
