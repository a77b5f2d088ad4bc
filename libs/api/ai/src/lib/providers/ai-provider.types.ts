import type { SegmentGroup } from '@mini-crm/contracts';

export type AiProviderName = 'gemini' | 'offline';

export const MESSAGE_INTENTS = [
  'win_back',
  'welcome',
  'promotion',
  're_engagement',
  'loyalty',
  'announcement',
  'custom',
] as const;
export type MessageIntent = (typeof MESSAGE_INTENTS)[number];

export const MESSAGE_CHANNELS = ['sms', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_TONES = ['friendly', 'professional', 'playful', 'urgent', 'empathetic'] as const;
export type MessageTone = (typeof MESSAGE_TONES)[number];

export const MESSAGE_LENGTHS = ['short', 'medium', 'long'] as const;
export type MessageLength = (typeof MESSAGE_LENGTHS)[number];

/** Aggregates describing a segment. Never carries personal data about any one customer. */
export interface AudienceSummary {
  size: number;
  spend: { p25: number; median: number; p75: number; max: number };
  orders: { median: number; p75: number };
  topCities: { city: string; count: number }[];
  recency: { medianDaysSinceLastOrder: number | null; shareNoOrders: number };
  rulesSummary?: string;
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

export interface SegmentRulesRequest {
  text: string;
  /** Set when the caller's validator rejected an earlier answer: the provider should fix it. */
  repair?: { previous: unknown; errors: SegmentRuleError[] };
}

export interface AiProvider {
  readonly name: AiProviderName;
  suggestMessages(req: MessageSuggestionRequest): Promise<MessageOption[]>;
  segmentRulesFromText(req: SegmentRulesRequest): Promise<SegmentGroup>;
}
