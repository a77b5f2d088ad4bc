import {
  AI_MESSAGE_INTENTS,
  AI_MESSAGE_LENGTHS,
  AI_MESSAGE_TONES,
  type AiMessageIntent,
  type AiMessageLength,
  type AiMessageTone,
  type AiProviderName,
  type CampaignChannel,
  type SegmentGroup,
} from '@mini-crm/contracts';

export type { AiProviderName } from '@mini-crm/contracts';

// The request vocabulary lives in the contracts so the API's DTOs and the console share it.
export const MESSAGE_INTENTS = AI_MESSAGE_INTENTS;
export type MessageIntent = AiMessageIntent;

export type MessageChannel = CampaignChannel;

export const MESSAGE_TONES = AI_MESSAGE_TONES;
export type MessageTone = AiMessageTone;

export const MESSAGE_LENGTHS = AI_MESSAGE_LENGTHS;
export type MessageLength = AiMessageLength;

/** Aggregates describing a segment. Never carries personal data about any one customer. */
export interface AudienceSummary {
  size: number;
  /** Null when the audience is empty (no distribution to describe). */
  spend: { p25: number | null; median: number | null; p75: number | null; max: number | null };
  orders: { median: number | null; p75: number | null };
  topCities: { city: string; count: number }[];
  recency: { medianDaysSinceLastOrder: number | null; shareNoOrders: number | null };
  /** Aggregates of the insights scores (absent before the first model run or from older callers). */
  predictions?: AudiencePredictions;
  rulesSummary?: string;
}

export interface AudiencePredictions {
  /** Members with scores; the other figures are over these. */
  scored: number;
  medianChurnRisk: number | null;
  /** Share of scored members with churn_risk above 0.7. */
  shareHighChurnRisk: number | null;
  medianPredictedClv: number | null;
  /** Sum of expected orders in the next 30 days. */
  expectedOrders30d: number | null;
  /** Members per RFM segment, largest first. */
  rfmSegments: { segment: string; count: number }[];
}

export interface MessageSuggestionRequest {
  intent: MessageIntent;
  channel: MessageChannel;
  tone: MessageTone;
  length: MessageLength;
  language?: string;
  instructions?: string;
  audience?: AudienceSummary;
}

export interface MessageOption {
  text: string;
  subject?: string;
  rationale: string;
  /** Personalization token names used in text and subject, e.g. `first_name`, `attributes.tier`. */
  tokens: string[];
}

export interface SegmentRuleError {
  path: string;
  message: string;
}

/** A launched campaign a description can name ("clicked our last campaign", "opened the Diwali sale campaign"). */
export interface RecentCampaign {
  id: string;
  name: string;
  channel: string;
  startedAt: Date;
}

export interface SegmentRulesRequest {
  text: string;
  /** The clock relative dates resolve against (default now). */
  now?: Date;
  /** Campaigns launched most recently, newest first (campaign engagement phrases resolve against them). */
  campaigns?: readonly RecentCampaign[];
  /** Set when the caller's validator rejected an earlier answer: the provider should fix it. */
  repair?: { previous: unknown; errors: SegmentRuleError[] };
}

export interface AiProvider {
  readonly name: AiProviderName;
  suggestMessages(req: MessageSuggestionRequest): Promise<MessageOption[]>;
  segmentRulesFromText(req: SegmentRulesRequest): Promise<SegmentGroup>;
}
