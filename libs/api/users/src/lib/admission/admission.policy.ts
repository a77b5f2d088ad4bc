import type { Role, UserStatus } from '@mini-crm/contracts';

/** Why a sign-in is refused; the console shows a message per reason (`/login?error=<reason>`). */
export type SignInRefusal = 'email_unverified' | 'signup_closed' | 'rejected' | 'deactivated';

export type AdmissionDecision =
  | { kind: 'refuse'; reason: SignInRefusal }
  | {
      kind: 'admit';
      status: Extract<UserStatus, 'active' | 'pending'>;
      role: Role;
      /** What let them in; recorded in the sign-in audit entry. */
      via: 'existing' | 'bootstrap' | 'invite' | 'domain' | 'approval_queue' | 'first_dev_user' | 'dev';
      consumeInvite: boolean;
    };

export interface AdmissionFacts {
  email: string;
  verified: boolean;
  method: 'google' | 'dev';
  existing: { role: string; status: string } | null;
  invite: { role: string } | null;
  anyUser: boolean;
  anyActiveAdmin: boolean;
}

export interface AdmissionRules {
  allowedEmailDomains: string[];
  signup: 'approval' | 'closed';
  bootstrapAdminEmail?: string;
  nodeEnv: string;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Who may sign in, and as what (docs/security/sign-in.md). Pure: the facts are read under a lock by
 * AdmissionService. Deny by default: a stranger is at most pending.
 */
export function decideAdmission(f: AdmissionFacts, rules: AdmissionRules): AdmissionDecision {
  if (!f.verified) return { kind: 'refuse', reason: 'email_unverified' };
  const admit = (
    status: 'active' | 'pending',
    role: string,
    via: Extract<AdmissionDecision, { kind: 'admit' }>['via'],
  ) => ({ kind: 'admit', status, role: role as Role, via, consumeInvite: via === 'invite' }) as const;

  // The bootstrap email makes the first admin, and recovers one when no active admin is left.
  if (rules.bootstrapAdminEmail && f.email === rules.bootstrapAdminEmail && (!f.existing || !f.anyActiveAdmin))
    return admit('active', 'admin', 'bootstrap');

  if (f.existing) {
    if (f.existing.status === 'rejected') return { kind: 'refuse', reason: 'rejected' };
    if (f.existing.status === 'deactivated') return { kind: 'refuse', reason: 'deactivated' };
    if (f.existing.status === 'active') return admit('active', f.existing.role, 'existing');
    // pending: an invite or a newly allowed domain lets them in; otherwise they keep waiting.
    if (f.invite) return admit('active', f.invite.role, 'invite');
    if (rules.allowedEmailDomains.includes(emailDomain(f.email))) return admit('active', 'viewer', 'domain');
    return admit('pending', f.existing.role, 'approval_queue');
  }

  if (f.invite) return admit('active', f.invite.role, 'invite');
  // Development sign-in (never in production) keeps its convenience: the first user is admin, and
  // without ALLOWED_EMAIL_DOMAINS later ones are viewers; with it, the rules below apply as for Google.
  if (f.method === 'dev' && rules.nodeEnv !== 'production') {
    if (!f.anyUser) return admit('active', 'admin', 'first_dev_user');
    if (rules.allowedEmailDomains.length === 0) return admit('active', 'viewer', 'dev');
  }
  if (rules.allowedEmailDomains.includes(emailDomain(f.email))) return admit('active', 'viewer', 'domain');
  if (rules.signup === 'closed') return { kind: 'refuse', reason: 'signup_closed' };
  return admit('pending', 'viewer', 'approval_queue');
}
