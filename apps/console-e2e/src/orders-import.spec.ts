import type { Browser, Page } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devLoginToken, importCustomersCsv } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

// A shop's order export: its own header names, an order for someone who is not a customer, a bad amount.
const ORDERS_CSV =
  'Order ID,Customer Email,Amount (INR),Order Date,Payment\n' +
  'SO-1001,asha@example.com,1200.50,2026-11-02,upi\n' +
  'SO-1002,ASHA@example.com ,899,2026-11-20,card\n' +
  'SO-1003,ravi@example.com,5000,2026-11-03,card\n' +
  'SO-1004,nobody@example.com,100,2026-11-04,cash\n' +
  'SO-1005,ravi@example.com,lots,2026-11-05,card\n';

/** The walkthrough's orders import: through the wizard to the customers' spend. */
describe('orders import in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let page: Page;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
    const token = await devLoginToken(server, 'ada@example.com', 'Ada Admin');
    const job = await importCustomersCsv(
      server,
      token,
      'email,first_name,last_name,city\nasha@example.com,Asha,Rao,Pune\nravi@example.com,Ravi,Kumar,Mumbai\n',
    );
    expect(job.inserted).toBe(2);
    page = await newPage(browser, server.url);
    await devSignIn(page, 'ada@example.com', 'Ada Admin');
  });
  afterAll(async () => run?.close());

  it('maps the shop’s headers, books the orders it can and reports the others; spend follows', async () => {
    await page.goto('/imports/new');
    await page.getByTestId('import-kind-orders').click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'shop-orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ORDERS_CSV, 'utf8'),
    });
    await page.getByTestId('import-file-name').getByText('shop-orders.csv').waitFor();
    await page.getByTestId('import-next').click();

    const target = (header: string) =>
      page.locator(`[data-testid="mapping-row"][data-header="${header}"]`).getAttribute('data-target');
    await page.getByTestId('mapping-row').first().waitFor();
    expect(await target('Order ID')).toBe('external_id');
    expect(await target('Customer Email')).toBe('customer_email');
    expect(await target('Amount (INR)')).toBe('amount');
    expect(await target('Order Date')).toBe('ordered_at');
    expect(await target('Payment')).toBe('attributes.payment');
    await shot(page, 'orders-import-01-mapping');

    await page.locator('[data-testid="import-next"]:visible').click();
    await page.getByTestId('duplicate-policy').waitFor();
    await page.getByTestId('import-start').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-status')).toBe('completed');
    const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).innerText()).trim();
    expect(await count('rows')).toBe('5');
    expect(await count('inserted')).toBe('3');
    expect(await count('failed')).toBe('2');
    expect(await summary.innerText()).toContain('3 orders imported');
    await shot(page, 'orders-import-02-summary');

    // The customer's spend and orders are the booked ones (1,200.50 + 899), in the one money format.
    await page.goto('/customers');
    await page.locator('[data-testid="customer-row"][data-email="asha@example.com"]').click();
    await page.getByTestId('customer-detail').waitFor();
    await page.getByTestId('customer-total-spend').filter({ hasText: '₹2,099.50' }).waitFor();
    expect(await page.getByTestId('customer-order-row').count()).toBe(2);
    expect(await page.getByTestId('customer-orders').innerText()).toMatch(/SO-1002[\s\S]*SO-1001/);
    await shot(page, 'orders-import-03-customer-spend');
  });
});
