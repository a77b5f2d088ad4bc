/** An access token from the API's dev login (the bench API runs with AUTH_DEV_LOGIN=true). */
export async function devLogin(apiUrl: string, email = 'bench@example.com'): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`dev login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
