import { ATTRIBUTE_FIELD_PREFIX, ATTRIBUTE_KEY_PATTERN, SEGMENT_FIELDS, isCustomerRowField } from '@mini-crm/contracts';
import type { MessageTokenDto } from '@mini-crm/contracts';

/**
 * Tokens a campaign message may use: every field of the segment registry that is stored on the
 * customer row (derived day counts included), plus `attributes.<key>`. Event counts and campaign
 * engagement are not on the row, so they are no tokens.
 */
export const CAMPAIGN_TOKENS: readonly MessageTokenDto[] = SEGMENT_FIELDS.filter(isCustomerRowField).map((f) => ({
  name: f.name,
  label: f.label,
}));

const TOKEN_NAMES = new Set(CAMPAIGN_TOKENS.map((t) => t.name));

export function isCampaignToken(name: string): boolean {
  if (TOKEN_NAMES.has(name)) return true;
  return (
    name.startsWith(ATTRIBUTE_FIELD_PREFIX) && ATTRIBUTE_KEY_PATTERN.test(name.slice(ATTRIBUTE_FIELD_PREFIX.length))
  );
}
