import type { SegmentCondition, SegmentGroup, SegmentOperator, SegmentRule } from '@mini-crm/contracts';
import { AiUnderstandingError, AiUpstreamError } from './ai.errors';
import type { DraftMessageOption } from './message-checks.util';

const MAX_DEPTH = 4;

export function parseModelJson(text: string | undefined): unknown {
  if (!text?.trim()) throw new AiUpstreamError('Gemini returned an empty answer');
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AiUpstreamError('Gemini returned malformed JSON', undefined, { cause });
  }
}

/** Keeps the well-formed options; fails when none is. */
export function readMessageDrafts(json: unknown): DraftMessageOption[] {
  const options = isRecord(json) && Array.isArray(json['options']) ? json['options'] : null;
  if (!options) throw new AiUpstreamError('Gemini answer has no "options" list');
  const drafts = options.flatMap((o): DraftMessageOption[] => {
    if (!isRecord(o) || typeof o['text'] !== 'string' || !o['text'].trim()) return [];
    return [
      {
        text: o['text'],
        subject: typeof o['subject'] === 'string' ? o['subject'] : undefined,
        rationale: typeof o['rationale'] === 'string' ? o['rationale'] : '',
      },
    ];
  });
  if (!drafts.length) throw new AiUpstreamError('Gemini answer holds no usable message option');
  return drafts;
}

/**
 * Checks the structure of the rules answer and rebuilds it without stray properties. Field
 * names and operator/value fit are left to the caller's validator (which can ask for repair).
 */
export function readSegmentAnswer(json: unknown): SegmentGroup {
  if (!isRecord(json)) throw new AiUpstreamError('Gemini answer is not an object');
  const unrecognized = json['unrecognized'];
  if (Array.isArray(unrecognized)) {
    const parts = unrecognized.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    if (parts.length) throw new AiUnderstandingError(parts.map((p) => p.trim()));
  }
  const rules = readRule(json['rules'], 0);
  if (!rules || !('rules' in rules)) throw new AiUpstreamError('Gemini answer has no valid rule group');
  return rules;
}

function readRule(value: unknown, depth: number): SegmentRule | null {
  if (!isRecord(value) || depth > MAX_DEPTH) return null;
  if (Array.isArray(value['rules'])) {
    if (value['op'] !== 'and' && value['op'] !== 'or') return null;
    const rules = value['rules'].map((r) => readRule(r, depth + 1));
    if (!rules.length || rules.some((r) => r === null)) return null;
    const group: SegmentGroup = { op: value['op'], rules: rules as SegmentRule[] };
    if (value['not'] === true) group.not = true;
    return group;
  }
  if (typeof value['field'] !== 'string' || typeof value['operator'] !== 'string') return null;
  const condition: SegmentCondition = { field: value['field'], operator: value['operator'] as SegmentOperator };
  if ('value' in value) condition.value = value['value'];
  return condition;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
