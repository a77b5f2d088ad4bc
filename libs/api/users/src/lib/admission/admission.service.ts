import { Inject, Injectable } from '@nestjs/common';
import { withTransaction, type Database } from '@mini-crm/db';
import { APP_CONFIG, AppConfig, AuditService, DB } from '@mini-crm/api/core';
import { InvitesRepository } from '../invites/invites.repository';
import { UserRow, UsersRepository } from '../users.repository';
import { decideAdmission, SignInRefusal } from './admission.policy';

export interface SignInProfile {
  email: string;
  /** The identity provider vouches for the email (Google's `email_verified`); dev sign-in passes true. */
  verified: boolean;
  name?: string;
  avatar?: string | null;
  googleSub?: string | null;
}

/** A signed-in user is `active` or `pending` (pending reaches only /api/auth/me, refresh and logout). */
export type SignInOutcome = { kind: 'signed_in'; user: UserRow } | { kind: 'refused'; reason: SignInRefusal };

/** Applies the admission rules to a sign-in: creates or updates the user, uses up an invite, audits. */
@Injectable()
export class AdmissionService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly invites: InvitesRepository,
    private readonly audit: AuditService,
  ) {}

  async signIn(profile: SignInProfile, method: 'google' | 'dev'): Promise<SignInOutcome> {
    const email = profile.email.trim().toLowerCase();
    const { allowedEmailDomains, signup, bootstrapAdminEmail } = this.config.auth;
    return withTransaction(this.db, async (tx) => {
      await this.users.lockSignIns(tx);
      const existing = await this.users.findByEmail(email, tx);
      const invite = await this.invites.findByEmail(email, tx);
      const decision = decideAdmission(
        {
          email,
          verified: profile.verified,
          method,
          existing,
          invite,
          anyUser: !!existing || (await this.users.hasAnyUser(tx)),
          anyActiveAdmin: (await this.users.countActiveAdmins(tx)) > 0,
        },
        { allowedEmailDomains, signup, bootstrapAdminEmail, nodeEnv: this.config.nodeEnv },
      );
      if (decision.kind === 'refuse') {
        await this.audit.record(
          {
            actor: existing ? { id: existing.id, email } : null,
            action: 'auth.sign_in_refused',
            entity: 'user',
            entityId: existing?.id ?? null,
            diff: { method, reason: decision.reason, email },
          },
          tx,
        );
        return { kind: 'refused', reason: decision.reason };
      }
      const fields = { avatar: profile.avatar ?? null, googleSub: profile.googleSub ?? null };
      const user = existing
        ? await this.users.updateOnSignIn(existing.id, { ...fields, role: decision.role, status: decision.status }, tx)
        : await this.users.insert(
            {
              ...fields,
              email,
              name: profile.name?.trim() || email.split('@')[0],
              role: decision.role,
              status: decision.status,
            },
            tx,
          );
      if (decision.consumeInvite && invite) await this.invites.delete(invite.id, tx);
      await this.audit.record(
        {
          actor: { id: user.id, email: user.email },
          action: 'auth.sign_in',
          entity: 'user',
          entityId: user.id,
          diff: { method, via: decision.via, status: user.status, role: user.role },
        },
        tx,
      );
      return { kind: 'signed_in', user };
    });
  }
}
