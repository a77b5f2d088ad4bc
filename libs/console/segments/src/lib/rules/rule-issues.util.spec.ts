import { issuesByRule, ruleKeyOf } from './rule-issues.util';

describe('rule issue mapping', () => {
  it('maps value, operator and nested paths to the rule they belong to', () => {
    expect(ruleKeyOf('rules[1].rules[0].value')).toBe('rules[1].rules[0]');
    expect(ruleKeyOf('rules[1].rules[0].value[1]')).toBe('rules[1].rules[0]');
    expect(ruleKeyOf('rules[2].operator')).toBe('rules[2]');
    expect(ruleKeyOf('rules[3].op')).toBe('rules[3]');
    expect(ruleKeyOf('')).toBe('');
    expect(ruleKeyOf('op')).toBe('');
  });

  it('groups messages per rule without duplicates', () => {
    const map = issuesByRule([
      { path: 'rules[0].value', message: 'expected a number' },
      { path: 'rules[1].rules[0].value[0]', message: 'expected a number' },
      { path: 'rules[1].rules[0].value[1]', message: 'expected a number' },
      { path: '', message: 'at most 100 conditions are allowed (found 101)' },
    ]);
    expect(map.get('rules[0]')).toEqual(['expected a number']);
    expect(map.get('rules[1].rules[0]')).toEqual(['expected a number']);
    expect(map.get('rules[1]')).toBeUndefined();
    expect(map.get('')).toEqual(['at most 100 conditions are allowed (found 101)']);
  });
});
