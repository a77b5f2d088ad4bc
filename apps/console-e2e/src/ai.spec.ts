import type { Browser, Page } from 'playwright-core';
import { newPage, devSignIn, shot } from './browser';
import { api, devLoginToken } from './api-client';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

const ADMIN = 'mara@example.com';

interface Seeded {
  first: string;
  last: string;
  city: string;
  orders: number[];
}

/** 15 customers; "Mumbai or Delhi and spent more than 5000" matches exactly 5 of them (5000 itself does not count). */
const CUSTOMERS: Seeded[] = [
  { first: 'Aarav', last: 'Shah', city: 'Mumbai', orders: [4000, 2500] },
  { first: 'Diya', last: 'Kapoor', city: 'Mumbai', orders: [7500] },
  { first: 'Kabir', last: 'Mehta', city: 'Mumbai', orders: [12000, 800] },
  { first: 'Meera', last: 'Iyer', city: 'Mumbai', orders: [5000] },
  { first: 'Rohan', last: 'Desai', city: 'Mumbai', orders: [1200] },
  { first: 'Saanvi', last: 'Gupta', city: 'Delhi', orders: [5200] },
  { first: 'Vihaan', last: 'Malhotra', city: 'Delhi', orders: [300] },
  { first: 'Anaya', last: 'Chopra', city: 'Delhi', orders: [] },
  { first: 'Arjun', last: 'Bhatia', city: 'Delhi', orders: [6000, 3000] },
  { first: 'Ishaan', last: 'Kulkarni', city: 'Pune', orders: [9000] },
  { first: 'Myra', last: 'Joshi', city: 'Pune', orders: [15000] },
  { first: 'Reyansh', last: 'Patil', city: 'Pune', orders: [200] },
  { first: 'Aditi', last: 'Rao', city: 'Chennai', orders: [8000] },
  { first: 'Karthik', last: 'Subramanian', city: 'Chennai', orders: [] },
  { first: 'Lakshmi', last: 'Nair', city: 'Chennai', orders: [450] },
];
const EXPECTED_MUMBAI_DELHI_OVER_5000 = 5;

async function seed(server: BuiltServer): Promise<void> {
  const accessToken = await devLoginToken(server, ADMIN, 'Mara Marketer');
  let n = 0;
  for (const c of CUSTOMERS) {
    n++;
    const created = await api<{ id: string }>(server, accessToken, 'POST', '/customers', {
      firstName: c.first,
      lastName: c.last,
      email: `${c.first.toLowerCase()}@example.com`,
      phone: `+9198765${String(43200 + n).padStart(5, '0')}`,
      city: c.city,
    });
    for (const amount of c.orders)
      await api(server, accessToken, 'POST', '/orders', {
        customerId: created.id,
        amount,
        orderedAt: new Date(Date.now() - 86_400_000).toISOString(),
      });
  }
  await api(server, accessToken, 'POST', '/segment-rules', {
    name: 'Mumbai & Delhi',
    rules: { op: 'and', rules: [{ field: 'city', operator: 'in', value: ['Mumbai', 'Delhi'] }] },
  });
}

/** Opens a mat-select and picks an option by its data-value. */
async function pick(page: Page, select: ReturnType<Page['getByTestId']>, value: string): Promise<void> {
  await select.click();
  await page.locator(`.cdk-overlay-pane mat-option[data-value="${value}"]`).click();
  await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
}

/** Renders `{{token|fallback}}` for a seeded customer the way the server does for the tokens used here. */
function render(template: string, c: Seeded): string {
  const values: Record<string, string> = {
    first_name: c.first,
    last_name: c.last,
    city: c.city,
    full_name: `${c.first} ${c.last}`,
  };
  return template.replace(
    /\{\{\s*([\w.]+)\s*(?:\|([^}]*))?\}\}/g,
    (_, name: string, fallback?: string) => values[name] ?? fallback ?? '',
  );
}

const visibleNext = (page: Page) => page.locator('[data-testid="wizard-next"]:visible');
const settle = (page: Page) => page.waitForTimeout(500);

describe('AI flows in Chromium (offline provider)', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    // No GEMINI_API_KEY: the offline provider answers.
    run = await startConsoleUnderTest({ GEMINI_API_KEY: '' });
    ({ server, browser } = run);
    await seed(server);
  });
  afterAll(async () => run?.close());

  it('builds a segment from a plain-language description', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/segments/new');
    await page.getByTestId('ai-describe-input').waitFor();

    // something it cannot understand explains itself and leaves the builder alone
    await page.getByTestId('ai-describe-input').fill('purple elephants dancing');
    await page.getByTestId('ai-describe-submit').click();
    await page.getByTestId('ai-describe-error').waitFor();
    expect((await page.getByTestId('ai-describe-error').innerText()).length).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="condition"]').count()).toBe(0);
    await shot(page, 'ai-01-describe-not-understood');

    await page.getByTestId('ai-describe-input').fill('customers in Mumbai or Delhi who spent more than 5000');
    await page.getByTestId('ai-describe-submit').click();
    const summary = page.getByTestId('ai-describe-summary');
    await summary.waitFor();
    expect(await page.getByTestId('ai-describe-error').count()).toBe(0);
    expect(await summary.getAttribute('data-count')).toBe(String(EXPECTED_MUMBAI_DELHI_OVER_5000));
    expect(await page.getByTestId('ai-describe-provider').getAttribute('data-provider')).toBe('offline');
    expect(await summary.innerText()).toMatch(/Mumbai/);

    // the builder now holds editable city + spend conditions, and the live count agrees
    const conditions = page.locator('[data-testid="condition"]');
    await expect(conditions.count()).resolves.toBe(2);
    const fields = await page.getByTestId('field-select').allInnerTexts();
    expect(fields.join(' | ')).toMatch(/City/);
    expect(fields.join(' | ')).toMatch(/spend/i);
    const rulesText = await page.getByTestId('rule-summary').innerText();
    expect(rulesText).toMatch(/Mumbai/);
    expect(rulesText).toMatch(/Delhi/);
    expect(rulesText).toMatch(/5,000/);
    await page
      .locator(`[data-testid="audience-count"][data-state="ready"][data-count="${EXPECTED_MUMBAI_DELHI_OVER_5000}"]`)
      .waitFor();
    expect(await page.getByTestId('field-select').first().isDisabled()).toBe(false);
    await shot(page, 'ai-02-describe-applied');

    // a second description asks before replacing the conditions; cancelling keeps them
    await page.getByTestId('ai-describe-input').fill('customers in Pune');
    await page.getByTestId('ai-describe-submit').click();
    await page.getByTestId('confirm-cancel').waitFor();
    await shot(page, 'ai-03-describe-confirm-replace');
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('confirm-cancel').waitFor({ state: 'detached' });
    await expect(conditions.count()).resolves.toBe(2);
    await page.getByTestId('ai-describe-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid="audience-count"][data-state="ready"][data-count="3"]').waitFor();
    await expect(conditions.count()).resolves.toBe(1);
    await page.close();
  });

  it('suggests SMS options in the campaign wizard and fills the editor with the chosen one', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Mumbai & Delhi welcome back');
    await page.getByTestId('channel-sms').click();
    await visibleNext(page).click();
    await page.locator('[data-testid="segment-option"][data-name="Mumbai & Delhi"]').click();
    // Next waits for the audience check (who can receive it) to answer.
    await page.locator('[data-testid="audience-reach"][data-audience]:visible').waitFor();
    await visibleNext(page).click();

    await page.getByTestId('ai-suggest').click();
    await page.getByTestId('ai-generate').waitFor();
    await pick(page, page.getByTestId('ai-intent'), 'win_back');
    await pick(page, page.getByTestId('ai-tone'), 'friendly');
    await page.locator('[data-testid="ai-length"] mat-button-toggle[data-value="short"] button').click();
    await page.getByTestId('ai-instructions').fill('Mention free delivery this weekend');
    await settle(page);
    await shot(page, 'ai-04-suggest-dialog');
    await page.getByTestId('ai-generate').click();

    const options = page.getByTestId('ai-option');
    await options.first().waitFor();
    expect(await options.count()).toBe(3);
    const provider = page.getByTestId('ai-provider');
    expect(await provider.getAttribute('data-provider')).toBe('offline');
    expect(await provider.innerText()).toContain('Offline suggestions');
    const texts = await page.getByTestId('ai-option-text').allInnerTexts();
    expect(texts.every((t) => t.trim().length > 0 && t.length <= 160)).toBe(true);
    expect(texts.some((t) => t.includes('{{'))).toBe(true);
    expect((await page.getByTestId('ai-option-rationale').allInnerTexts()).every((r) => r.trim().length > 0)).toBe(
      true,
    );
    await settle(page);
    await shot(page, 'ai-05-suggest-options');

    // choose the second option: it lands in the editor as a template
    const chosen = texts[1];
    await options.nth(1).getByTestId('ai-use-option').click();
    await page.getByTestId('ai-generate').waitFor({ state: 'detached' });
    const editor = page.getByTestId('message-editor');
    expect(await editor.inputValue()).toBe(chosen);
    expect(await page.getByTestId('token-error').count()).toBe(0);

    // the live preview renders it for a real customer of the segment
    const sample = page.getByTestId('preview-sample').first();
    await sample.waitFor();
    const name = (await sample.getAttribute('data-customer')) ?? '';
    const customer = CUSTOMERS.find((c) => `${c.first} ${c.last}` === name);
    if (!customer) throw new Error(`preview sample for an unknown customer: ${name}`);
    expect(['Mumbai', 'Delhi']).toContain(customer.city);
    const bubble = (await sample.locator('.bubble').innerText()).trim();
    expect(bubble).not.toContain('{{');
    expect(bubble).toBe(render(chosen, customer).trim());
    expect(await page.getByTestId('sms-meter').getAttribute('data-segments')).toBe('1');
    await settle(page);
    await shot(page, 'ai-06-option-in-editor');

    // still editable: the preview follows the edit
    await editor.fill(`${chosen} See you soon!`);
    await page.getByTestId('preview-sample').filter({ hasText: 'See you soon!' }).first().waitFor();
    await page.close();
  });
});
