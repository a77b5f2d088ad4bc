import { SEGMENT_RULE_JSON_SCHEMA, segmentRuleSchemaForDepth, type JsonSchema } from './segment-rule.schema';

/** Depth of nested groups in an unrolled schema (the root group is level 1). */
function groupLevels(schema: JsonSchema): number {
  const items = (schema['properties'] as Record<string, JsonSchema>)['rules']['items'] as JsonSchema;
  const nested = ((items['anyOf'] as JsonSchema[] | undefined) ?? []).find(
    (s) => s['required'] && (s['required'] as string[]).includes('rules'),
  );
  return 1 + (nested ? groupLevels(nested) : 0);
}

describe('segment rule JSON schema', () => {
  it('is a recursive draft 2020-12 schema rooted at a group', () => {
    expect(SEGMENT_RULE_JSON_SCHEMA['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(SEGMENT_RULE_JSON_SCHEMA['$ref']).toBe('#/$defs/group');
    const defs = SEGMENT_RULE_JSON_SCHEMA['$defs'] as Record<string, JsonSchema>;
    expect(defs['group']['required']).toEqual(['op', 'rules']);
    expect(JSON.stringify(defs['group'])).toContain('#/$defs/group');
    expect(JSON.stringify(defs['condition'])).toContain('days_since_last_order');
  });

  it('unrolls to a fixed depth without references', () => {
    for (const depth of [1, 3, 5]) {
      const schema = segmentRuleSchemaForDepth(depth);
      expect(JSON.stringify(schema)).not.toContain('$ref');
      expect(groupLevels(schema)).toBe(depth);
    }
    expect(groupLevels(segmentRuleSchemaForDepth(99))).toBe(5);
    expect(groupLevels(segmentRuleSchemaForDepth())).toBe(5);
  });
});
