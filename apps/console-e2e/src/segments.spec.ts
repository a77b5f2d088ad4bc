import type { Browser, Locator, Page } from 'playwright-core';
import { devSignIn, newPage, shot } from './browser';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

/** 20 customers over four cities; spend comes from real orders so the aggregates are the API's own. */
interface SeedCustomer {
  name: string;
  city: string;
  orders: number[];
  tags: string[];
}

const SEED: readonly SeedCustomer[] = [
  { name: 'Aarav', city: 'Pune', orders: [12000], tags: ['vip'] },
  { name: 'Diya', city: 'Pune', orders: [5000, 3000], tags: [] },
  { name: 'Kabir', city: 'Pune', orders: [3000], tags: ['vip'] },
  { name: 'Meera', city: 'Pune', orders: [1500], tags: ['newsletter'] },
  { name: 'Rohan', city: 'Pune', orders: [], tags: [] },
  { name: 'Sana', city: 'Pune', orders: [6500], tags: ['newsletter'] },
  { name: 'Tara', city: 'Pune', orders: [2000], tags: [] },
  { name: 'Arjun', city: 'Mumbai', orders: [4500, 5000], tags: [] },
  { name: 'Isha', city: 'Mumbai', orders: [4000], tags: ['vip'] },
  { name: 'Nikhil', city: 'Mumbai', orders: [500], tags: [] },
  { name: 'Priya', city: 'Mumbai', orders: [7000], tags: ['vip', 'newsletter'] },
  { name: 'Vikram', city: 'Mumbai', orders: [1000], tags: [] },
  { name: 'Anaya', city: 'Delhi', orders: [15000], tags: ['vip'] },
  { name: 'Dev', city: 'Delhi', orders: [5500], tags: [] },
  { name: 'Kiara', city: 'Delhi', orders: [2500], tags: ['vip'] },
  { name: 'Manav', city: 'Delhi', orders: [800], tags: [] },
  { name: 'Riya', city: 'Delhi', orders: [], tags: [] },
  { name: 'Zoya', city: 'Bengaluru', orders: [11000], tags: ['vip'] },
  { name: 'Yash', city: 'Bengaluru', orders: [300], tags: [] },
  { name: 'Neel', city: 'Bengaluru', orders: [6000], tags: ['newsletter'] },
];

// Expected audiences, computed here in plain TypeScript (independently of the segment engine).
const spend = (c: SeedCustomer) => c.orders.reduce((a, b) => a + b, 0);
const inCities = (c: SeedCustomer) => c.city === 'Pune' || c.city === 'Mumbai';
const bigSpender = (c: SeedCustomer) => spend(c) > 5000;
const vip = (c: SeedCustomer) => c.tags.includes('vip');
const count = (p: (c: SeedCustomer) => boolean) => SEED.filter(p).length;
const EXPECTED = {
  all: SEED.length,
  cities: count(inCities),
  citiesAndSpend: count((c) => inCities(c) && bigSpender(c)),
  citiesAndSpendOrVip: count((c) => inCities(c) && (bigSpender(c) || vip(c))),
  citiesAndSpendAndVip: count((c) => inCities(c) && bigSpender(c) && vip(c)),
  citiesNotSpendOrVip: count((c) => inCities(c) && !(bigSpender(c) || vip(c))),
};

async function api<T>(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function seedCustomers(base: string, token: string): Promise<void> {
  const day = 86_400_000;
  for (const c of SEED) {
    await api(base, token, 'POST', '/customers', {
      firstName: c.name,
      lastName: 'Test',
      email: `${c.name.toLowerCase()}@example.com`,
      city: c.city,
      country: 'IN',
      tags: c.tags,
    });
  }
  const orders = SEED.flatMap((c, i) =>
    c.orders.map((amount, j) => ({
      customerEmail: `${c.name.toLowerCase()}@example.com`,
      externalId: `seg-e2e-${i}-${j}`,
      amount,
      currency: 'INR',
      orderedAt: new Date(Date.now() - (i + j + 1) * day).toISOString(),
    })),
  );
  await api(base, token, 'POST', '/orders', { orders });
}

/** Waits until the count shown is final (no request pending) and equals `n`. */
async function expectCount(page: Page, n: number): Promise<void> {
  await page.locator(`[data-testid="audience-count"][data-state="ready"][data-count="${n}"]`).waitFor();
  await page.getByTestId('audience-spinner').waitFor({ state: 'hidden' });
  expect((await page.getByTestId('audience-count').innerText()).trim()).toBe(n.toLocaleString('en-US'));
}

async function pick(page: Page, select: Locator, optionTestId: string): Promise<void> {
  await select.click();
  await page.getByTestId(optionTestId).click();
  await page.locator('.cdk-overlay-pane mat-option').first().waitFor({ state: 'detached' });
}

const condition = (page: Page, path: string) => page.locator(`[data-testid="condition"][data-path="${path}"]`);

describe('segments in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
    const { accessToken } = await api<{ accessToken: string }>(server.url, null, 'POST', '/auth/dev-login', {
      email: 'maya@example.com',
      name: 'Maya Marketer',
    });
    await seedCustomers(server.url, accessToken);
  });
  afterAll(async () => run?.close());

  it('has the expected seed audiences', () => {
    expect(EXPECTED).toEqual({
      all: 20,
      cities: 12,
      citiesAndSpend: 5,
      citiesAndSpendOrVip: 7,
      citiesAndSpendAndVip: 2,
      citiesNotSpendOrVip: 5,
    });
  });

  it('builds a two-level AND/OR segment with a live count, saves it, reopens it and saves a copy', async () => {
    const page = await newPage(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 1200 });
    await devSignIn(page, 'maya@example.com', 'Maya Marketer');
    await page.getByTestId('nav-segments').click();
    await page.getByText('No segments yet').waitFor();
    await shot(page, 'segments-01-empty-list');

    await page.getByTestId('segments-new').click();
    await page.waitForURL(/\/segments\/new$/);
    // no conditions: everyone
    await expectCount(page, EXPECTED.all);
    await expect(page.getByTestId('rule-summary').innerText()).resolves.toContain('All customers');
    await shot(page, 'segments-02-new-empty');

    // City is any of Pune, Mumbai
    await page.locator('[data-testid="add-condition"][data-group="root"]').click();
    const city = condition(page, 'rules[0]');
    await city.getByTestId('condition-error').waitFor(); // a fresh condition asks for its value
    await expect(page.getByTestId('audience-count').getAttribute('data-state')).resolves.toBe('invalid');
    await pick(page, city.getByTestId('field-select'), 'field-option-city');
    await pick(page, city.getByTestId('operator-select'), 'operator-option-in');
    const cityInput = city.getByTestId('value-input');
    await cityInput.fill('Pune');
    await cityInput.press('Enter');
    await expectCount(
      page,
      count((c) => c.city === 'Pune'),
    );
    await cityInput.fill('Mumbai');
    await cityInput.press('Enter');
    await expectCount(page, EXPECTED.cities);

    // AND ( total spend > 5000 OR tagged vip )
    await page.locator('[data-testid="add-group"][data-group="root"]').click();
    const nested = page.locator('[data-testid="group"][data-path="rules[1]"]');
    await expect(nested.getAttribute('data-op')).resolves.toBe('or');
    const amount = condition(page, 'rules[1].rules[0]').getByTestId('value-input');
    // typed digit by digit: every keystroke changes the rules; only the final count may show
    await amount.pressSequentially('5000', { delay: 60 });
    await page.getByTestId('audience-spinner').waitFor();
    await expectCount(page, EXPECTED.citiesAndSpend);

    // a bad value is reported on the condition and no count is shown
    await amount.fill('lots');
    const error = condition(page, 'rules[1].rules[0]').getByTestId('condition-error');
    await expect(error.innerText()).resolves.toMatch(/expected a number/i);
    await expect(page.getByTestId('audience-count').getAttribute('data-state')).resolves.toBe('invalid');
    await shot(page, 'segments-03-validation-error');
    await amount.fill('5000');
    await error.waitFor({ state: 'detached' });
    await expectCount(page, EXPECTED.citiesAndSpend);

    await page.locator('[data-testid="add-condition"][data-group="rules[1]"]').click();
    const tags = condition(page, 'rules[1].rules[1]');
    await pick(page, tags.getByTestId('field-select'), 'field-option-tags');
    await expect(tags.getByTestId('operator-select').innerText()).resolves.toContain('has any of');
    await tags.getByTestId('value-input').fill('vip');
    await tags.getByTestId('value-input').press('Enter');
    await expectCount(page, EXPECTED.citiesAndSpendOrVip);
    await expect(page.getByTestId('rule-summary').innerText()).resolves.toContain(
      'City is "Pune" or "Mumbai" and (spent more than ₹5,000 or are tagged "vip")',
    );
    await expect(page.getByTestId('sample-row').count()).resolves.toBe(EXPECTED.citiesAndSpendOrVip);
    await shot(page, 'segments-04-two-level');

    // the OR/AND toggle and NOT change the audience
    await nested.getByTestId('group-op-and').first().click();
    await expectCount(page, EXPECTED.citiesAndSpendAndVip);
    await nested.getByTestId('group-op-or').first().click();
    await expectCount(page, EXPECTED.citiesAndSpendOrVip);
    await nested.getByTestId('group-not').first().locator('input').check();
    await expectCount(page, EXPECTED.citiesNotSpendOrVip);
    await shot(page, 'segments-05-not');
    await nested.getByTestId('group-not').first().locator('input').uncheck();
    await expectCount(page, EXPECTED.citiesAndSpendOrVip);

    // save
    await page.getByTestId('segment-save').click();
    await page.getByTestId('segment-name-error').waitFor();
    await page.getByTestId('segment-name').fill('Pune & Mumbai high value');
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    const segmentUrl = page.url();
    await page.getByTestId('size-history').waitFor();
    await expectCount(page, EXPECTED.citiesAndSpendOrVip);

    // the list shows it with its size
    await page.getByTestId('segments-back').click();
    const row = page.locator('[data-testid="segment-row"][data-name="Pune & Mumbai high value"]');
    await row.waitFor();
    await expect(row.getByTestId('segment-size').innerText()).resolves.toBe(String(EXPECTED.citiesAndSpendOrVip));
    await shot(page, 'segments-06-list');

    // reopen: the same rules and the same count
    await row.click();
    await page.waitForURL(segmentUrl);
    await expectCount(page, EXPECTED.citiesAndSpendOrVip);
    await expect(page.getByTestId('segment-name').inputValue()).resolves.toBe('Pune & Mumbai high value');
    await expect(page.getByTestId('condition').count()).resolves.toBe(3);
    await expect(condition(page, 'rules[0]').getByTestId('field-select').innerText()).resolves.toContain('City');
    await expect(condition(page, 'rules[0]').getByTestId('operator-select').innerText()).resolves.toContain(
      'is any of',
    );
    await expect(condition(page, 'rules[0]').getByTestId('value-chip').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Pune'),
      expect.stringContaining('Mumbai'),
    ]);
    await expect(nested.getAttribute('data-op')).resolves.toBe('or');
    await expect(condition(page, 'rules[1].rules[0]').getByTestId('field-select').innerText()).resolves.toContain(
      'Total spend',
    );
    await expect(condition(page, 'rules[1].rules[0]').getByTestId('value-input').inputValue()).resolves.toBe('5000');
    await expect(condition(page, 'rules[1].rules[1]').getByTestId('value-chip').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('vip'),
    ]);
    expect(await page.getByTestId('segment-save').isDisabled()).toBe(true); // nothing changed yet
    await shot(page, 'segments-07-reopened');

    // save as: a taken name is refused in the dialog, a new one creates a second segment
    await page.getByTestId('segment-save-as').click();
    await page.getByTestId('save-as-name').fill('Pune & Mumbai high value');
    await page.getByTestId('save-as-confirm').click();
    await expect(page.getByTestId('save-as-error').innerText()).resolves.toContain('already exists');
    await page.getByTestId('save-as-name').fill('High value copy');
    await page.getByTestId('save-as-confirm').click();
    await page.waitForURL((url) => /\/segments\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== segmentUrl);
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="segment-name"]') as HTMLInputElement | null)?.value ===
        'High value copy',
    );
    await expectCount(page, EXPECTED.citiesAndSpendOrVip);

    await page.getByTestId('segments-back').click();
    await page.locator('[data-testid="segment-row"][data-name="High value copy"]').waitFor();
    await expect(page.getByTestId('segment-row').count()).resolves.toBe(2);
    await shot(page, 'segments-08-list-two');
  });
});
