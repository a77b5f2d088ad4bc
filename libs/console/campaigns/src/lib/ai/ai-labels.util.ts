import type { AiMessageIntent, AiMessageLength, AiMessageTone, AiProviderName } from '@mini-crm/contracts';

export const INTENT_LABELS: Readonly<Record<AiMessageIntent, string>> = {
  win_back: 'Win back lapsed customers',
  welcome: 'Welcome new customers',
  promotion: 'Promote an offer',
  re_engagement: 'Re-engage quiet customers',
  loyalty: 'Reward loyal customers',
  announcement: 'Announce news',
  custom: 'Something else (describe it)',
};

export const TONE_LABELS: Readonly<Record<AiMessageTone, string>> = {
  friendly: 'Friendly',
  professional: 'Professional',
  playful: 'Playful',
  urgent: 'Urgent',
  empathetic: 'Empathetic',
};

export const LENGTH_LABELS: Readonly<Record<AiMessageLength, string>> = {
  short: 'Short',
  medium: 'Medium',
  long: 'Long',
};

export function providerLabel(provider: AiProviderName): string {
  return provider === 'gemini' ? 'Gemini' : 'Offline suggestions';
}
