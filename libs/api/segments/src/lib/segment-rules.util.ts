import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import type { SegmentGroup } from '@mini-crm/contracts';
import { formatSegmentRuleIssues, validateSegmentRules } from '@mini-crm/segment-engine';

/**
 * Validates rules from a request body; 400 with the engine's paths in `details`. Paths are relative
 * to the root group (`rules[1].rules[0].value`); a problem with the root itself is reported as `rules`.
 */
export function parseRulesOrThrow(input: unknown): SegmentGroup {
  const result = validateSegmentRules(input);
  if (result.ok) return result.rules;
  const details = result.errors.map((e) => ({ path: e.path || 'rules', message: e.message }));
  throw new BadRequestException({
    message: `Invalid segment rules: ${formatSegmentRuleIssues(result.errors.slice(0, 3))}`,
    details,
  });
}

/** Rules read back from the database: they validated when saved, but the registry may have changed since. */
export function storedRulesOrThrow(input: unknown, segmentId: string): SegmentGroup {
  const result = validateSegmentRules(input);
  if (result.ok) return result.rules;
  const details = result.errors.map((e) => ({ path: e.path || 'rules', message: e.message }));
  throw new UnprocessableEntityException({
    message: `Segment ${segmentId} has rules that no longer validate; edit the segment`,
    details,
  });
}
