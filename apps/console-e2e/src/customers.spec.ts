import type { Browser, Page } from 'playwright-core';
import { devSignIn, newPage, shot } from './browser';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';
import { devLoginToken, importCustomersCsv } from './api-client';

/** The list is virtual: rows in the DOM are only those in view; the viewport says how many are loaded. */
/** The page's fetch calls and answers, in order, as the landing-page test records them. */
type FetchOrderWindow = Window & { fetchOrder?: string[] };

const loaded = (page: Page, n: number) =>
  page.locator(`[data-testid="customers-viewport"][data-loaded="${n}"]`).waitFor();

const rowEmails = (page: Page) =>
  page.locator('[data-testid="customer-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-email')));

describe('customers in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let page: Page;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
    // the first sign-in becomes admin: the browser user
    page = await newPage(browser, server.url);
    await devSignIn(page, 'ada@example.com', 'Ada Admin');
    const token = await devLoginToken(server, 'ada@example.com');
    const cities = ['Pune', 'Mumbai', 'Delhi'];
    const lines = ['email,first_name,last_name,phone,city,country,tags,tier'];
    for (let i = 0; i < 57; i++) {
      const n = String(i).padStart(2, '0');
      lines.push(`person${n}@shop.example,Person${n},Shopper,,${cities[i % 3]},,${i % 10 === 0 ? 'vip' : 'regular'},`);
    }
    lines.push('zara@shop.example,Zara,Khan,98111 22233,Bengaluru,IN,vip;newsletter,gold');
    await importCustomersCsv(server, token, lines.join('\n'));
    const orders = [
      {
        customerEmail: 'zara@shop.example',
        externalId: 'ORD-1001',
        amount: '1499.50',
        orderedAt: '2025-01-10T10:00:00Z',
      },
      { customerEmail: 'zara@shop.example', externalId: 'ORD-1002', amount: 123456, orderedAt: '2025-03-02T12:30:00Z' },
    ];
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ orders }),
    });
    if (!res.ok) throw new Error(`orders failed: ${res.status} ${await res.text()}`);
  });
  afterAll(async () => run?.close());

  it('pages, searches, filters and sorts the customer list', async () => {
    await page.goto('/customers');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length > 0);
    await loaded(page, 50);
    expect(await page.locator('[data-testid="customer-row"]').count()).toBeLessThan(50);
    await shot(page, 'customers-01-list');

    await page.getByTestId('customers-load-more').click();
    await loaded(page, 58);
    expect(await page.getByTestId('customers-load-more').count()).toBe(0);

    await page.getByTestId('customers-search').fill('zara');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 1);
    expect(await rowEmails(page)).toEqual(['zara@shop.example']);
    expect(page.url()).toContain('q=zara');
    // At a laptop's width nothing in an ordinary row is cut (the virtual table lays out fixed, so each
    // column needs its own width); of two tags the first shows and the other is "+1".
    const cut = await page.locator('[data-testid="customer-row"]').evaluate((row) =>
      Array.from(row.querySelectorAll<HTMLElement>('td, td .crm-truncate, td .tag'))
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => `${el.className}: ${el.textContent?.trim()}`),
    );
    expect(cut).toEqual([]);
    expect(await page.locator('[data-testid="customer-row"] .tag').allInnerTexts()).toEqual(['vip', '+1']);
    await shot(page, 'customers-02-search');

    await page.getByTestId('customers-search').fill('');
    await page.getByTestId('customers-filter-city').fill('Delhi');
    await loaded(page, 19);
    await page.getByTestId('customers-filter-tag').fill('vip');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 2);
    expect((await rowEmails(page)).sort()).toEqual(['person20@shop.example', 'person50@shop.example']);
    await shot(page, 'customers-03-filters');
    await page.getByTestId('customers-clear-filters').click();
    await loaded(page, 50);

    // sort by name (last name, then first name), ascending then descending
    // The default order (newest first) already starts with zara: wait for the first two rows, not just the first.
    const firstTwo = (emails: [string, string]) =>
      page.waitForFunction((e) => {
        const rows = Array.from(document.querySelectorAll('[data-testid="customer-row"]'))
          .slice(0, 2)
          .map((r) => r.getAttribute('data-email'));
        return rows[0] === e[0] && rows[1] === e[1];
      }, emails);
    await page.getByTestId('sort-name').click();
    await firstTwo(['zara@shop.example', 'person00@shop.example']);
    await page.getByTestId('sort-name').click();
    await firstTwo(['person56@shop.example', 'person55@shop.example']);
    expect(page.url()).toMatch(/sort=name/);
    // biggest spender first
    await page.getByTestId('sort-total-spend').click();
    await page.getByTestId('sort-total-spend').click();
    await page.waitForURL(/sort=totalSpend&order=desc/);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="customer-row"]')?.getAttribute('data-email') === 'zara@shop.example',
    );
  });

  it('shows a customer in detail', async () => {
    await page.goto('/customers?q=zara');
    await page.locator('[data-testid="customer-row"][data-email="zara@shop.example"]').click();
    await page.getByTestId('customer-detail').waitFor();
    expect(await page.getByTestId('customer-name').innerText()).toBe('Zara Khan');
    expect(await page.getByTestId('customer-phone').innerText()).toBe('+919811122233');
    expect(await page.getByTestId('customer-email-status').innerText()).toBe('Subscribed');
    expect(await page.getByTestId('customer-attributes').innerText()).toMatch(/tier\s+gold/);
    expect(await page.getByTestId('customer-total-spend').innerText()).toBe('₹1,24,955.50');
    expect(await page.getByTestId('customer-order-row').count()).toBe(2);
    expect(await page.getByTestId('customer-order-row').first().innerText()).toContain('ORD-1002');
    await page.getByTestId('customer-messages-empty').waitFor();
    await shot(page, 'customers-04-detail');
  });

  it('creates a customer: the API’s field error shows on the field, then the fix saves', async () => {
    await page.goto('/customers');
    await page.getByTestId('customer-new').click();
    await page.waitForURL(/\/customers\/new$/);
    await page.getByTestId('customer-form-firstName').fill('Nikhil');
    await page.getByTestId('customer-form-lastName').fill('Menon');
    await page.getByTestId('customer-form-email').fill('nikhil@nowhere');
    await page.getByTestId('customer-form-phone').fill('090000 12345');
    await page.getByTestId('customer-form-city').fill('Kochi');
    await page.getByTestId('customer-form-tags').fill('vip');
    await page.getByTestId('customer-form-tags').press('Enter');
    await page.getByTestId('customer-save').click();
    const emailError = page.getByTestId('customer-form-email-error');
    await emailError.waitFor();
    expect(await emailError.innerText()).toMatch(/email/i);
    expect(page.url()).toMatch(/\/customers\/new$/);
    await shot(page, 'customers-05-form-error');

    await page.getByTestId('customer-form-email').fill('nikhil@menon.example');
    await page.getByTestId('customer-save').click();
    await page.getByTestId('customer-detail').waitFor();
    expect(await page.getByTestId('customer-name').innerText()).toBe('Nikhil Menon');
    expect(await page.getByTestId('customer-email').innerText()).toBe('nikhil@menon.example');
    expect(await page.getByTestId('customer-phone').innerText()).toBe('+919000012345');
    expect(await page.getByTestId('customer-tags').innerText()).toContain('vip');
    await shot(page, 'customers-06-created');

    // a second customer with the same email: the 409 lands on the email field
    await page.goto('/customers/new');
    await page.getByTestId('customer-form-email').fill('NIKHIL@menon.example');
    await page.getByTestId('customer-save').click();
    await page.getByTestId('customer-form-email-error').waitFor();
    expect(await page.getByTestId('customer-form-email-error').innerText()).toMatch(/already/i);
  });

  it('edits and deletes a customer', async () => {
    await page.goto('/customers?q=nikhil');
    await page.locator('[data-testid="customer-row"][data-email="nikhil@menon.example"]').click();
    await page.getByTestId('customer-edit').click();
    await page.waitForURL(/\/edit$/);
    await page.getByTestId('customer-form-city').waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="customer-form-city"]') as HTMLInputElement | null)?.value === 'Kochi',
    );
    await page.getByTestId('customer-form-city').fill('Thiruvananthapuram');
    await page.getByTestId('customer-form-smsStatus').click();
    await page.getByRole('option', { name: 'Unsubscribed' }).click();
    await shot(page, 'customers-07-edit');
    await page.getByTestId('customer-save').click();
    await page.getByTestId('customer-detail').waitFor();
    await page.getByText('Thiruvananthapuram').waitFor();
    expect(await page.getByTestId('customer-sms-status').innerText()).toBe('Unsubscribed');

    await page.getByTestId('customer-delete').click();
    await page.getByTestId('customer-delete-confirm').click();
    await page.waitForURL(/\/customers$/);
    await page.getByTestId('customers-search').fill('nikhil');
    await page.getByText('No customers match').waitFor();
  });

  it('viewers read but cannot create or edit', async () => {
    const viewer = await newPage(browser, server.url);
    await devSignIn(viewer, 'vic@example.com', 'Vic Viewer');
    await viewer.goto('/customers');
    await viewer.locator('[data-testid="customer-row"]').first().waitFor();
    expect(await viewer.getByTestId('customer-new').count()).toBe(0);
    await viewer.locator('[data-testid="customer-row"]').first().click();
    await viewer.getByTestId('customer-detail').waitFor();
    expect(await viewer.getByTestId('customer-edit').count()).toBe(0);
    expect(await viewer.getByTestId('customer-delete').count()).toBe(0);
    await viewer.goto('/customers/new');
    await viewer.waitForURL((url) => !url.pathname.endsWith('/new'));
    await viewer.close();
  });

  it('requests the landing page once, while the app boots, and shows it', async () => {
    const firstPage = '/api/customers?limit=50&sort=created&order=desc';
    const asked: string[] = [];
    const count = (r: { url(): string }) => void (r.url().endsWith(firstPage) && asked.push(r.url()));
    page.on('request', count);
    // The page's fetch calls and answers in the order its script saw them (resource timing's startTime
    // is stamped by the network stack, a few ms after the call, and a fast answer can beat it).
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as FetchOrderWindow).fetchOrder = seen;
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        seen.push(`call ${url}`);
        const answer = original(input, init);
        answer.then(() => seen.push(`answer ${url}`)).catch(() => undefined);
        return answer;
      };
    });
    await page.goto('/customers');
    await loaded(page, 50);
    page.off('request', count);
    expect(asked).toHaveLength(1);
    // The list request left in the same task as the display settings' request (main.ts), so before
    // that one was answered; the app itself waits for that answer before it boots.
    const order = await page.evaluate(() => (window as FetchOrderWindow).fetchOrder ?? []);
    const at = (prefix: string, suffix: string) => order.findIndex((e) => e.startsWith(prefix) && e.endsWith(suffix));
    expect(at('call ', firstPage)).toBeGreaterThanOrEqual(0);
    expect(at('answer ', '/api/auth/providers')).toBeGreaterThanOrEqual(0);
    expect(at('call ', firstPage)).toBeLessThan(at('answer ', '/api/auth/providers'));
    // What the booted app asks for itself comes after that answer: the order tells the two apart.
    expect(at('call ', '/api/auth/me')).toBeGreaterThan(at('answer ', '/api/auth/providers'));
  });
});
