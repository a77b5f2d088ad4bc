import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { APP_CONFIG, AppConfig } from '@mini-crm/api/core';

export interface GoogleIdentity {
  sub: string;
  email: string;
  name?: string;
  picture?: string;
}

/** Verifies a Google Identity Services credential (ID token) against Google's JWKS (URL from config). */
@Injectable()
export class GoogleIdTokenService {
  private readonly jwks;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.jwks = createRemoteJWKSet(new URL(config.auth.google.jwksUrl));
  }

  async verify(credential: string): Promise<GoogleIdentity> {
    const g = this.config.auth.google;
    if (!g.clientId) throw new UnauthorizedException('Google sign-in is not configured');
    let payload;
    try {
      ({ payload } = await jwtVerify(credential, this.jwks, { issuer: g.issuers, audience: g.clientId }));
    } catch {
      throw new UnauthorizedException('Google credential is invalid or expired');
    }
    const email = typeof payload['email'] === 'string' ? payload['email'] : undefined;
    const verified = payload['email_verified'] === true || payload['email_verified'] === 'true';
    if (!email || !verified || typeof payload.sub !== 'string')
      throw new UnauthorizedException('Google account email is not verified');
    return {
      sub: payload.sub,
      email,
      name: payload['name'] as string | undefined,
      picture: payload['picture'] as string | undefined,
    };
  }
}
