import type { TestApp } from './test-app';

export interface TeamTokens {
  admin: string;
  marketer: string;
  viewer: string;
}

/**
 * Signs in one user per role on a fresh app: the first sign-in becomes admin, who promotes the
 * marketer (whose token is taken after the promotion); the viewer stays a viewer.
 */
export async function signInTeam(t: TestApp): Promise<TeamTokens> {
  const admin = (await t.login('admin@example.com')).accessToken;
  const m = await t.login('marketer@example.com');
  const promoted = await t.request('PATCH', `/api/users/${m.user.id}`, { token: admin, body: { role: 'marketer' } });
  if (promoted.status !== 200) throw new Error(`promoting the marketer failed: ${promoted.status} ${promoted.text}`);
  const marketer = (await t.login('marketer@example.com')).accessToken;
  const viewer = (await t.login('viewer@example.com')).accessToken;
  return { admin, marketer, viewer };
}
