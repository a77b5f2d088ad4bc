import type { SegmentCondition, SegmentGroup, SegmentRule } from '@mini-crm/contracts';
import type { RecentCampaign } from '../providers/ai-provider.types';

/**
 * The project's test set for natural language → segment rules: descriptions a marketer would type,
 * each with the rules it must give. Relative dates are written for {@link PHRASE_SET_NOW}
 * (Friday 15 May 2026, 10:00 UTC): this week began Monday 11 May, last quarter is January–March.
 * Expectations are written by hand from the segment field semantics, never copied from a parser run.
 */
export const PHRASE_SET_NOW = new Date('2026-05-15T10:00:00Z');

/** The launched campaigns the phrases can name, newest first (what the API passes: the 20 latest). */
export const PHRASE_SET_CAMPAIGNS: readonly RecentCampaign[] = [
  {
    id: '0b5f1c52-6f0a-4c53-9a55-2d1f3f7a9e01',
    name: 'May flash sale',
    channel: 'sms',
    startedAt: new Date('2026-05-14T09:00:00Z'),
  },
  {
    id: '6d0e8b3a-1e7c-4a39-8d0f-5c2b9a4e7f02',
    name: 'Spring newsletter',
    channel: 'email',
    startedAt: new Date('2026-05-10T08:00:00Z'),
  },
  {
    id: '9a7c3e21-4b6d-4f80-b1c2-3d4e5f6a7b03',
    name: 'Diwali sale',
    channel: 'email',
    startedAt: new Date('2025-10-20T08:00:00Z'),
  },
];
const [FLASH, NEWSLETTER, DIWALI] = PHRASE_SET_CAMPAIGNS.map((x) => x.id);

export interface PhraseCase {
  text: string;
  rules: SegmentGroup;
}

const c = (field: string, operator: SegmentCondition['operator'], value?: unknown): SegmentCondition =>
  value === undefined ? { field, operator } : { field, operator, value };
const and = (...rules: SegmentRule[]): SegmentGroup => ({ op: 'and', rules });
const or = (...rules: SegmentRule[]): SegmentGroup => ({ op: 'or', rules });
const not = (...rules: SegmentRule[]): SegmentGroup => ({ op: 'and', not: true, rules });
/** Inclusive start of a day: `after` is strict, so the instant just before it. */
const from = (field: string, day: string) => c(field, 'after', `${day}T23:59:59.999Z`);
const until = (field: string, day: string) => c(field, 'before', day);

const HIGH_CHURN = c('churn_risk', 'gt', 0.7);
const LOW_CHURN = c('churn_risk', 'lt', 0.3);
const LIKELY_30 = c('expected_orders_30d', 'gte', 0.5);
const LIKELY_90 = c('expected_orders_90d', 'gte', 0.5);
const HIGH_CLV = c('predicted_clv', 'gte', 10000);
const rfm = (value: string) => c('rfm_segment', 'eq', value);

export const PHRASE_SET: readonly PhraseCase[] = [
  // ── RFM segments ──
  { text: 'champions', rules: and(rfm('champions')) },
  { text: 'our champions', rules: and(rfm('champions')) },
  { text: 'show me our best customers', rules: and(rfm('champions')) },
  { text: 'loyal customers', rules: and(rfm('loyal')) },
  { text: 'potential loyalists', rules: and(rfm('potential_loyalist')) },
  { text: 'promising customers', rules: and(rfm('promising')) },
  { text: 'customers who need attention', rules: and(rfm('need_attention')) },
  { text: 'customers about to sleep', rules: and(rfm('about_to_sleep')) },
  { text: 'at-risk customers', rules: and(rfm('at_risk')) },
  { text: "can't lose them", rules: and(rfm('cant_lose')) },
  { text: 'customers we cannot lose', rules: and(rfm('cant_lose')) },
  { text: 'hibernating customers', rules: and(rfm('hibernating')) },
  { text: 'lost customers', rules: and(rfm('lost')) },
  { text: 'hibernating or lost customers', rules: and(c('rfm_segment', 'in', ['hibernating', 'lost'])) },
  { text: 'champions and loyal customers', rules: and(c('rfm_segment', 'in', ['champions', 'loyal'])) },
  { text: 'customers in the at risk segment', rules: and(rfm('at_risk')) },
  { text: 'loyal customers in Pune', rules: and(rfm('loyal'), c('city', 'eq', 'Pune')) },
  { text: 'champions who spent over 50k', rules: and(rfm('champions'), c('total_spend', 'gt', 50000)) },
  { text: 'excluding champions', rules: and(c('rfm_segment', 'neq', 'champions')) },
  { text: 'lost customers tagged vip', rules: and(rfm('lost'), c('tags', 'has_any', ['vip'])) },
  // ── churn risk and probability alive ──
  { text: 'customers at risk of churning', rules: and(HIGH_CHURN) },
  { text: 'customers likely to churn', rules: and(HIGH_CHURN) },
  { text: 'high churn risk', rules: and(HIGH_CHURN) },
  { text: 'users at high risk of leaving', rules: and(HIGH_CHURN) },
  { text: 'low churn risk customers', rules: and(LOW_CHURN) },
  { text: 'customers unlikely to churn', rules: and(LOW_CHURN) },
  { text: 'churn risk above 0.7', rules: and(c('churn_risk', 'gt', 0.7)) },
  { text: 'churn risk over 60%', rules: and(c('churn_risk', 'gt', 0.6)) },
  { text: 'churn risk of at least 0.5', rules: and(c('churn_risk', 'gte', 0.5)) },
  { text: 'churn risk below 20 percent', rules: and(c('churn_risk', 'lt', 0.2)) },
  { text: 'churn risk between 0.3 and 0.6', rules: and(c('churn_risk', 'between', [0.3, 0.6])) },
  { text: 'probability of being active above 0.8', rules: and(c('p_alive', 'gt', 0.8)) },
  { text: 'customers likely still active', rules: and(c('p_alive', 'gt', 0.7)) },
  { text: 'not at risk of churning', rules: and(c('churn_risk', 'lte', 0.7)) },
  // ── expected orders ──
  { text: 'likely to buy again this month', rules: and(LIKELY_30) },
  { text: 'customers likely to order in the next 30 days', rules: and(LIKELY_30) },
  { text: 'likely to purchase soon', rules: and(LIKELY_30) },
  { text: 'likely to buy again', rules: and(LIKELY_90) },
  { text: 'likely to order again in the next 3 months', rules: and(LIKELY_90) },
  { text: 'unlikely to buy again', rules: and(c('expected_orders_90d', 'lt', 0.1)) },
  {
    text: 'expected to order at least 2 times in the next 90 days',
    rules: and(c('expected_orders_90d', 'gte', 2)),
  },
  { text: 'expected orders over 1 in the next 30 days', rules: and(c('expected_orders_30d', 'gt', 1)) },
  // ── predicted lifetime value and order value ──
  { text: 'high lifetime value', rules: and(HIGH_CLV) },
  { text: 'high-value customers', rules: and(HIGH_CLV) },
  { text: 'customers with high predicted clv', rules: and(HIGH_CLV) },
  { text: 'low lifetime value customers', rules: and(c('predicted_clv', 'lt', 1000)) },
  { text: 'predicted clv above 25k', rules: and(c('predicted_clv', 'gt', 25000)) },
  { text: 'lifetime value of more than ₹40,000', rules: and(c('predicted_clv', 'gt', 40000)) },
  { text: 'clv between 5k and 20k', rules: and(c('predicted_clv', 'between', [5000, 20000])) },
  { text: 'average order value over 2k', rules: and(c('avg_order_value', 'gt', 2000)) },
  { text: 'aov under 500', rules: and(c('avg_order_value', 'lt', 500)) },
  {
    text: 'churn risk above 0.7 and predicted clv above 20000',
    rules: and(c('churn_risk', 'gt', 0.7), c('predicted_clv', 'gt', 20000)),
  },
  { text: 'high value customers at risk of churning', rules: and(HIGH_CLV, HIGH_CHURN) },
  // ── RFM scores ──
  { text: 'recency score 5', rules: and(c('recency_score', 'eq', 5)) },
  { text: 'frequency score at least 4', rules: and(c('frequency_score', 'gte', 4)) },
  { text: 'monetary score of 3 or more', rules: and(c('monetary_score', 'gte', 3)) },
  { text: 'rfm score 555', rules: and(c('rfm_score', 'eq', '555')) },
  // ── relative and calendar dates ──
  { text: 'ordered since January', rules: and(from('last_order_at', '2025-12-31')) },
  { text: 'bought since june', rules: and(from('last_order_at', '2025-05-31')) },
  { text: 'ordered since 1 March', rules: and(from('last_order_at', '2026-02-28')) },
  { text: 'joined since march 10th', rules: and(from('created_at', '2026-03-09')) },
  {
    text: 'joined last quarter',
    rules: and(from('created_at', '2025-12-31'), until('created_at', '2026-04-01')),
  },
  {
    text: 'ordered last month',
    rules: and(from('last_order_at', '2026-03-31'), until('last_order_at', '2026-05-01')),
  },
  {
    text: 'signed up last week',
    rules: and(from('created_at', '2026-05-03'), until('created_at', '2026-05-11')),
  },
  { text: 'joined this month', rules: and(from('created_at', '2026-04-30')) },
  { text: 'ordered this year', rules: and(from('last_order_at', '2025-12-31')) },
  {
    text: 'joined in 2025',
    rules: and(from('created_at', '2024-12-31'), until('created_at', '2026-01-01')),
  },
  {
    text: 'registered in March',
    rules: and(from('created_at', '2026-02-28'), until('created_at', '2026-04-01')),
  },
  {
    text: 'joined in december',
    rules: and(from('created_at', '2025-11-30'), until('created_at', '2026-01-01')),
  },
  {
    text: 'joined in q4 2025',
    rules: and(from('created_at', '2025-09-30'), until('created_at', '2026-01-01')),
  },
  { text: 'joined before 2025', rules: and(until('created_at', '2025-01-01')) },
  { text: 'made their first purchase since april', rules: and(from('first_order_at', '2026-03-31')) },
  {
    text: 'active yesterday',
    rules: and(from('last_active_at', '2026-05-13'), until('last_active_at', '2026-05-15')),
  },
  { text: 'ordered in the past 2 weeks', rules: and(c('last_order_at', 'within_last_days', 14)) },
  { text: 'purchased within the past month', rules: and(c('last_order_at', 'within_last_days', 30)) },
  { text: 'active in the last 10 days', rules: and(c('last_active_at', 'within_last_days', 10)) },
  { text: "haven't ordered since march", rules: and(until('last_order_at', '2026-03-01')) },
  {
    text: 'did not order last month',
    rules: and(not(from('last_order_at', '2026-03-31'), until('last_order_at', '2026-05-01'))),
  },
  { text: "haven't ordered in 3 months", rules: and(c('last_order_at', 'more_than_days_ago', 90)) },
  { text: 'inactive for 60 days', rules: and(c('last_active_at', 'more_than_days_ago', 60)) },
  { text: 'last ordered more than 6 months ago', rules: and(c('last_order_at', 'more_than_days_ago', 180)) },
  { text: 'joined more than a year ago', rules: and(c('created_at', 'more_than_days_ago', 365)) },
  // ── amounts ──
  { text: 'spent more than 5k', rules: and(c('total_spend', 'gt', 5000)) },
  { text: 'spent over ₹25,000', rules: and(c('total_spend', 'gt', 25000)) },
  { text: 'spent more than twenty thousand', rules: and(c('total_spend', 'gt', 20000)) },
  { text: 'spent at least five lakh', rules: and(c('total_spend', 'gte', 500000)) },
  { text: 'spent under two thousand five hundred', rules: and(c('total_spend', 'lt', 2500)) },
  { text: 'spent between 1k and 5k', rules: and(c('total_spend', 'between', [1000, 5000])) },
  { text: 'spent 10000 rupees or more', rules: and(c('total_spend', 'gte', 10000)) },
  { text: 'spent more than Rs. 1.5 lakh', rules: and(c('total_spend', 'gt', 150000)) },
  { text: 'spent less than $200', rules: and(c('total_spend', 'lt', 200)) },
  { text: 'spent over fifty thousand rupees', rules: and(c('total_spend', 'gt', 50000)) },
  // ── negations ──
  { text: 'not from Chennai', rules: and(c('city', 'neq', 'Chennai')) },
  { text: 'customers outside Mumbai', rules: and(c('city', 'neq', 'Mumbai')) },
  { text: 'not in Mumbai or Delhi', rules: and(c('city', 'neq', 'Mumbai'), c('city', 'neq', 'Delhi')) },
  { text: 'never ordered', rules: and(c('order_count', 'eq', 0)) },
  { text: "customers who haven't bought anything yet", rules: and(c('order_count', 'eq', 0)) },
  { text: 'not tagged churned', rules: and(c('tags', 'has_none', ['churned'])) },
  { text: 'customers not tagged vip', rules: and(c('tags', 'has_none', ['vip'])) },
  { text: 'spent over 5k but not from Pune', rules: and(c('total_spend', 'gt', 5000), c('city', 'neq', 'Pune')) },
  { text: 'not lost customers', rules: and(c('rfm_segment', 'neq', 'lost')) },
  // ── either … or, and/or ──
  {
    text: 'either in Pune or spent over 5k',
    rules: and(or(c('city', 'eq', 'Pune'), c('total_spend', 'gt', 5000))),
  },
  {
    text: 'tagged vip and either from Pune or spent over 10k',
    rules: and(c('tags', 'has_any', ['vip']), or(c('city', 'eq', 'Pune'), c('total_spend', 'gt', 10000))),
  },
  {
    text: 'either champions or likely to buy again this month, and subscribed to email',
    rules: and(or(rfm('champions'), LIKELY_30), c('email_status', 'eq', 'subscribed')),
  },
  {
    text: 'tagged vip or spent more than 50000',
    rules: or(c('tags', 'has_any', ['vip']), c('total_spend', 'gt', 50000)),
  },
  {
    text: 'champions in Mumbai or loyal customers in Delhi',
    rules: or(and(rfm('champions'), c('city', 'eq', 'Mumbai')), and(rfm('loyal'), c('city', 'eq', 'Delhi'))),
  },
  // ── ranges and counts ──
  { text: 'between 2 and 5 orders', rules: and(c('order_count', 'between', [2, 5])) },
  { text: 'ordered between 2 and 5 times', rules: and(c('order_count', 'between', [2, 5])) },
  { text: 'customers with 3-6 orders', rules: and(c('order_count', 'between', [3, 6])) },
  { text: 'ordered at least twice', rules: and(c('order_count', 'gte', 2)) },
  { text: 'at least 3 orders', rules: and(c('order_count', 'gte', 3)) },
  { text: 'ordered more than 4 times', rules: and(c('order_count', 'gt', 4)) },
  // ── engagement ──
  { text: 'clicked in the last 30 days', rules: and(c('last_clicked_at', 'within_last_days', 30)) },
  { text: 'opened an email in the past 2 weeks', rules: and(c('last_opened_at', 'within_last_days', 14)) },
  { text: 'never opened an email', rules: and(c('last_opened_at', 'is_empty')) },
  { text: 'never clicked', rules: and(c('last_clicked_at', 'is_empty')) },
  { text: "haven't opened our emails in 60 days", rules: and(c('last_opened_at', 'more_than_days_ago', 60)) },
  { text: 'clicked more than 3 times', rules: and(c('clicks_90d', 'gt', 3)) },
  { text: 'at least 5 opens in the last 90 days', rules: and(c('opens_90d', 'gte', 5)) },
  { text: 'no clicks', rules: and(c('clicks_90d', 'eq', 0)) },
  { text: 'clicked since april', rules: and(from('last_clicked_at', '2026-03-31')) },
  // ── one campaign (PHRASE_SET_CAMPAIGNS) ──
  { text: 'clicked our last campaign', rules: and(c('campaign_engagement', 'clicked', FLASH)) },
  { text: 'customers who opened the latest email', rules: and(c('campaign_engagement', 'opened', NEWSLETTER)) },
  { text: "didn't open our last newsletter", rules: and(c('campaign_engagement', 'not_opened', NEWSLETTER)) },
  { text: 'received the Diwali sale campaign', rules: and(c('campaign_engagement', 'received', DIWALI)) },
  { text: 'bought from our most recent SMS', rules: and(c('campaign_engagement', 'converted', FLASH)) },
  {
    text: 'clicked a link in the "Spring newsletter" but not champions',
    rules: and(c('campaign_engagement', 'clicked', NEWSLETTER), c('rfm_segment', 'neq', 'champions')),
  },
  {
    text: 'opened the diwali sale email and spent over 5k',
    rules: and(c('campaign_engagement', 'opened', DIWALI), c('total_spend', 'gt', 5000)),
  },
  // ── everyday combinations ──
  {
    text: 'customers in Mumbai or Delhi who spent more than 5000',
    rules: and(c('city', 'in', ['Mumbai', 'Delhi']), c('total_spend', 'gt', 5000)),
  },
  {
    text: 'never ordered and joined in the last 30 days',
    rules: and(c('order_count', 'eq', 0), c('created_at', 'within_last_days', 30)),
  },
  {
    text: 'email subscribers at risk of churning with high lifetime value',
    rules: and(c('email_status', 'eq', 'subscribed'), HIGH_CHURN, HIGH_CLV),
  },
  {
    text: 'win back lost customers from Bengaluru who spent over ₹10k',
    rules: and(rfm('lost'), c('city', 'eq', 'Bengaluru'), c('total_spend', 'gt', 10000)),
  },
  {
    text: 'sms subscribers likely to buy again this month not from Chennai',
    rules: and(c('sms_status', 'eq', 'subscribed'), LIKELY_30, c('city', 'neq', 'Chennai')),
  },
  // ── phrasings added after a first run (written by hand, then the parser was taught them) ──
  { text: 'customers who spent more than 5k in total', rules: and(c('total_spend', 'gt', 5000)) },
  { text: 'customers who spent ₹5k–₹20k', rules: and(c('total_spend', 'between', [5000, 20000])) },
  {
    text: 'people who bought something in the last quarter',
    rules: and(from('last_order_at', '2025-12-31'), until('last_order_at', '2026-04-01')),
  },
  {
    text: 'champions who have not ordered in 30 days',
    rules: and(rfm('champions'), c('last_order_at', 'more_than_days_ago', 30)),
  },
  { text: 'customers with churn risk > 0.5', rules: and(c('churn_risk', 'gt', 0.5)) },
  { text: 'users who clicked an email this month', rules: and(from('last_clicked_at', '2026-04-30')) },
  { text: 'customers who are not champions', rules: and(c('rfm_segment', 'neq', 'champions')) },
  { text: 'customers whose predicted lifetime value exceeds 30k', rules: and(c('predicted_clv', 'gt', 30000)) },
  { text: 'top spenders', rules: and(c('monetary_score', 'eq', 5)) },
  { text: 'likely buyers this month', rules: and(LIKELY_30) },
  { text: 'customers with an average order value above ₹1,500', rules: and(c('avg_order_value', 'gt', 1500)) },
  { text: 'either lost or hibernating', rules: and(c('rfm_segment', 'in', ['lost', 'hibernating'])) },
  { text: 'users from either Pune or Nashik', rules: and(c('city', 'in', ['Pune', 'Nashik'])) },
  {
    text: 'customers who signed up since last month and never ordered',
    rules: and(from('created_at', '2026-03-31'), c('order_count', 'eq', 0)),
  },
];
