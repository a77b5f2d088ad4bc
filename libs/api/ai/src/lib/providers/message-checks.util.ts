import type { MessageChannel, MessageLength, MessageOption } from './ai-provider.types';
import { replaceTokens, smsLength, tokenNames } from '@mini-crm/message-text';
import { stripUnknownTokens, worstCaseExpansion } from './message-tokens.util';

/**
 * SMS size per requested length, in segments: short 160 GSM-7 / 70 UCS-2 characters,
 * medium 306 / 134, long 459 / 201 — measured after worst-case token expansion.
 */
export const SMS_MAX_SEGMENTS: Record<MessageLength, number> = { short: 1, medium: 2, long: 3 };

const EMAIL_SUBJECT_MAX = 78;

export interface DraftMessageOption {
  text: string;
  subject?: string;
  rationale: string;
}

export interface MessageCheckContext {
  channel: MessageChannel;
  length: MessageLength;
}

/** True when the SMS fits the requested length even with every token at its worst case. */
export function smsFitsLength(text: string, length: MessageLength): boolean {
  return smsLength(worstCaseExpansion(text)).segments <= SMS_MAX_SEGMENTS[length];
}

/**
 * Post-generation checks shared by every provider: unknown tokens are stripped, SMS are cut
 * at a sentence (else word) boundary to fit, e-mails get a subject, duplicates go.
 */
export function checkMessageOptions(drafts: DraftMessageOption[], ctx: MessageCheckContext): MessageOption[] {
  const seen = new Set<string>();
  const out: MessageOption[] = [];
  for (const draft of drafts) {
    let text = stripUnknownTokens(draft.text.trim());
    if (ctx.channel === 'sms') text = fitSmsLength(text.replace(/\s*\n\s*/g, ' '), ctx.length);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const option: MessageOption = { text, rationale: draft.rationale.trim(), tokens: [] };
    if (ctx.channel === 'email') {
      const subject = stripUnknownTokens((draft.subject ?? '').replace(/\s+/g, ' ').trim());
      option.subject = clipAtWord(subject || firstSentence(text), EMAIL_SUBJECT_MAX);
    }
    option.tokens = tokenNames(option.subject, option.text);
    out.push(option);
  }
  return out;
}

/** Trims an SMS to the requested length; '' when not even one word fits. */
export function fitSmsLength(text: string, length: MessageLength): string {
  const { masked, restore } = maskTokens(text);
  const fits = (candidate: string) => smsFitsLength(restore(candidate), length);
  if (fits(masked)) return text;

  const sentences = masked.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [masked];
  let kept = '';
  for (const sentence of sentences) {
    if (!fits(kept + sentence)) break;
    kept += sentence;
  }
  if (kept.trim()) return restore(kept.trim());

  let cut = '';
  for (const word of masked.split(/\s+/).filter(Boolean)) {
    const candidate = cut ? `${cut} ${word}` : word;
    if (!fits(`${candidate}.`)) break;
    cut = candidate;
  }
  cut = cut.replace(/[\s,;:\-–]+$/, '');
  if (!cut) return '';
  return restore(/[.!?]$/.test(cut) ? cut : `${cut}.`);
}

function maskTokens(text: string): { masked: string; restore: (s: string) => string } {
  const tokens: string[] = [];
  // Private-use placeholders keep tokens whole while splitting; they never occur in real text.
  const masked = replaceTokens(text, (t) => `\uE000${tokens.push(t.text) - 1}\uE001`);
  const restore = (s: string) => s.replace(/\uE000(\d+)\uE001/g, (_m, n: string) => tokens[Number(n)] ?? '');
  return { masked, restore };
}

function firstSentence(text: string): string {
  return (text.split(/(?<=[.!?])\s+|\n/)[0] ?? text).trim();
}

function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const clipped = text.slice(0, max + 1);
  const lastSpace = clipped.lastIndexOf(' ');
  return (lastSpace > 0 ? clipped.slice(0, lastSpace) : text.slice(0, max)).replace(/[\s,;:\-–]+$/, '');
}
