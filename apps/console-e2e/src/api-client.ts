import type { BuiltServer } from '@mini-crm/testing/e2e';

/** One authenticated JSON call to the server under test (seeding and checks beside the browser). */
export async function api<T>(
  server: BuiltServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An access token from the dev login (the first user to sign in becomes admin). */
export async function devLoginToken(server: BuiltServer, email: string, name?: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name }),
  });
  if (!res.ok) throw new Error(`dev login → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Seeds through the import API (one upload instead of dozens of requests); resolves with the completed job. */
export async function importCustomersCsv(
  server: BuiltServer,
  token: string,
  csv: string,
): Promise<{ status: string; inserted: number }> {
  const form = new FormData();
  form.append('kind', 'customers');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'customers.csv');
  const started = await fetch(`${server.url}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (started.status !== 202) throw new Error(`import → ${started.status}: ${await started.text()}`);
  const { id } = (await started.json()) as { id: string };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await api<{ status: string; inserted: number }>(server, token, 'GET', `/imports/${id}`);
    if (job.status === 'completed') return job;
    if (job.status === 'failed' || job.status === 'cancelled' || Date.now() > deadline)
      throw new Error(`import ended ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
