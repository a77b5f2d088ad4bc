import { DuplicateTracker } from './duplicate-tracker.util';

describe('DuplicateTracker', () => {
  it('matches on external id, then email, then phone and points to the first row', () => {
    const t = new DuplicateTracker();
    expect(t.check({ externalId: 'C1', email: 'a@x.com', phone: '+911' }, 2)).toBeNull();
    expect(t.check({ externalId: 'C2', email: 'b@x.com', phone: null }, 3)).toBeNull();
    expect(t.check({ externalId: 'C1', email: 'b@x.com' }, 4)).toEqual({ rowNumber: 2, key: 'external_id' });
    expect(t.check({ email: 'b@x.com', phone: '+919' }, 5)).toEqual({ rowNumber: 3, key: 'email' });
    // row 5's new phone was registered under the row it duplicates
    expect(t.check({ phone: '+919' }, 6)).toEqual({ rowNumber: 3, key: 'phone' });
    expect(t.check({ phone: '+911' }, 7)).toEqual({ rowNumber: 2, key: 'phone' });
    expect(t.check({ email: 'c@x.com' }, 8)).toBeNull();
    expect(t.find({ email: 'c@x.com' })).toEqual({ rowNumber: 8, key: 'email' });
  });
});
