/** The part of the test app (`@mini-crm/api/testing`) these helpers use. */
interface TestApp {
  request(
    method: string,
    path: string,
    opts?: { token?: string; raw?: BodyInit },
  ): Promise<{ status: number; body: any; text: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The messy export of the acceptance criteria (BOM, CRLF, odd spacing/casing, local phones, duplicates, bad rows, formula cells). */
export function messyCustomersCsv(): string {
  const lines = [
    /* 1 */ '\ufeff Customer ID ,First Name,LAST NAME,E-mail,Mobile,Town,Country,Tags,Email Consent,Notes',
    /* 2 */ 'C001,  john ,DOE,John.Doe@Example.COM ,098765 43210,Mumbai,india,"VIP; new",yes,=SUM(A1:A9)',
    /* 3 */ 'C002,Priya,Sharma,priya@example.in,+91 98765-43211,  Pune ,IN,vip|Gold,opt-out,',
    /* 4 */ '',
    /* 5 */ ',Ravi,Kumar,ravi@example,12345,Delhi,IND,,,',
    /* 6 */ ',Asha,,asha@example.com,98765,Chennai,IN,,maybe,',
    /* 7 */ 'C001,Dup,Person,other@example.com,,,,,,',
    /* 8 */ ',Dupe,ByEmail,JOHN.DOE@example.com,,,,,,',
    /* 9 */ ',,,,,,,,,+cmd',
    /* 10 */ 'C004,Broken,"Quote,broken@example.com,,,,,,',
    /* 11 */ 'C005,After,Broken,after@example.com,9876543212,,,,,',
    /* 12 */ '@evil,=x,-y,mallory@example.com,,,,,,',
    /* 13 */ ',=1+2,Row,not-an-email,,,,,,',
  ];
  return lines.join('\r\n') + '\r\n';
}

export interface ImportJobView {
  id: string;
  status: string;
  rows: number;
  inserted: number;
  updated: number;
  duplicates: number;
  failed: number;
  warnings: number;
  message: string | null;
  percent: number;
}

export async function upload(
  t: TestApp,
  token: string,
  content: string | Buffer,
  fields: Record<string, string>,
  path = '/api/imports',
  fileName = 'customers.csv',
): Promise<{ status: number; body: any }> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const form = new FormData();
  // Fields after the file on purpose: the server must not depend on their order.
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: 'application/octet-stream' }),
    fileName,
  );
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await t.request('POST', path, { token, raw: form });
  return { status: res.status, body: res.body };
}

const TERMINAL = ['completed', 'failed', 'cancelled'];

export async function waitForImport(t: TestApp, token: string, id: string, timeoutMs = 60_000): Promise<ImportJobView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.request('GET', `/api/imports/${id}`, { token });
    if (res.status !== 200) throw new Error(`GET import ${id}: ${res.status} ${res.text}`);
    if (TERMINAL.includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`import ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function importFile(
  t: TestApp,
  token: string,
  content: string | Buffer,
  fields: Record<string, string>,
): Promise<ImportJobView> {
  const res = await upload(t, token, content, fields);
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForImport(t, token, res.body.id);
}

export function expectIdentity(job: ImportJobView): void {
  if (job.rows !== job.inserted + job.updated + job.duplicates + job.failed) {
    throw new Error(`counting identity broken: ${JSON.stringify(job)}`);
  }
}
