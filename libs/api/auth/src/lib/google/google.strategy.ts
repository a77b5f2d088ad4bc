import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Profile, Strategy } from 'passport-google-oauth20';
import { APP_CONFIG, AppConfig } from '@mini-crm/api/core';
import { UsersService } from '@mini-crm/api/users';
import { OAuthStateStore } from './oauth-state.store';

/**
 * passport-google-oauth20 with every Google URL from config, so tests can point it at a loopback OAuth server;
 * state and PKCE through OAuthStateStore.
 */
@Injectable()
export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
    states: OAuthStateStore,
  ) {
    const g = config.auth.google;
    super({
      clientID: g.clientId ?? 'unconfigured',
      clientSecret: g.clientSecret ?? 'unconfigured',
      callbackURL: g.callbackUrl,
      authorizationURL: g.authorizationUrl,
      tokenURL: g.tokenUrl,
      userProfileURL: g.userInfoUrl,
      scope: ['openid', 'email', 'profile'],
      // state bound to the browser, single use, short-lived; PKCE (S256) verifier kept with it.
      store: states,
      pkce: 'S256',
    } as never);
  }

  async validate(_accessToken: string, _refreshToken: string, profile: Profile) {
    const json = (profile._json ?? {}) as {
      email?: string;
      email_verified?: boolean | string;
      picture?: string;
      name?: string;
    };
    const email = json.email ?? profile.emails?.[0]?.value;
    if (!email) return false;
    // Admission (AdmissionService) refuses an unverified email and decides active / pending / refused.
    const verified = json.email_verified === true || json.email_verified === 'true';
    return this.users.signIn(
      { email, verified, name: json.name ?? profile.displayName, avatar: json.picture ?? null, googleSub: profile.id },
      'google',
    );
  }
}
