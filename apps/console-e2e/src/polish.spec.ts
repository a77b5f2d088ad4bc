import type { Browser, Page } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

// A 190-character name with emoji, and a long email: what a messy import brings in.
const LONG_FIRST = `Venkata👩‍👩‍👧${'Subrahmanya'.repeat(16)}`.slice(0, 180);
const LONG_EMAIL = `venkata.subrahmanya.${'x'.repeat(40)}@very-long-company-domain-for-testing.example.com`;
const US_DATE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/;

/**
 * A table's width against what it may take: its container, or its designed minimum (list tables scroll sideways
 * below it). A long value that widened the table would push it past both.
 */
async function fits(page: Page, testId: string): Promise<{ inner: number; outer: number; page: number; view: number }> {
  return page.getByTestId(testId).evaluate((el) => ({
    inner: el.scrollWidth,
    outer: Math.max((el.parentElement as HTMLElement).clientWidth, parseFloat(getComputedStyle(el).minWidth) || 0),
    page: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
}

describe('long values, one format, caret and import messages in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let page: Page;
  let customerId: string;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
    const token = await devLoginToken(server, 'ada@example.com', 'Ada Admin');
    const c = await api<{ id: string }>(server, token, 'POST', '/customers', {
      email: LONG_EMAIL,
      firstName: LONG_FIRST,
      lastName: 'Iyengar',
      city: 'Pune',
    });
    customerId = c.id;
    await api(server, token, 'POST', '/orders', {
      customerEmail: LONG_EMAIL,
      externalId: 'ORD-1',
      amount: '10714.5',
      orderedAt: new Date().toISOString(),
    });
    await api(server, token, 'POST', '/customers', {
      email: 'asha@example.com',
      phone: '+919812345601',
      firstName: 'Asha',
      city: 'Pune',
    });
    await api(server, token, 'POST', '/segment-rules', {
      name: 'Pune buyers',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Pune' }] },
    });
    page = await newPage(browser, server.url);
    await devSignIn(page, 'ada@example.com', 'Ada Admin');
  });
  afterAll(async () => run?.close());

  it('a 190-character name and a long email never widen the table; the whole value shows on hover', async () => {
    await page.getByTestId('nav-customers').click();
    await page.waitForURL(/\/customers$/);
    const row = page.getByTestId('customers-table').locator('tr', { hasText: 'Venkata' });
    await row.waitFor();
    const size = await fits(page, 'customers-table');
    expect(size.inner).toBeLessThanOrEqual(size.outer);
    expect(size.page).toBeLessThanOrEqual(size.view);

    const name = row.locator('a.name');
    await name.locator('xpath=self::*[@data-truncated]').waitFor();
    await name.hover();
    const tip = page.locator('.mat-mdc-tooltip-surface');
    await tip.waitFor();
    const full = (await name.textContent())?.trim() ?? '';
    expect(full.length).toBeGreaterThan(180);
    expect(full).toMatch(/Iyengar$/);
    expect((await tip.textContent())?.trim()).toBe(full);
    // one format: amounts with paise, dates day-month-year
    expect(await row.textContent()).toContain('₹10,714.50');
    await shot(page, 'polish-01-customers-long-name');

    await name.click();
    await page.waitForURL(new RegExp(`/customers/${customerId}$`));
    const heading = page.getByTestId('customer-name');
    await heading.waitFor();
    const hero = await page.getByTestId('customer-detail').evaluate((el) => ({
      inner: el.scrollWidth,
      outer: el.clientWidth,
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
    }));
    expect(hero.inner).toBeLessThanOrEqual(hero.outer);
    expect(hero.page).toBeLessThanOrEqual(hero.view);
    await heading.locator('xpath=self::*[@data-truncated]').waitFor();
    expect(await heading.getAttribute('tabindex')).toBe('0'); // reachable by keyboard, where focus shows the tooltip
    await heading.hover();
    await page.locator('.mat-mdc-tooltip-surface', { hasText: 'Iyengar' }).waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toMatch(/Customer since \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(body).toContain('₹10,714.50');
    expect(body).not.toMatch(US_DATE);
    expect(body).not.toMatch(/₹[\d,]+\.\d(?!\d)/);
    // the avatar shows whole characters, never half an emoji
    const avatar = (await page.getByTestId('customer-detail').locator('crm-user-avatar').textContent())?.trim() ?? '';
    expect(avatar).toBe('VI');
    await shot(page, 'polish-02-customer-long-heading');
  });

  it('“Insert token” puts the caret right after the token, in the message', async () => {
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Caret check');
    await page.getByTestId('channel-sms').click();
    await page.locator('[data-testid="wizard-next"]:visible').click();
    const option = page.locator('[data-testid="segment-option"][data-name="Pune buyers"]');
    await option.waitFor();
    await option.click();
    // Next waits for the audience check (who can receive it) to answer.
    await page.locator('[data-testid="audience-reach"][data-audience]:visible').waitFor();
    await page.locator('[data-testid="wizard-next"]:visible').click();

    const editor = page.getByTestId('message-editor');
    await editor.fill('Hi , see you soon');
    await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    await page.getByTestId('token-picker').click();
    await page.locator('[data-testid="token-option"][data-name="first_name"]').click();
    await page.locator('.mat-mdc-menu-panel').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'message-editor');
    const caret = await editor.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]);
    expect(caret).toEqual([3 + '{{first_name}}'.length, 3 + '{{first_name}}'.length]);
    // typing goes on right after the token
    await page.keyboard.type('!');
    expect(await editor.inputValue()).toBe('Hi {{first_name}}!, see you soon');
    await shot(page, 'polish-03-token-caret');
  });

  async function chooseFile(name: string, buffer: Buffer): Promise<void> {
    await page.goto('/imports/new');
    await page.getByTestId('import-kind-customers').waitFor();
    await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByTestId('import-file-name').getByText(name).waitFor();
    await page.getByTestId('import-next').click();
  }

  it('import: an empty file says so once', async () => {
    await chooseFile('empty.csv', Buffer.alloc(0));
    await page.getByTestId('import-error').getByText('This file is empty').waitFor();
    expect(await page.getByText('This file is empty').count()).toBe(1);
    await shot(page, 'polish-04-import-empty');
  });

  it('import: a binary file’s message appears once', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 0)]);
    await chooseFile('photo.csv', png);
    const banner = page.getByTestId('import-error');
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/not a CSV file/);
    expect(text.match(/not a CSV file/g)).toHaveLength(1);
    expect(text).not.toMatch(/\(file: /);
    await shot(page, 'polish-05-import-binary');
  });

  it('import: a header-only file stops at the mapping step with “no data rows”', async () => {
    await chooseFile('headers.csv', Buffer.from('email,first_name,city\r\n'));
    await page.getByTestId('mapping-row').first().waitFor();
    const problem = page.getByTestId('mapping-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('This file has column headers but no data rows');
    const next = page.locator('[data-testid="import-next"]:visible');
    expect(await next.isDisabled()).toBe(true);
    expect(await page.getByTestId('duplicate-policy').isVisible()).toBe(false);
    await shot(page, 'polish-06-import-header-only');
  });

  it('a snackbar with the 190-character name stays inside the window, wrapped', async () => {
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('customer-delete').click();
    await page.getByTestId('customer-delete-confirm').click();
    const label = page.locator('.mdc-snackbar__label', { hasText: 'was deleted' });
    await label.waitFor();
    const box = await label.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, inner: el.scrollWidth, outer: el.clientWidth, view: window.innerWidth };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(box.view);
    expect(box.inner).toBeLessThanOrEqual(box.outer);
    expect(await label.textContent()).toContain('Iyengar was deleted');
    await shot(page, 'polish-07-snackbar-long-name');
  });
});
