import type { RfmSegmentValue } from './segment-fields';

/** Display names of the RFM segments (the recency × frequency map, libs/customer-models `rfmSegment`). */
export const RFM_SEGMENT_LABELS: Record<RfmSegmentValue, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalist: 'Potential loyalist',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  at_risk: 'At risk',
  cant_lose: "Can't lose them",
  hibernating: 'Hibernating',
  lost: 'Lost',
};

/** One line per segment for a marketer: who they are and what to do. */
export const RFM_SEGMENT_MEANINGS: Record<RfmSegmentValue, string> = {
  champions: 'Bought recently and often: your best customers. Thank them and ask for reviews.',
  loyal: 'Buy regularly. Reward them and offer more of what they like.',
  potential_loyalist: 'Recent customers with a few orders. A nudge can make them regulars.',
  new: 'First ordered recently. Welcome them and help them to a second order.',
  promising: 'Bought recently, but rarely. Build the habit with a relevant offer.',
  need_attention: 'Average recency and frequency, starting to drift. A timely reminder helps.',
  about_to_sleep: 'Have not bought for a while and rarely did. Reach out before they forget you.',
  at_risk: 'Used to buy often, but not lately. Win them back with a personal message.',
  cant_lose: 'Were among your most frequent buyers and have gone quiet. Win them back first.',
  hibernating: 'Long since their last order, and few orders. Only a strong offer will wake them.',
  lost: 'One old order and nothing since. Low priority.',
};
