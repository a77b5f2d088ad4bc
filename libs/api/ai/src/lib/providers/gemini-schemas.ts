import { BOOLEAN_OPERATORS, SEGMENT_OPERATORS } from '@mini-crm/contracts';
import type { MessageChannel } from './ai-provider.types';

/** JSON Schemas sent as `responseJsonSchema`, so the model answers in exactly these shapes. */
export function messageOptionsSchema(channel: MessageChannel): Record<string, unknown> {
  const option: Record<string, unknown> = {
    type: 'object',
    properties: {
      ...(channel === 'email'
        ? { subject: { type: 'string', description: 'E-mail subject line, at most 78 characters.' } }
        : {}),
      text: { type: 'string', description: 'The message body, with personalization tokens where useful.' },
      rationale: { type: 'string', description: 'One or two sentences on why this option suits the audience.' },
    },
    required: channel === 'email' ? ['subject', 'text', 'rationale'] : ['text', 'rationale'],
  };
  return {
    type: 'object',
    properties: { options: { type: 'array', minItems: 3, maxItems: 5, items: option } },
    required: ['options'],
  };
}

/**
 * The prompt offers no boolean fields, so the model is not offered their operators either. Campaign
 * engagement operators are offered: the prompt lists the recently launched campaigns by id.
 */
const PROMPT_OPERATORS = SEGMENT_OPERATORS.filter((operator) => !BOOLEAN_OPERATORS.some((b) => b === operator));

const CONDITION_SCHEMA = {
  type: 'object',
  properties: {
    field: { type: 'string', description: 'A field name from the list in the instructions.' },
    operator: { type: 'string', enum: PROMPT_OPERATORS },
    value: {
      anyOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'boolean' },
        { type: 'array', items: { type: 'string' } },
        { type: 'array', items: { type: 'number' } },
      ],
    },
  },
  required: ['field', 'operator'],
};

function groupSchema(items: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      op: { type: 'string', enum: ['and', 'or'] },
      not: { type: 'boolean' },
      rules: { type: 'array', minItems: 1, items },
    },
    required: ['op', 'rules'],
  };
}

/** Groups nest two levels deep — enough for "A and (B or C)" — without a recursive schema. */
export const SEGMENT_RULES_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    rules: groupSchema({ anyOf: [CONDITION_SCHEMA, groupSchema(CONDITION_SCHEMA)] }),
    unrecognized: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Parts of the description that cannot be expressed with the available fields; empty when all is understood.',
    },
  },
  required: ['rules'],
};
