import { tokenText } from '@mini-crm/message-text';
import type {
  AudienceSummary,
  MessageIntent,
  MessageLength,
  MessageSuggestionRequest,
  RecentCampaign,
  SegmentRulesRequest,
} from './ai-provider.types';
import { ENGAGEMENT_OPERATORS, RFM_SEGMENT_VALUES } from '@mini-crm/contracts';
import { PREDICTION_THRESHOLDS as T } from '../offline/prediction-vocabulary';
import { SMS_MAX_SEGMENTS } from './message-checks.util';
import { MESSAGE_TOKENS, TOKEN_WORST_CASE_CHARS } from './message-tokens.util';

export interface GeminiPrompt {
  systemInstruction: string;
  contents: string;
}

const INTENT_GOALS: Record<MessageIntent, string> = {
  win_back: 'bring back customers who used to buy but have lapsed',
  welcome: 'welcome new customers and move them toward a first order',
  promotion: 'promote an offer or products and drive purchases',
  re_engagement: 'restart the conversation with customers who stopped engaging',
  loyalty: 'thank and reward the best, most loyal customers',
  announcement: 'announce news to customers clearly',
  custom: "deliver exactly what the marketer's instructions ask for",
};

const SMS_LIMITS: Record<MessageLength, string> = {
  short: '1 SMS segment: at most 160 GSM-7 characters (70 if any character is outside GSM-7)',
  medium: `${SMS_MAX_SEGMENTS.medium} SMS segments: at most 306 GSM-7 characters (134 otherwise)`,
  long: `${SMS_MAX_SEGMENTS.long} SMS segments: at most 459 GSM-7 characters (201 otherwise)`,
};
const EMAIL_LENGTHS: Record<MessageLength, string> = {
  short: 'about 40-70 words',
  medium: 'about 80-140 words',
  long: 'about 150-250 words',
};

const EMAIL_PATTERN = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}/gi;
const PHONE_CANDIDATE = /\+?\d[\d\s().-]{6,}\d/g;

/** Masks e-mail addresses and phone numbers in free text before it leaves the process. */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL_PATTERN, '[email]')
    .replace(PHONE_CANDIDATE, (m) => (m.replace(/\D/g, '').length >= 10 ? '[phone]' : m));
}

/** Copies only the aggregate fields, so nothing else a caller attached can reach the model. */
export function audienceForPrompt(a: AudienceSummary): Record<string, unknown> {
  return {
    size: a.size,
    spend: { p25: a.spend.p25, median: a.spend.median, p75: a.spend.p75, max: a.spend.max },
    orders: { median: a.orders.median, p75: a.orders.p75 },
    topCities: a.topCities.slice(0, 10).map((c) => ({ city: c.city, count: c.count })),
    recency: {
      medianDaysSinceLastOrder: a.recency.medianDaysSinceLastOrder,
      shareNoOrders: a.recency.shareNoOrders,
    },
    ...(a.predictions
      ? {
          predictions: {
            scored: a.predictions.scored,
            medianChurnRisk: a.predictions.medianChurnRisk,
            shareHighChurnRisk: a.predictions.shareHighChurnRisk,
            medianPredictedClv: a.predictions.medianPredictedClv,
            expectedOrders30d: a.predictions.expectedOrders30d,
            rfmSegments: a.predictions.rfmSegments.slice(0, 11).map((r) => ({ segment: r.segment, count: r.count })),
          },
        }
      : {}),
    ...(a.rulesSummary ? { rulesSummary: redactPersonalData(a.rulesSummary) } : {}),
  };
}

export function messagePrompt(req: MessageSuggestionRequest): GeminiPrompt {
  const tokens = [...MESSAGE_TOKENS, 'attributes.<key>'].map((t) => tokenText(t)).join(', ');
  const systemInstruction = [
    'You write marketing messages for a CRM. Answer only with JSON matching the response schema.',
    'Write 3 clearly different options (different angle or structure, not rewordings).',
    `Personalization tokens allowed: ${tokens}. Give every token a fallback after a pipe, e.g. {{first_name|there}}.`,
    'Use no other placeholders: no links, no coupon codes, no dates or figures the marketer did not give.',
    'Never invent facts about the business. Use the audience aggregates only to choose the angle and wording.',
    'When the predictions show an audience at risk (high churn risk, mostly at_risk/cant_lose/hibernating/lost RFM segments) use win-back wording; when it is mostly champions/loyal, thank them. Name the aggregate that drove the choice in each rationale.',
  ].join('\n');

  const lines = [
    `Channel: ${req.channel}`,
    `Goal (${req.intent}): ${INTENT_GOALS[req.intent]}`,
    `Tone: ${req.tone}`,
    req.channel === 'sms'
      ? `Length: ${req.length} — ${SMS_LIMITS[req.length]}, counting every token as ${TOKEN_WORST_CASE_CHARS} characters. Prefer GSM-7 characters only (no emoji, no curly quotes). No subject.`
      : `Length: ${req.length} — ${EMAIL_LENGTHS[req.length]}. Include a subject line of at most 78 characters.`,
    `Language: ${req.language ?? 'English'}`,
  ];
  if (req.instructions?.trim()) lines.push(`Marketer's instructions: ${redactPersonalData(req.instructions.trim())}`);
  if (req.audience)
    lines.push(`Audience summary (aggregates only): ${JSON.stringify(audienceForPrompt(req.audience))}`);
  return { systemInstruction, contents: lines.join('\n') };
}

const FIELD_GUIDE = [
  'string fields: first_name, last_name, email, phone, city, country, email_status, sms_status, attributes.<key> — operators eq, neq, contains, starts_with, in (value: string[]), is_empty',
  'email_status and sms_status values: subscribed, unsubscribed, blocklisted',
  'number fields: total_spend (money), order_count, visit_count, days_since_last_order, days_since_last_active — operators eq, neq, gt, gte, lt, lte, between (value: [min, max]), is_empty',
  'date fields: created_at (sign-up), first_order_at, last_order_at, last_active_at — operators before, after (value: ISO date "YYYY-MM-DD"), within_last_days, more_than_days_ago (value: integer days), is_empty',
  'tags field: tags — operators has_any, has_all, has_none (value: string[])',
  'engagement: last_opened_at, last_clicked_at (date operators); opens_90d, clicks_90d (human events in the last 90 days; number operators without is_empty)',
  `prediction fields (from the insights model): rfm_segment (values: ${RFM_SEGMENT_VALUES.join(', ')}; operators eq, neq, in, is_empty), rfm_score (3-digit code such as "545", string), recency_score, frequency_score, monetary_score (1-5), churn_risk and p_alive (0-1), expected_orders_30d, expected_orders_90d, predicted_clv (money, next 12 months), avg_order_value (money) — number operators`,
  `Vocabulary: "champions", "loyal", "lost", "hibernating", "at-risk" etc. mean rfm_segment; "at risk of churning"/"likely to churn" = churn_risk gt ${T.highChurnRisk}; "likely to buy again this month" = expected_orders_30d gte ${T.likelyOrders} (without "this month": expected_orders_90d); "high lifetime value" = predicted_clv gte ${T.highClv}; percentages are fractions (70% = 0.7).`,
];

export function segmentRulesPrompt(req: SegmentRulesRequest): GeminiPrompt {
  const systemInstruction = [
    "You turn a marketer's description of an audience into segment rules for a CRM. Answer only with JSON matching the response schema.",
    'A group is { op: "and"|"or", not?: boolean, rules: [...] }; a condition is { field, operator, value }.',
    ...FIELD_GUIDE,
    'Amounts: "5k" = 5000, "1.5 lakh" = 150000, "1 crore" = 10000000, "twenty thousand" = 20000. Months count as 30 days, years as 365.',
    `Today is ${(req.now ?? new Date()).toISOString().slice(0, 10)} (UTC). Resolve calendar phrases ("since January", "last quarter") to ISO dates with after/before; "in the past N weeks" is within_last_days.`,
    ...campaignGuide(req.campaigns ?? []),
    '"Has not ordered in N days" means last_order_at more_than_days_ago N; "never ordered" means order_count eq 0.',
    'List anything that cannot be expressed with these fields in "unrecognized" instead of guessing.',
  ].join('\n');
  const lines = [`Description: ${redactPersonalData(req.text.trim())}`];
  if (req.repair) {
    lines.push(
      `Your previous answer was rejected: ${JSON.stringify(req.repair.previous)}`,
      `Validation errors: ${req.repair.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      'Return corrected rules.',
    );
  }
  return { systemInstruction, contents: lines.join('\n') };
}

/** What the model needs to name one campaign: the recently launched ones, newest first, by id. */
function campaignGuide(campaigns: readonly RecentCampaign[]): string[] {
  if (!campaigns.length)
    return [
      'No campaign has been launched yet: a campaign ("clicked our last campaign") cannot be expressed: list it in "unrecognized".',
    ];
  return [
    `One campaign: field campaign_engagement, operators ${ENGAGEMENT_OPERATORS.join(', ')}, value the campaign's id from this list (newest first; "our last campaign" is the newest, "the last email/SMS" the newest of that channel; "didn't open" is not_opened):`,
    ...campaigns.map(
      (c) => `- ${c.id}: "${c.name}" (${c.channel}, launched ${c.startedAt.toISOString().slice(0, 10)})`,
    ),
  ];
}
