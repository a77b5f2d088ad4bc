import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '@mini-crm/contracts';

export interface AccessClaims {
  sub: string;
  role: Role;
  email: string;
}

const ISSUER = 'mini-crm';
const AUDIENCE = 'mini-crm-api';

export async function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: claims.role, email: claims.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

/** Returns the claims or null for anything invalid, expired or tampered with. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string') return null;
    return { sub: payload.sub, role: payload['role'] as Role, email: String(payload['email'] ?? '') };
  } catch {
    return null;
  }
}
