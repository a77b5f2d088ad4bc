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
  const job = await waitForState(
    () => api<{ status: string; inserted: number }>(server, token, 'GET', `/imports/${id}`),
    (j) => ['completed', 'failed', 'cancelled'].includes(j.status),
  );
  if (job.status !== 'completed') throw new Error(`import ended ${JSON.stringify(job)}`);
  return job;
}

/** Polls `read` until `done` holds (a state, not a sleep); fails with the last value after `timeoutMs`. */
export async function waitForState<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`state not reached: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
