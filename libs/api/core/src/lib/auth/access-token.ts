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
  // Each request checks its token twice (rate limit, guard) and a client sends the same one until it
  // expires: a token already verified under this secret answers from memory until its `exp`.
  const known = verified.get(token);
  if (known && known.secret === secret && known.expMs > Date.now()) return known.claims;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
    const claims = { sub: payload.sub, role: payload['role'] as Role, email: String(payload['email'] ?? '') };
    if (verified.size >= MAX_VERIFIED) verified.clear();
    verified.set(token, { secret, claims, expMs: payload.exp * 1000 });
    return claims;
  } catch {
    return null;
  }
}

const MAX_VERIFIED = 10_000;
const verified = new Map<string, { secret: string; claims: AccessClaims; expMs: number }>();
