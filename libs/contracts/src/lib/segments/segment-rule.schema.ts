import { SEGMENT_FIELDS, SEGMENT_OPERATORS, SEGMENT_RULE_LIMITS } from './segment-fields';

/** A JSON schema node; kept loose because this lib imports no schema types. */
export type JsonSchema = { [key: string]: unknown };

const FIELD_DESCRIPTION =
  `Field name: one of ${SEGMENT_FIELDS.map((f) => f.name).join(', ')}, ` +
  'or attributes.<key> for a custom attribute.';

const VALUE_DESCRIPTION =
  'Value for the operator: a string or number for eq/neq/contains/starts_with/gt/gte/lt/lte; ' +
  '[min, max] for between; a list of strings for in/has_any/has_all/has_none; an ISO date for before/after; ' +
  'a whole number of days for within_last_days/more_than_days_ago; omitted for is_empty/is_true/is_false; ' +
  'a campaign id (UUID) for the campaign_engagement operators received/delivered/opened/clicked/converted/not_opened/not_clicked.';

const LINK_ID_DESCRIPTION =
  'campaign_engagement with operator clicked only: a tracked link id of that campaign, to count clicks on that link only.';

function conditionSchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      field: { type: 'string', description: FIELD_DESCRIPTION },
      operator: { type: 'string', enum: [...SEGMENT_OPERATORS] },
      value: {
        description: VALUE_DESCRIPTION,
        anyOf: [
          { type: 'string' },
          { type: 'number' },
          { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
        ],
      },
      linkId: { type: 'integer', minimum: 1, description: LINK_ID_DESCRIPTION },
    },
    required: ['field', 'operator'],
  };
}

function groupSchema(items: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      op: { type: 'string', enum: ['and', 'or'] },
      not: { type: 'boolean', description: 'Negates the whole group.' },
      rules: { type: 'array', items, maxItems: SEGMENT_RULE_LIMITS.maxConditions },
    },
    required: ['op', 'rules'],
  };
}

/**
 * Draft 2020-12 schema of a segment-rule AST (root is a group). It checks shape only; the engine's
 * validator checks fields, operator/type fit, limits and value ranges.
 */
export const SEGMENT_RULE_JSON_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://mini-crm.dev/schemas/segment-rule.json',
  title: 'SegmentGroup',
  $ref: '#/$defs/group',
  $defs: {
    group: {
      ...groupSchema({ anyOf: [{ $ref: '#/$defs/group' }, { $ref: '#/$defs/condition' }] }),
      additionalProperties: false,
    },
    condition: { ...conditionSchema(), additionalProperties: false },
  },
};

/**
 * The same shape without `$ref`/`$defs`: groups unrolled to `depth` levels (the root counts as
 * level 1; the deepest level holds conditions only). For schema dialects without recursion,
 * such as Gemini structured output.
 */
export function segmentRuleSchemaForDepth(depth: number = SEGMENT_RULE_LIMITS.maxDepth): JsonSchema {
  const levels = Math.max(1, Math.min(Math.floor(depth), SEGMENT_RULE_LIMITS.maxDepth));
  let group = groupSchema(conditionSchema());
  for (let level = levels - 1; level >= 1; level--) {
    group = groupSchema({ anyOf: [conditionSchema(), group] });
  }
  return group;
}
