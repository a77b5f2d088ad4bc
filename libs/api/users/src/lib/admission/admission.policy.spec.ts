import { AdmissionFacts, AdmissionRules, decideAdmission } from './admission.policy';

const rules: AdmissionRules = { allowedEmailDomains: ['example.com'], signup: 'approval', nodeEnv: 'production' };
const facts = (f: Partial<AdmissionFacts>): AdmissionFacts => ({
  email: 'x@gmail.com',
  verified: true,
  method: 'google',
  existing: null,
  invite: null,
  anyUser: true,
  anyActiveAdmin: true,
  ...f,
});

describe('decideAdmission', () => {
  it('refuses an unverified email before anything else, even the bootstrap email', () => {
    expect(
      decideAdmission(facts({ email: 'boss@x.io', verified: false }), { ...rules, bootstrapAdminEmail: 'boss@x.io' }),
    ).toEqual({ kind: 'refuse', reason: 'email_unverified' });
  });

  it('queues a stranger as pending (approval) or refuses them (closed)', () => {
    expect(decideAdmission(facts({}), rules)).toMatchObject({ kind: 'admit', status: 'pending', role: 'viewer' });
    expect(decideAdmission(facts({}), { ...rules, signup: 'closed' })).toEqual({
      kind: 'refuse',
      reason: 'signup_closed',
    });
  });

  it('never makes the first Google sign-in an admin; the bootstrap email is admin and recovers a lost admin', () => {
    const empty = { anyUser: false, anyActiveAdmin: false };
    expect(decideAdmission(facts({ ...empty, email: 'a@example.com' }), rules)).toMatchObject({ role: 'viewer' });
    const withBoss = { ...rules, bootstrapAdminEmail: 'boss@x.io' };
    expect(decideAdmission(facts({ ...empty, email: 'boss@x.io' }), withBoss)).toMatchObject({
      status: 'active',
      role: 'admin',
      via: 'bootstrap',
    });
    const demotedBoss = { email: 'boss@x.io', existing: { role: 'viewer', status: 'active' } };
    expect(decideAdmission(facts(demotedBoss), withBoss)).toMatchObject({ role: 'viewer', via: 'existing' });
    expect(decideAdmission(facts({ ...demotedBoss, anyActiveAdmin: false }), withBoss)).toMatchObject({
      role: 'admin',
      via: 'bootstrap',
    });
  });

  it('dev sign-in keeps its first-user-admin convenience outside production only', () => {
    const dev = facts({ method: 'dev', anyUser: false, email: 'me@anywhere.io' });
    expect(decideAdmission(dev, { ...rules, nodeEnv: 'development' })).toMatchObject({
      role: 'admin',
      status: 'active',
    });
    expect(decideAdmission(dev, rules)).toMatchObject({ status: 'pending' });
  });

  it('later dev sign-ins are viewers without ALLOWED_EMAIL_DOMAINS, and follow the rules with it', () => {
    const dev = facts({ method: 'dev', email: 'me@anywhere.io' });
    const devRules = { ...rules, nodeEnv: 'development' };
    expect(decideAdmission(dev, { ...devRules, allowedEmailDomains: [] })).toMatchObject({
      status: 'active',
      role: 'viewer',
    });
    expect(decideAdmission(dev, devRules)).toMatchObject({ status: 'pending' });
    expect(decideAdmission(dev, { ...devRules, signup: 'closed' })).toEqual({
      kind: 'refuse',
      reason: 'signup_closed',
    });
  });

  it('refuses rejected and deactivated users; a pending user gets in by invite or a newly allowed domain', () => {
    expect(decideAdmission(facts({ existing: { role: 'viewer', status: 'rejected' } }), rules)).toEqual({
      kind: 'refuse',
      reason: 'rejected',
    });
    expect(decideAdmission(facts({ existing: { role: 'admin', status: 'deactivated' } }), rules)).toEqual({
      kind: 'refuse',
      reason: 'deactivated',
    });
    const pending = { existing: { role: 'viewer', status: 'pending' } };
    expect(decideAdmission(facts(pending), { ...rules, signup: 'closed' })).toMatchObject({ status: 'pending' });
    expect(decideAdmission(facts({ ...pending, invite: { role: 'marketer' } }), rules)).toMatchObject({
      status: 'active',
      role: 'marketer',
      consumeInvite: true,
    });
    expect(decideAdmission(facts({ ...pending, email: 'p@example.com' }), rules)).toMatchObject({ status: 'active' });
  });
});
