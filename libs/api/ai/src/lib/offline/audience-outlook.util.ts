import type { AudienceSummary } from '../providers/ai-provider.types';
import { PREDICTION_THRESHOLDS } from './prediction-vocabulary';

/** RFM segments of customers drifting away, and of the best ones. */
const AT_RISK_SEGMENTS = new Set(['at_risk', 'cant_lose', 'hibernating', 'lost', 'about_to_sleep']);
const BEST_SEGMENTS = new Set(['champions', 'loyal']);
/** Share of scored members that makes a group the audience's character. */
const MAJORITY = 0.5;

export interface AudienceOutlook {
  kind: 'win_back' | 'thanks';
  /** Which aggregate drove the choice, for the rationale. */
  reason: string;
}

/**
 * Reads the segment-level score aggregates (never a customer's own data): a mostly at-risk
 * audience gets win-back wording, a mostly champion/loyal one gets thanks; null otherwise.
 */
export function audienceOutlook(audience: AudienceSummary | undefined): AudienceOutlook | null {
  const p = audience?.predictions;
  if (!p || p.scored === 0) return null;
  const share = (names: Set<string>) =>
    p.rfmSegments.filter((r) => names.has(r.segment)).reduce((n, r) => n + r.count, 0) / p.scored;
  const atRisk = share(AT_RISK_SEGMENTS);
  const best = share(BEST_SEGMENTS);
  const high = PREDICTION_THRESHOLDS.highChurnRisk;
  if (p.medianChurnRisk !== null && p.medianChurnRisk > high) {
    return { kind: 'win_back', reason: `median churn risk is ${p.medianChurnRisk.toFixed(2)} (above ${high})` };
  }
  if (p.shareHighChurnRisk !== null && p.shareHighChurnRisk >= MAJORITY) {
    return { kind: 'win_back', reason: `${percent(p.shareHighChurnRisk)} have a churn risk above ${high}` };
  }
  if (atRisk >= MAJORITY) {
    return {
      kind: 'win_back',
      reason: `${percent(atRisk)} are in the at-risk, can't-lose, hibernating or lost RFM segments`,
    };
  }
  if (best >= MAJORITY) {
    return { kind: 'thanks', reason: `${percent(best)} are RFM champions or loyal customers` };
  }
  return null;
}

/** The sentence the outlook adds after the greeting (varied by option). */
export function outlookSentence(outlook: AudienceOutlook, index: number): string {
  const lines =
    outlook.kind === 'win_back'
      ? [
          "It's been a while, and we miss you.",
          'We would love to see you back.',
          "We've saved something for your return.",
        ]
      : [
          'Thank you for being one of our best customers.',
          'Thanks for sticking with us.',
          'You make our day, thank you.',
        ];
  return lines[index % lines.length];
}

export function outlookRationale(outlook: AudienceOutlook): string {
  const wording = outlook.kind === 'win_back' ? 'Win-back wording' : 'Thank-you wording';
  return `${wording} because ${outlook.reason} (segment-level aggregates).`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}% of scored members`;
}
