const RETURN_URL_KEY = 'mini-crm.console.returnUrl';

/** Only same-app paths: never an absolute or protocol-relative URL (open redirect). */
export function safeReturnUrl(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return fallback;
  if (value.startsWith('/login') || value.startsWith('/auth/')) return fallback;
  return value;
}

/** Remembers where to go after a full-page sign-in round trip (Google redirect flow). */
export function rememberReturnUrl(url: string): void {
  try {
    sessionStorage.setItem(RETURN_URL_KEY, url);
  } catch {
    /* storage disabled: the user lands on the default page */
  }
}

export function takeReturnUrl(fallback = '/'): string {
  try {
    const value = sessionStorage.getItem(RETURN_URL_KEY);
    sessionStorage.removeItem(RETURN_URL_KEY);
    return safeReturnUrl(value, fallback);
  } catch {
    return fallback;
  }
}
