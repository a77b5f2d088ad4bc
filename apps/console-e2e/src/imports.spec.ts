import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { devSignIn, newPage, shot } from './browser';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

// A messy export: BOM, CRLF, odd header casing/spacing, padded and upper-case cells, local phone
// formats, an in-file duplicate, two invalid rows (one with a formula cell), a bad optional phone,
// a blank line and a column the user chooses to ignore.
const MESSY_CSV =
  '\uFEFFE-Mail , First Name,last_name,  MOBILE ,City,Country,Tags,Loyalty Tier,Internal Notes\r\n' +
  '  ASHA.Rao@Example.COM ,  asha  , RAO ,098765 43210,Pune,india,VIP; newsletter,gold,call after 6\r\n' +
  'ravi@example.com,Ravi,Kumar,+91 91234 56789,Mumbai,IN,vip|early,silver,\r\n' +
  'asha.rao@example.com,Asha,Rao,9876543210,Pune,IN,,gold,dup\r\n' +
  'not-an-email,Bad,Row,,Delhi,IN,,,\r\n' +
  'bad@@example,"=SUM(A1:A9)",Formula,,Delhi,IN,,,\r\n' +
  'meena@example.com,Meena,Iyer,12345,Chennai,IN,,bronze,\r\n' +
  '\r\n';

describe('imports in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let page: Page;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
    page = await newPage(browser, server.url);
    await devSignIn(page, 'ada@example.com', 'Ada Admin');
  });
  afterAll(async () => run?.close());

  it('imports a messy customer file through the wizard and reports every bad row', async () => {
    await page.getByTestId('nav-imports').click();
    await page.waitForURL(/\/imports$/);
    await page.getByText('No imports yet').waitFor();
    await shot(page, 'imports-01-history-empty');

    await page.getByTestId('import-new').click();
    await page.waitForURL(/\/imports\/new$/);
    await page.getByTestId('import-kind-customers').waitFor();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'messy-export.csv',
      mimeType: 'application/vnd.ms-excel',
      buffer: Buffer.from(MESSY_CSV, 'utf8'),
    });
    await page.getByTestId('import-file-name').getByText('messy-export.csv').waitFor();
    await shot(page, 'imports-02-file-chosen');

    // preview: detected mapping, editable per column
    await page.getByTestId('import-next').click();
    const rows = page.getByTestId('mapping-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(9);
    const target = (header: string) =>
      page.locator(`[data-testid="mapping-row"][data-header="${header}"]`).getAttribute('data-target');
    expect(await target('E-Mail')).toBe('email');
    expect(await target('MOBILE')).toBe('phone');
    expect(await target('First Name')).toBe('first_name');
    expect(await target('Loyalty Tier')).toBe('attributes.loyalty_tier');
    expect(await target('Internal Notes')).toBe('attributes.internal_notes');
    expect(await page.locator('[data-testid="preview-row"][data-state="error"]').count()).toBe(2);
    expect(await page.locator('[data-testid="preview-row"][data-state="warning"]').count()).toBe(1);

    // the user drops the notes column
    await page
      .locator('[data-testid="mapping-row"][data-header="Internal Notes"]')
      .getByTestId('mapping-target')
      .click();
    await page.getByRole('option', { name: 'Ignore this column' }).click();
    await page.locator('[data-testid="mapping-row"][data-header="Internal Notes"][data-target="ignore"]').waitFor();
    await shot(page, 'imports-03-mapping');
    await page.getByTestId('import-preview').scrollIntoViewIfNeeded();
    await shot(page, 'imports-03b-preview-rows');

    await page.getByTestId('import-next').click();
    await page.getByTestId('duplicate-policy').waitFor();
    expect(await page.getByTestId('duplicate-policy-skip').locator('input').isChecked()).toBe(true);
    await shot(page, 'imports-04-options');

    await page.getByTestId('import-start').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-status')).toBe('completed');
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).innerText()).trim();
    expect(await count('rows')).toBe('6');
    expect(await count('inserted')).toBe('3');
    expect(await count('updated')).toBe('0');
    expect(await count('duplicates')).toBe('1');
    expect(await count('failed')).toBe('2');
    expect(await count('warnings')).toBe('1');
    await shot(page, 'imports-05-summary');

    // the error report: failed rows with their row numbers and the warning, formula neutralized
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-errors-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const report = readFileSync((await download.path()) as string, 'utf8');
    const lines = report.trim().split(/\r?\n/);
    expect(lines[0]).toBe('row,severity,column,message,original');
    const byRow = (n: number) => lines.filter((l) => l.startsWith(`${n},`));
    expect(byRow(5)[0]).toMatch(/^5,error,E-Mail,.*not-an-email/);
    expect(byRow(6)[0]).toMatch(/^6,error,E-Mail,/);
    expect(byRow(7)[0]).toMatch(/^7,warning,MOBILE,.*12345/);
    expect(byRow(2)).toEqual([]);
    expect(report).toContain("'=SUM(A1:A9)");
    expect(report).not.toMatch(/(^|[,"])=SUM/m);

    // the customers are there, normalized; the ignored column is not
    await page.getByTestId('import-view-customers').click();
    await page.waitForURL(/\/customers/);
    await page.locator('[data-testid="customer-row"]').first().waitFor();
    const emails = await page
      .locator('[data-testid="customer-row"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-email')).sort());
    expect(emails).toEqual(['asha.rao@example.com', 'meena@example.com', 'ravi@example.com']);
    await page.getByTestId('customers-search').fill('ravi');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 1);
    expect(await page.locator('[data-testid="customer-row"]').getAttribute('data-email')).toBe('ravi@example.com');
    await page.getByTestId('customers-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 3);

    await page.locator('[data-testid="customer-row"][data-email="asha.rao@example.com"]').click();
    await page.getByTestId('customer-detail').waitFor();
    expect(await page.getByTestId('customer-name').innerText()).toBe('Asha Rao'); // trimmed, and one-case names get a consistent case
    expect(await page.getByTestId('customer-phone').innerText()).toBe('+919876543210');
    expect(await page.getByTestId('customer-tags').innerText()).toMatch(/vip[\s\S]*newsletter/);
    const attributes = await page.getByTestId('customer-attributes').innerText();
    expect(attributes).toMatch(/loyalty_tier\s+gold/);
    expect(attributes).not.toContain('call after 6');
    await shot(page, 'imports-06-customer-detail');

    // history lists the job and links to its summary
    await page.getByTestId('nav-imports').click();
    const row = page.locator('[data-testid="import-row"][data-file="messy-export.csv"]');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('completed');
    await shot(page, 'imports-07-history');
    await row.click();
    await page.getByTestId('import-summary').waitFor();
    expect((await page.getByTestId('import-count-failed').innerText()).trim()).toBe('2');
    await shot(page, 'imports-08-job-page');
  });

  it('importing the same file again with skip adds nothing twice', async () => {
    await page.goto('/imports/new');
    await page
      .getByTestId('import-file-input')
      .setInputFiles({ name: 'messy-export.csv', mimeType: 'text/csv', buffer: Buffer.from(MESSY_CSV, 'utf8') });
    await page.getByTestId('import-next').click();
    await page.getByTestId('mapping-row').first().waitFor();
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect((await page.getByTestId('import-count-inserted').innerText()).trim()).toBe('0');
    expect((await page.getByTestId('import-count-duplicates').innerText()).trim()).toBe('4');
    expect((await page.getByTestId('import-count-failed').innerText()).trim()).toBe('2');
  });

  it('shows live progress of a large import and cancels it with exact counts', async () => {
    const lines = ['email,first_name,phone,city'];
    for (let i = 0; i < 200_000; i++)
      lines.push(`user${i}@bulk.example,User ${i},98${String(i).padStart(8, '0')},City ${i % 50}`);
    await page.goto('/imports/new');
    const file = join(mkdtempSync(join(tmpdir(), 'crm-e2e-bulk-')), 'bulk.csv');
    writeFileSync(file, lines.join('\n'));
    await page.getByTestId('import-file-input').setInputFiles(file, { timeout: 60_000 });
    await page.getByTestId('import-next').click();
    await page.getByTestId('mapping-row').first().waitFor();
    await page.getByTestId('import-next').click();
    const streamUrls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/events')) streamUrls.push(r.url());
    });
    await page.getByTestId('import-start').click();
    const bar = page.locator('[data-testid="import-progress"][data-status="running"]');
    await bar.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="import-percent"]')?.textContent?.replace('%', '') ?? 0) > 0,
    );
    expect(await page.getByTestId('import-rate').innerText()).toMatch(/rows\/s/);
    // updates arrive over server-sent events (polling only covers a silent stream), opened with a ticket
    await page.locator('[data-testid="import-progress"][data-transport="sse"]').waitFor();
    expect(streamUrls.length).toBeGreaterThan(0);
    expect(streamUrls.every((u) => /\/events\?ticket=[\w-]{43}$/.test(u))).toBe(true);
    await shot(page, 'imports-09-progress');

    await page.getByTestId('import-cancel').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    const status = await summary.getAttribute('data-status');
    const n = async (key: string) =>
      Number((await page.getByTestId(`import-count-${key}`).innerText()).replace(/,/g, ''));
    // a fast machine may finish before the cancel lands; either way the identity holds
    expect(['cancelled', 'completed']).toContain(status);
    expect(await n('rows')).toBe(
      (await n('inserted')) + (await n('updated')) + (await n('duplicates')) + (await n('failed')),
    );
    if (status === 'cancelled') expect(await n('rows')).toBeLessThan(200_000);
    await shot(page, 'imports-10-cancelled');
  });
});
