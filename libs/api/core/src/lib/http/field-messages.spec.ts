import { fieldLabel, humanFieldMessage, validationSummary } from './field-messages';

describe('validation messages for people', () => {
  it('names fields as people do', () => {
    expect(fieldLabel('firstName')).toBe('First name');
    expect(fieldLabel('orders[2].customerEmail')).toBe('Customer email');
    expect(fieldLabel('segmentId')).toBe('Segment ID');
    expect(fieldLabel('first_name')).toBe('First name');
  });

  it('rewrites class-validator’s wording, never showing the property name', () => {
    expect(humanFieldMessage('firstName', 'firstName must be shorter than or equal to 200 characters')).toBe(
      'First name is too long (200 characters at most)',
    );
    expect(humanFieldMessage('name', 'name must be longer than or equal to 1 characters')).toBe('Name can’t be empty');
    expect(humanFieldMessage('name', 'name should not be empty')).toBe('Name is required');
    expect(humanFieldMessage('limit', 'limit must not be greater than 200')).toBe('Limit must be at most 200');
    expect(humanFieldMessage('orders[0].amount', 'amount must be a string')).toBe('Amount must be text');
    expect(humanFieldMessage('role', 'role must be one of admin, marketer, viewer')).toBe(
      'Role must be one of admin, marketer, viewer',
    );
    expect(humanFieldMessage('tags', 'each value in tags must be shorter than or equal to 100 characters')).toBe(
      'Each entry of tags is too long (100 characters at most)',
    );
    expect(humanFieldMessage('extra', 'property extra should not exist')).toBe(
      '“extra” is not a field this request accepts',
    );
  });

  it('leaves messages already written for people alone', () => {
    expect(humanFieldMessage('rules[1].rules[0].value', 'expected a number')).toBe('expected a number');
    expect(humanFieldMessage('email', 'another customer already has this email')).toBe(
      'another customer already has this email',
    );
  });

  it('sums up the first three problems', () => {
    const issues = ['A', 'B', 'C', 'D', 'E'].map((m) => ({ path: 'x', message: m }));
    expect(validationSummary(issues)).toBe('A; B; C (and 2 more)');
    expect(validationSummary(issues.slice(0, 1))).toBe('A');
  });
});
