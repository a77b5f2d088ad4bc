import { RFM_SEGMENT_VALUES, type RfmSegmentValue, type SegmentCondition } from '@mini-crm/contracts';
import { CMP, comparison, POSTFIX, regexMatcher, type PhraseMatcher } from './phrase-match.util';
import { AMOUNT_SOURCE, parseAmount } from './phrase-numbers.util';
import { PREDICTION_THRESHOLDS as T, RFM_SEGMENT_PHRASES } from './prediction-vocabulary';

/** A share written as 0.7, .7, 70% or 70 percent (groups: number, percent sign). */
const SHARE = String.raw`(\d+(?:\.\d+)?|\.\d+)\s*(%|percent)?`;
const IS = String.raw`(?:\s+(?:is|of|score|probability|level))?`;
const BUY = String.raw`(?:buy|order|purchase|shop|return|come back|be back)`;
const NEXT_30 = String.raw`this month|next month|in the next (?:30 days|month)|within (?:a|the next) month|within 30 days|soon|in the coming weeks`;
const NEXT_90 = String.raw`this quarter|next quarter|in the next (?:90 days|3 months|three months|quarter)|within (?:90 days|3 months|three months)`;

const CHURN = String.raw`churn(?:ing)?(?:\s+risk|\s+probability|\s+score|\s+chance)?|(?:risk|chance|probability|likelihood)\s+of\s+churn(?:ing)?`;
const P_ALIVE = String.raw`p[_ ]alive|(?:probability|chance|likelihood)\s+(?:of\s+)?(?:being\s+|still\s+being\s+)?(?:still\s+)?(?:alive|active)`;
const CLV = String.raw`(?:predicted\s+|expected\s+)?(?:customer\s+)?(?:lifetime\s+value|clv|ltv|future\s+value)|predicted\s+(?:12[- ]month\s+)?value`;
const AOV = String.raw`(?:average|avg|expected|typical)\s+order\s+(?:value|size)|aov|basket\s+size`;

const RFM_WORDS = RFM_SEGMENT_VALUES.flatMap((value) =>
  RFM_SEGMENT_PHRASES[value].map((phrase) => ({ value, phrase })),
).sort((a, b) => b.phrase.length - a.phrase.length);
const RFM_WORD = `(?:${RFM_WORDS.map((w) => escape(w.phrase)).join('|')})`;
const RFM_TAIL = String.raw`(?:\s+(?:rfm\s+)?(?:segment|group|customers|buyers|shoppers))?`;

export const PREDICTION_MATCHERS: PhraseMatcher[] = [
  // churn risk: qualitative
  regexMatcher(
    String.raw`(?:(?:high|elevated|big)\s+(?:${CHURN})|(?:likely|about|going|set)\s+to\s+(?:churn|leave|lapse)|at\s+(?:high\s+)?risk\s+of\s+(?:churn(?:ing)?|leaving|lapsing|being lost|dropping off)|churn[- ]risk\s+customers|churning)`,
    () => ({ field: 'churn_risk', operator: 'gt', value: T.highChurnRisk }),
  ),
  regexMatcher(String.raw`(?:low\s+(?:${CHURN})|(?:unlikely|not likely)\s+to\s+(?:churn|leave|lapse))`, () => ({
    field: 'churn_risk',
    operator: 'lt',
    value: T.lowChurnRisk,
  })),
  // churn risk / p(alive) numbers: "churn risk above 0.7", "churn risk over 70%", "p alive between .2 and .5"
  regexMatcher(String.raw`(${CHURN}|${P_ALIVE})${IS}\s+between\s+${SHARE}\s+(?:and|to|-)\s+${SHARE}`, (m) => {
    const [low, high] = [share(m[2], m[3]), share(m[4], m[5])].sort((a, b) => a - b);
    return { field: shareField(m[1]), operator: 'between', value: [low, high] };
  }),
  regexMatcher(String.raw`(${CHURN}|${P_ALIVE})${IS}\s+(?:${CMP}\s+)?${SHARE}${POSTFIX}`, (m) => {
    const value = share(m[3], m[4]);
    if (value > 1 || (!m[2] && !m[5] && !m[6])) return null;
    return { field: shareField(m[1]), operator: comparison(m[2], m[5] ?? m[6]), value };
  }),
  regexMatcher(String.raw`(?:likely|probably)\s+(?:to\s+be\s+)?still\s+(?:active|alive|around)`, () => ({
    field: 'p_alive',
    operator: 'gt',
    value: T.likelyAlive,
  })),
  // expected orders: "likely to buy again this month", "unlikely to order again"
  regexMatcher(
    String.raw`(likely|unlikely|not likely)\s+(?:to\s+${BUY}(?:\s+again)?|(?:repeat\s+)?(?:buyers|purchasers|to\s+reorder))(?:\s+(${NEXT_30})|\s+(${NEXT_90}))?`,
    (m) => {
      if (m[1] !== 'likely') return { field: 'expected_orders_90d', operator: 'lt', value: T.unlikelyOrders };
      return { field: m[2] ? 'expected_orders_30d' : 'expected_orders_90d', operator: 'gte', value: T.likelyOrders };
    },
  ),
  // expected orders numbers: "expected to order at least 2 times in the next 90 days"
  regexMatcher(
    String.raw`expected\s+(?:to\s+(?:order|buy|purchase)|orders?|purchases?)\s+(?:${CMP}\s+)?(\d+(?:\.\d+)?|\.\d+)(?:\s+(?:times?|orders?))?${POSTFIX}\s+(?:in\s+|over\s+|within\s+)?(?:the\s+)?(?:next\s+)?(30 days|month|90 days|3 months|three months|quarter)`,
    (m) => ({
      field: /^(?:30|month)/.test(m[5]) ? 'expected_orders_30d' : 'expected_orders_90d',
      operator: comparison(m[1], m[3] ?? m[4]),
      value: Number(m[2]),
    }),
  ),
  // predicted lifetime value: qualitative and amounts
  regexMatcher(String.raw`(high|low)(?:[- ]value|\s+(?:${CLV}))`, (m) =>
    m[1] === 'high'
      ? { field: 'predicted_clv', operator: 'gte', value: T.highClv }
      : { field: 'predicted_clv', operator: 'lt', value: T.lowClv },
  ),
  amountMatcher(CLV, 'predicted_clv'),
  amountMatcher(AOV, 'avg_order_value'),
  regexMatcher(String.raw`(?:top|biggest|highest)\s+spenders`, () => ({
    field: 'monetary_score',
    operator: 'eq',
    value: 5,
  })),
  // RFM scores and codes
  regexMatcher(
    String.raw`(recency|frequency|monetary)\s+score\s+(?:is\s+|of\s+)?(?:${CMP}\s+)?([1-5])${POSTFIX}`,
    (m) => ({ field: `${m[1]}_score`, operator: comparison(m[2], m[4] ?? m[5]), value: Number(m[3]) }),
  ),
  regexMatcher(String.raw`rfm\s+(?:score|code)\s+(?:is\s+|of\s+)?([1-5]{3})`, (m) => ({
    field: 'rfm_score',
    operator: 'eq',
    value: m[1],
  })),
  // RFM segments: "champions", "in the at-risk segment", "hibernating or lost customers"
  regexMatcher(
    String.raw`(?:(?:in|from)\s+(?:the\s+|our\s+)?)?(?:rfm\s+segment\s+(?:is\s+)?)?(${RFM_WORD}(?:(?:\s*,\s*|\s+)(?:or|and|,)?\s*${RFM_WORD})*)${RFM_TAIL}`,
    (m) => rfmRule(m[1]),
  ),
];

function amountMatcher(name: string, field: string): PhraseMatcher {
  const between = regexMatcher(
    String.raw`(?:${name})${IS}\s+between\s+${AMOUNT_SOURCE}\s+(?:and|to|-)\s+${AMOUNT_SOURCE}`,
    (m) => {
      const [low, high] = [parseAmount(m[1], m[2], m[3]), parseAmount(m[4], m[5], m[6])].sort((a, b) => a - b);
      return { field, operator: 'between', value: [low, high] };
    },
  );
  const compared = regexMatcher(String.raw`(?:${name})${IS}\s+(?:${CMP}\s*)?${AMOUNT_SOURCE}${POSTFIX}`, (m) => {
    if (!m[1] && !m[5] && !m[6]) return null;
    return { field, operator: comparison(m[1], m[5] ?? m[6]), value: parseAmount(m[2], m[3], m[4]) };
  });
  return (text, pos, ctx) => between(text, pos, ctx) ?? compared(text, pos, ctx);
}

function rfmRule(list: string): SegmentCondition {
  const values: RfmSegmentValue[] = [];
  let rest = list;
  while (rest) {
    const word = RFM_WORDS.find((w) => rest.startsWith(w.phrase));
    if (word) {
      if (!values.includes(word.value)) values.push(word.value);
      rest = rest.slice(word.phrase.length);
    } else {
      const next = rest.replace(/^(?:\s|,|or\b|and\b)+/, '');
      if (next === rest) break;
      rest = next;
    }
  }
  return values.length === 1
    ? { field: 'rfm_segment', operator: 'eq', value: values[0] }
    : { field: 'rfm_segment', operator: 'in', value: values };
}

function share(digits: string, percent: string | undefined): number {
  const n = Number(digits);
  return percent || n > 1 ? Math.round(n * 100) / 10_000 : n;
}

function shareField(name: string): 'churn_risk' | 'p_alive' {
  return new RegExp(`^(?:${P_ALIVE})$`).test(name) ? 'p_alive' : 'churn_risk';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
