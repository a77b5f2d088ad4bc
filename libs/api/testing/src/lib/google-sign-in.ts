import type { OAuthStub, OAuthStubUser } from './oauth-stub';
import type { TestApp } from './test-app';

export interface GoogleSignInResult {
  /** Where our callback sent the browser: the console's /auth/callback?code=… or /login?error=… */
  redirect: URL;
  /** The exchanged tokens when the callback carried a code, else null. */
  tokens: {
    accessToken: string;
    refreshToken: string;
    user: { id: string; email: string; role: string; status: string; active: boolean };
  } | null;
}

/**
 * The browser's Google redirect flow as `user`: start at /api/auth/google, let the stub consent,
 * follow the callback (carrying any cookies the start set, as a browser would) and exchange the code.
 */
export async function googleSignIn(t: TestApp, stub: OAuthStub, user: OAuthStubUser): Promise<GoogleSignInResult> {
  stub.nextUser = { email_verified: true, ...user };
  const start = await fetch(`${t.baseUrl}/api/auth/google`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`GET /api/auth/google answered ${start.status}`);
  const cookie = start.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const consent = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
  // The stub sends the browser to GOOGLE_CALLBACK_URL; the test app listens on its own port.
  const back = new URL(consent.headers.get('location') ?? '');
  const callback = await fetch(`${t.baseUrl}${back.pathname}${back.search}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
  if (callback.status !== 302) throw new Error(`callback answered ${callback.status}: ${await callback.text()}`);
  const redirect = new URL(callback.headers.get('location') ?? '');
  const code = redirect.searchParams.get('code');
  if (!code) return { redirect, tokens: null };
  const exchanged = await t.request('POST', '/api/auth/exchange', { body: { code } });
  if (exchanged.status !== 200) throw new Error(`exchange answered ${exchanged.status}: ${exchanged.text}`);
  return { redirect, tokens: exchanged.body };
}
