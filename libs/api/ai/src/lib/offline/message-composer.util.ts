import type { AudienceSummary, MessageSuggestionRequest } from '../providers/ai-provider.types';
import type { DraftMessageOption } from '../providers/message-checks.util';
import { type AudienceOutlook, audienceOutlook, outlookRationale, outlookSentence } from './audience-outlook.util';
import { CUSTOM_ANGLES, INTENT_ANGLES, type MessageAngle, TONE_STYLES, type ToneStyle } from './message-templates';

const OFFER_LIKE = /\d+\s*%|%\s*off|\boff\b|discount|\bfree\b|\bsale\b|\bcode\b|cashback|\bdeal\b|\bbogo\b|buy one/i;
const IMPERATIVE_PREFIX =
  /^(?:please\s+)?(?:mention|include|highlight|announce|promote|add|say|offer|tell (?:them|customers|people) about|let (?:them|customers) know(?: about)?)\s+(?:that\s+)?/i;
const OFFER_LEADS = ['Enjoy {x}.', "Don't miss it: {x}.", 'Good news: {x}.'];
const NEWS_LEADS = ['{X}.', "Here's the news: {x}.", 'Quick update: {x}.'];

/** Builds three drafts (one per angle) for the request; the shared checks run afterwards. */
export function composeMessageDrafts(req: MessageSuggestionRequest): DraftMessageOption[] {
  const tone = TONE_STYLES[req.tone];
  const angles = req.intent === 'custom' ? CUSTOM_ANGLES : INTENT_ANGLES[req.intent];
  const instruction = cleanInstruction(req.instructions);
  // A custom message says exactly what the marketer wrote; other intents adapt to the audience's scores.
  const outlook = req.intent === 'custom' ? null : audienceOutlook(req.audience);
  return angles.map((angle, index) => {
    const offer = instruction ? offerSentence(instruction, index) : undefined;
    const body = withOutlook(bodySentences(req, angle, tone, index, offer), req, outlook, index);
    const text = req.channel === 'sms' ? body.join(' ') : emailText(tone, body);
    return {
      text,
      subject: req.channel === 'email' ? tone.decorateSubject(angle.subject) : undefined,
      rationale: rationale(req, angle, tone, Boolean(offer), outlook),
    };
  });
}

/** Puts the outlook's line right after the SMS greeting (or first in an e-mail body). */
function withOutlook(
  body: string[],
  req: MessageSuggestionRequest,
  outlook: AudienceOutlook | null,
  index: number,
): string[] {
  if (!outlook) return body;
  const at = req.channel === 'sms' ? 1 : 0;
  return [...body.slice(0, at), outlookSentence(outlook, index), ...body.slice(at)];
}

function bodySentences(
  req: MessageSuggestionRequest,
  angle: MessageAngle,
  tone: ToneStyle,
  index: number,
  offer: string | undefined,
): string[] {
  const greeting = req.channel === 'sms' ? [tone.smsGreeting] : [];
  const cta = tone.ctas[index % tone.ctas.length];
  // In a custom message the instruction is the message; elsewhere it backs up the angle.
  const lead = req.intent === 'custom' && offer ? [offer] : offer ? [angle.core, offer] : [angle.core];
  if (req.length === 'short') {
    // Short SMS keep only the essential: the offer stands in for the angle's core line.
    const essential = req.channel === 'sms' && offer ? [offer] : lead;
    return [...greeting, ...essential, cta];
  }
  const details = req.length === 'medium' ? angle.details.slice(0, 1) : angle.details;
  const closer = req.length === 'long' ? [tone.closer] : [];
  return [...greeting, ...lead, ...details, ...closer, cta];
}

function emailText(tone: ToneStyle, body: string[]): string {
  const cta = body[body.length - 1];
  return [tone.emailGreeting, body.slice(0, -1).join(' '), cta, tone.signOff].join('\n\n');
}

function cleanInstruction(raw: string | undefined): string | undefined {
  const text = (raw ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(IMPERATIVE_PREFIX, '')
    .replace(/[.!\s]+$/, '');
  return text || undefined;
}

function offerSentence(instruction: string, index: number): string {
  const leads = OFFER_LIKE.test(instruction) ? OFFER_LEADS : NEWS_LEADS;
  return leads[index % leads.length]
    .replace('{X}', capitalize(instruction))
    .replace('{x}', lowerFirstWord(instruction));
}

function rationale(
  req: MessageSuggestionRequest,
  angle: MessageAngle,
  tone: ToneStyle,
  hasOffer: boolean,
  outlook: AudienceOutlook | null,
): string {
  const parts = [`${angle.rationale} Written in ${tone.note}.`];
  if (outlook) parts.push(outlookRationale(outlook));
  if (hasOffer) parts.push('Your instructions are included as written.');
  if (req.audience) parts.push(describeAudience(req.audience));
  if (req.language && !/^en\b/i.test(req.language)) parts.push('The offline assistant writes in English only.');
  return parts.join(' ');
}

function describeAudience(a: AudienceSummary): string {
  const facts = [`${formatNumber(a.size)} customers`];
  if (a.spend.median !== null) facts.push(`median spend ${formatNumber(a.spend.median)}`);
  if (a.recency.medianDaysSinceLastOrder !== null) {
    facts.push(`median ${formatNumber(a.recency.medianDaysSinceLastOrder)} days since the last order`);
  }
  if (a.recency.shareNoOrders !== null && a.recency.shareNoOrders > 0)
    facts.push(`${Math.round(a.recency.shareNoOrders * 100)}% without orders`);
  if (a.topCities.length) facts.push(`mostly in ${a.topCities[0].city}`);
  return `Audience: ${facts.join(', ')}.`;
}

function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const COMMON_FIRST_WORDS = new Set([
  'a',
  'an',
  'the',
  'our',
  'your',
  'we',
  'all',
  'any',
  'every',
  'flat',
  'free',
  'extra',
  'new',
  'save',
  'get',
  'buy',
  'up',
  'this',
  'these',
  'two',
  'three',
  'double',
  'special',
  'limited',
  'exclusive',
  'early',
]);

/** Lower-cases a capitalised common first word ("Flat ₹500 off"), never a name or a code. */
function lowerFirstWord(text: string): string {
  const [first, ...rest] = text.split(' ');
  const lower = first.toLowerCase();
  return [COMMON_FIRST_WORDS.has(lower) ? lower : first, ...rest].join(' ');
}
