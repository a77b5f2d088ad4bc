import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import type { SegmentDto } from '@mini-crm/contracts';
import { api, devLoginToken, importCustomersCsv } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

const ORDERS_CSV =
  'Order ID,Customer Email,Order Amount,Order Date,Sales Channel\n' +
  'O-1,asha@example.com,1200.50,2026-11-02,web\n' +
  'O-2,ravi@example.com,899,2026-11-03,store\n';

/** The import wizard keeps work (mapping across Back/Forward, a running job across a refresh); Admin › Audit reads it. */
describe('import wizard state, city aliases and audit in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
    token = await devLoginToken(server, 'ada@example.com', 'Ada Admin');
    page = await newPage(browser, server.url);
    await devSignIn(page, 'ada@example.com', 'Ada Admin');
  });
  afterAll(async () => run?.close());

  const targetOf = (header: string) =>
    page.locator(`[data-testid="mapping-row"][data-header="${header}"]`).getAttribute('data-target');
  const waitTarget = (header: string, target: string) =>
    page.locator(`[data-testid="mapping-row"][data-header="${header}"][data-target="${target}"]`).waitFor();
  const onStep = async (testId: string, step: string | null) => {
    await page.getByTestId(testId).first().waitFor();
    await page.waitForURL((url) => url.searchParams.get('step') === step);
  };

  it('keeps the mapping across the wizard’s Back and the browser’s Back/Forward; maps "Order Amount" by itself', async () => {
    await page.goto('/imports/new');
    await page.getByTestId('import-kind-orders').click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ORDERS_CSV, 'utf8'),
    });
    await page.getByTestId('import-next').click();
    await onStep('mapping-row', 'columns');
    expect(await targetOf('Order Amount')).toBe('amount');
    expect(await targetOf('Sales Channel')).toBe('attributes.sales_channel');

    await page
      .locator('[data-testid="mapping-row"][data-header="Sales Channel"]')
      .getByTestId('mapping-target')
      .click();
    await page.getByRole('option', { name: 'Ignore this column' }).click();
    await waitTarget('Sales Channel', 'ignore');
    await shot(page, 'import-state-01-mapping-changed');

    await page.getByTestId('import-next').click();
    await onStep('duplicate-policy', 'options');

    // browser Back: the columns step, with the choice
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('step') === 'columns');
    await waitTarget('Sales Channel', 'ignore');
    await page.locator('[data-testid="import-next"]:visible').waitFor();
    await shot(page, 'import-state-02-browser-back');

    // browser Forward: options again
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('step') === 'options');
    await page.locator('[data-testid="import-start"]:visible').waitFor();

    // the wizard's own Back twice, to the file, then on again: the file is not re-read over the choice
    await page.locator('button[matStepperPrevious]:visible').click();
    await page.waitForURL((url) => url.searchParams.get('step') === 'columns');
    await page.locator('button[matStepperPrevious]:visible').click();
    await page.waitForURL((url) => !url.searchParams.has('step'));
    await page.getByTestId('import-file-name').getByText('orders.csv').waitFor();
    await page.locator('[data-testid="import-next"]:visible').click();
    await page.waitForURL((url) => url.searchParams.get('step') === 'columns');
    await waitTarget('Sales Channel', 'ignore');
    expect(await targetOf('Order Amount')).toBe('amount');
    await shot(page, 'import-state-03-back-to-file-and-on');
  });

  it('a refresh during a running import comes back to its live progress', async () => {
    const lines = ['email,first_name,city'];
    for (let i = 0; i < 150_000; i++) lines.push(`r${i}@refresh.example,User ${i},bombay`);
    const file = join(mkdtempSync(join(tmpdir(), 'crm-e2e-refresh-')), 'refresh-bulk.csv');
    writeFileSync(file, lines.join('\n'));
    await page.goto('/imports/new');
    await page.getByTestId('import-kind-customers').click();
    await page.getByTestId('import-file-input').setInputFiles(file, { timeout: 60_000 });
    await page.getByTestId('import-next').click();
    await page.getByTestId('mapping-row').first().waitFor();
    await page.locator('[data-testid="import-next"]:visible').click();
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-progress"][data-status="running"]').waitFor({ timeout: 60_000 });
    await page.waitForURL((url) => url.searchParams.has('job'));
    const jobId = new URL(page.url()).searchParams.get('job') as string;
    try {
      await refreshAndFollow(jobId);
    } finally {
      // never leave a 150k-row import running into the next tests (a no-op once it has ended)
      await api(server, token, 'POST', `/imports/${jobId}/cancel`, {});
    }
  });

  async function refreshAndFollow(jobId: string): Promise<void> {
    await page.reload();
    await page.locator('[data-testid="import-progress"][data-status="running"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('job')).toBe(jobId);
    // live: the percentage moves after the refresh
    const percent = async () => Number((await page.getByTestId('import-percent').innerText()).replace('%', ''));
    const first = await percent();
    await page.waitForFunction(
      (p) => Number(document.querySelector('[data-testid="import-percent"]')?.textContent?.replace('%', '') ?? 0) > p,
      first,
      { timeout: 60_000 },
    );
    await shot(page, 'import-state-04-progress-after-refresh');

    await page.getByTestId('import-cancel').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(['cancelled', 'completed']).toContain(await summary.getAttribute('data-status'));
    await shot(page, 'import-state-05-summary-after-refresh');
  }

  it('an admin adds a city alias; stored customers move to the city', async () => {
    await page.goto('/admin/settings');
    await page.getByTestId('city-aliases').waitFor();
    await page.getByTestId('city-alias-builtin').first().waitFor();
    // a chain is refused at the field: Mumbai is where Bombay leads
    await page.getByTestId('city-alias-alias').fill('Mumbai');
    await page.getByTestId('city-alias-city').fill('Bom');
    await page.getByTestId('city-alias-save').click();
    await page.getByTestId('city-alias-error').waitFor();
    expect(await page.getByTestId('city-alias-error').innerText()).toContain('a city other aliases lead to');

    await importCustomersCsv(server, token, 'email,city\nblr1@example.com,BLR\nblr2@example.com,blr\n');

    await page.getByTestId('city-alias-alias').fill('BLR');
    await page.getByTestId('city-alias-city').fill('bengaluru');
    await page.getByTestId('city-alias-save').click();
    await page.locator('[data-testid="city-alias-row"][data-alias="blr"]').waitFor();
    await page.getByText('2 customers updated').waitFor();
    await shot(page, 'import-state-06-city-aliases');
    const customers = await api<{ items: { city: string }[] }>(server, token, 'GET', '/customers?q=blr');
    expect(customers.items.map((c) => c.city)).toEqual(['Bengaluru', 'Bengaluru']);
  });

  it('Admin › Audit shows imports with file and counts, and segment rules as the builder says them', async () => {
    const rules = {
      op: 'and',
      rules: [
        { field: 'city', operator: 'eq', value: 'Pune' },
        {
          op: 'or',
          rules: [
            { field: 'total_spend', operator: 'gt', value: 5000 },
            { field: 'tags', operator: 'has_any', value: ['vip'] },
          ],
        },
      ],
    };
    const segment = await api<SegmentDto>(server, token, 'POST', '/segment-rules', {
      name: 'Pune big spenders',
      rules,
    });
    await page.goto(`/segments/${segment.id}`);
    // the builder's own sentence, once the saved rules have loaded (the lead "In plain words" left out)
    const said = page.getByTestId('rule-summary').locator('p');
    await said.filter({ hasText: 'Pune' }).waitFor();
    const builderSays = await said.evaluate((p) =>
      Array.from(p.childNodes)
        .filter((n) => !(n instanceof Element && n.classList.contains('lead')))
        .map((n) => n.textContent ?? '')
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    );

    await page.goto('/admin/audit');
    const segmentRow = page.locator('[data-testid="audit-row"][data-action="segment.created"]').first();
    await segmentRow.waitFor();
    expect((await segmentRow.getByTestId('audit-rules').innerText()).replace(/\s+/g, ' ').trim()).toBe(builderSays);
    expect(await segmentRow.getByTestId('audit-raw').count()).toBe(0);
    await segmentRow.getByTestId('audit-raw-toggle').click();
    const raw = JSON.parse(await segmentRow.getByTestId('audit-raw').innerText()) as { rules: unknown };
    expect(raw.rules).toEqual(rules);

    const importRow = page.locator('[data-testid="audit-row"][data-action="import.finished"]').first();
    await importRow.waitFor();
    expect(await importRow.getByTestId('audit-details-text').innerText()).toMatch(
      /^customers · customers\.csv — 2 rows: 2 inserted, 0 updated, 0 duplicates, 0 failed \(completed\)$/,
    );
    expect(await importRow.locator('td').nth(1).innerText()).toContain('ada@example.com');
    await shot(page, 'import-state-07-audit');
  });
});
