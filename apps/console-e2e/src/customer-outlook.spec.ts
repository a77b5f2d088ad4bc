import type { Browser, Page } from 'playwright-core';
import type { ChurnDistributionDto, CustomerDetailDto, CustomerPageDto, RfmGridDto } from '@mini-crm/contracts';
import { purchaseHistories, type BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

const ADMIN = 'olive@example.com';
const VIEWER = 'vera@example.com';
const BUYERS = 150;
const BATCH = 1000;

/** A chart is drawn once ECharts (loaded lazily) has put its canvas in the element. */
const chartDrawn = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] canvas`).first().waitFor();

describe('customer outlook in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let token: string;
  let page: Page;
  let customerId: string;
  const histories = purchaseHistories({ customers: BUYERS, today: new Date(), seed: 1818, emailPrefix: 'shopper' });

  beforeAll(async () => {
    // No nightly run; new orders wait the default 300 s debounce, so the model runs when the test asks.
    run = await startConsoleUnderTest({ INSIGHTS_CRON: '' });
    ({ server, browser } = run);
    page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN, 'Olive Outlook');
    token = await devLoginToken(server, ADMIN);
    await api(server, token, 'POST', '/customers/batch', {
      records: histories.emails.map((email, i) => ({ email, firstName: `Shopper${i}`, lastName: 'Outlook' })),
    });
    for (let from = 0; from < histories.orders.length; from += BATCH)
      await api(server, token, 'POST', '/orders/batch', { records: histories.orders.slice(from, from + BATCH) });
    const found = await api<CustomerPageDto>(server, token, 'GET', `/customers?q=${histories.emails[0]}`);
    customerId = found.items[0].id;
  });
  afterAll(async () => run?.close());

  it('says there is no prediction yet; a viewer cannot start a run', async () => {
    const viewer = await newPage(browser, server.url);
    await devSignIn(viewer, VIEWER, 'Vera Viewer');
    await viewer.goto(`/customers/${customerId}`);
    await viewer.getByTestId('outlook-none').waitFor();
    expect(await viewer.getByTestId('outlook-compute').count()).toBe(0);
    await viewer.context().close();
  });

  it('a marketer computes the outlook from the customer page and reads each number in words', async () => {
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('outlook-none').waitFor();
    await shot(page, 'outlook-01-no-model');
    await page.getByTestId('outlook-compute').click();
    await page.getByTestId('outlook-active').waitFor({ timeout: 120_000 });
    await shot(page, 'outlook-02-card');

    const detail = await api<CustomerDetailDto>(server, token, 'GET', `/customers/${customerId}`);
    const o = detail.outlook;
    expect(o).not.toBeNull();
    if (!o) return;
    const percent = `${Math.round(o.pAlive * 100)}%`;
    expect(await page.getByTestId('outlook-active').textContent()).toContain(percent);
    expect(await page.getByTestId('outlook-orders30').textContent()).toMatch(
      /Expected [\d.]+ orders? in the next 30 days/,
    );
    expect(await page.getByTestId('outlook-rfm').textContent()).toContain(`RFM ${o.rfmScore} · `);
    expect(await page.getByTestId('outlook-clv').textContent()).toMatch(/Predicted 12-month value|No 12-month value/);
  });

  it('shows the Outlook columns on the customer list when switched on', async () => {
    await page.goto('/customers');
    await page.locator('[data-testid="customer-row"]').first().waitFor();
    expect(await page.getByTestId('cell-rfm').count()).toBe(0);
    await page.getByTestId('customers-view-outlook').click();
    await page.waitForURL(/view=outlook/);
    await page.locator('[data-testid="cell-rfm"] .rfm-code').first().waitFor();
    const code = await page.locator('[data-testid="cell-rfm"] .rfm-code').first().textContent();
    expect(code?.trim()).toMatch(/^[1-5]{3}$/);
    await shot(page, 'outlook-03-list');
  });

  it('draws the RFM grid, the churn-risk histogram and value by segment on the Analytics page', async () => {
    await page.goto('/analytics');
    await page.getByTestId('customer-outlook-section').scrollIntoViewIfNeeded();
    await chartDrawn(page, 'rfm-grid-chart');
    await chartDrawn(page, 'churn-chart');
    await chartDrawn(page, 'clv-chart');
    const grid = await api<RfmGridDto>(server, token, 'GET', '/analytics/customers/rfm-grid');
    expect(grid.cells.reduce((n, c) => n + c.customers, 0)).toBe(BUYERS);
    const churn = await api<ChurnDistributionDto>(server, token, 'GET', '/analytics/customers/churn-risk');
    const atRisk = churn.buckets.filter((b) => b.from >= 0.7 - 1e-9).reduce((n, b) => n + b.customers, 0);
    expect(await page.getByTestId('churn-at-risk').textContent()).toContain(`${atRisk} customers above 70%`);
    await shot(page, 'outlook-04-analytics');
  });
});
