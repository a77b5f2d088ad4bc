import type { EngagementOperator, SegmentCondition } from '@mini-crm/contracts';
import type { RecentCampaign } from '../providers/ai-provider.types';
import { normalizePhrase, type PhraseContext, type PhraseMatcher } from './phrase-match.util';

/**
 * Engagement with one campaign: "clicked our last campaign", "opened the latest email", "received
 * the Diwali sale campaign", "bought from our last SMS". The campaign comes from the recently
 * launched ones the caller passes (newest first): "last"/"latest"/"most recent" is the newest (of the
 * channel, when one is named), otherwise a campaign named in the text. Without launched campaigns
 * nothing matches, and the phrase is reported as not understood.
 */
const VERBS: [RegExp, EngagementOperator][] = [
  [/(?:opened|open|read)/y, 'opened'],
  [/(?:clicked|click|tapped)(?:\s+on)?(?:\s+(?:a|any)\s+links?\s+in)?/y, 'clicked'],
  [/(?:received|receive|got|get|(?:was|were)\s+sent|(?:was|were)\s+in)/y, 'received'],
  [/(?:converted|convert|bought|buy|ordered|order|purchased|purchase)\s+(?:from|after)/y, 'converted'],
];
const LATEST =
  /(?:our|the)\s+(?:last|latest|most\s+recent|newest|previous|recent)\s+(?:(e-?mail|sms|text)\s+)?(?:campaign|e-?mail|sms|text|newsletter|message|blast)(?=$|[\s,])/y;
const NAMED = /(?:our|the)\s+"?/y;

const campaignMatcher: PhraseMatcher = (text, pos, ctx) => {
  if (!ctx.campaigns.length) return null;
  for (const [verb, operator] of VERBS) {
    verb.lastIndex = pos;
    const v = verb.exec(text);
    if (!v) continue;
    const at = pos + v[0].length + (text[pos + v[0].length] === ' ' ? 1 : 0);
    const found = latest(text, at, ctx) ?? named(text, at, ctx);
    if (!found) continue;
    const condition: SegmentCondition = { field: 'campaign_engagement', operator, value: found.campaign.id };
    return { end: found.end, condition };
  }
  return null;
};

/** "our last campaign", "the latest email": the newest launched campaign (of the named channel). */
function latest(text: string, pos: number, ctx: PhraseContext): { campaign: RecentCampaign; end: number } | null {
  LATEST.lastIndex = pos;
  const m = LATEST.exec(text);
  if (!m) return null;
  const word = m[0].split(/\s+/).pop() as string;
  const channel = channelOf(m[1]) ?? channelOf(word);
  const campaign = ctx.campaigns.find((c) => !channel || c.channel === channel);
  return campaign ? { campaign, end: pos + m[0].length } : null;
}

/** "the Diwali sale campaign", "our "Welcome back" email": the campaign whose whole name follows (the longest). */
function named(text: string, pos: number, ctx: PhraseContext): { campaign: RecentCampaign; end: number } | null {
  NAMED.lastIndex = pos;
  const m = NAMED.exec(text);
  if (!m) return null;
  const at = pos + m[0].length;
  let best: { campaign: RecentCampaign; end: number } | null = null;
  for (const campaign of ctx.campaigns) {
    const name = normalizePhrase(campaign.name).replace(/^"|"$/g, '');
    if (!name || !text.startsWith(name, at)) continue;
    const tail = /^"?(?:\s+(?:campaign|e-?mail|sms|text|newsletter|message|blast))?(?=$|[\s,])/.exec(
      text.slice(at + name.length),
    );
    if (!tail) continue;
    const end = at + name.length + tail[0].length;
    if (!best || end > best.end) best = { campaign, end };
  }
  return best;
}

function channelOf(word: string | undefined): string | null {
  if (!word) return null;
  if (/^e-?mail|newsletter/.test(word)) return 'email';
  if (word === 'sms' || word === 'text') return 'sms';
  return null;
}

export const CAMPAIGN_MATCHERS: PhraseMatcher[] = [campaignMatcher];
