import { recipientsProblem, splitRecipients } from './test-recipients.util';

describe('test-send recipients', () => {
  it('splits on lines, commas and semicolons, dropping blanks and repeats', () => {
    expect(splitRecipients(' a@x.example, b@x.example\n\nA@x.example; c@x.example ,')).toEqual([
      'a@x.example',
      'b@x.example',
      'c@x.example',
    ]);
  });

  it('says what is wrong before the API is asked', () => {
    expect(recipientsProblem([], 'email')).toBe('Type at least one email address.');
    expect(recipientsProblem(['a@x.example', 'nope'], 'email')).toBe('nope is not an email address.');
    expect(recipientsProblem(['1', '2', '3', '4', '5', '6'], 'sms')).toBe('At most 5 recipients per test.');
    expect(recipientsProblem(['+91 98765 43210', '12'], 'sms')).toBe('12 is not a phone number.');
    expect(recipientsProblem(['a@x.example'], 'email')).toBeNull();
    expect(recipientsProblem(['98765 43210'], 'sms')).toBeNull();
  });
});
