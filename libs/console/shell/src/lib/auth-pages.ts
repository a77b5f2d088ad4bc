/**
 * The pages outside the signed-in frame (sign-in, the OAuth callback, waiting for approval), each its own
 * lazy chunk: a signed-in user landing on the customer list never downloads or parses them (nor Google
 * Identity Services' loader and the spinner they use).
 */
export const loadSignInPage = () => import('./sign-in/sign-in-page.component').then((m) => m.SignInPageComponent);

export const loadAuthCallbackPage = () =>
  import('./auth-callback/auth-callback-page.component').then((m) => m.AuthCallbackPageComponent);

export const loadWaitingApprovalPage = () =>
  import('./waiting/waiting-approval-page.component').then((m) => m.WaitingApprovalPageComponent);
