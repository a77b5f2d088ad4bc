import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import type { VendorStubHandle } from '@mini-crm/vendor-stub';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { newPage, devSignIn, shot } from './browser';
import { api, devLoginToken, importCustomersCsv } from './api-client';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';

const SECRET = 'e2e-experiments-secret';
const ADMIN = 'ines@example.com';
const N = 200;

/** 200 customers in Braga, all reachable by SMS. */
function customersCsv(): string {
  const rows = ['first_name,last_name,email,phone,city'];
  for (let i = 0; i < N; i++) rows.push(`Rui${i},Lopes,x${i}@example.com,+35191300${String(1000 + i)},Braga`);
  return rows.join('\n') + '\n';
}

const visibleNext = (page: Page) => page.locator('[data-testid="wizard-next"]:visible');
/** Lets the stepper's slide animation finish before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(500);
const numberIn = async (page: Page, testId: string, col: string) =>
  Number(((await page.getByTestId(testId).locator(`[data-col="${col}"]`).textContent()) ?? '').replace(/\D/g, ''));

/**
 * An A/B test as a marketer makes it: two variants, a 20 % holdout and a test phase in the wizard
 * (with the sample-size warning), per-variant stats on the campaign page, and "send winner now".
 */
describe('experiments in Chromium', () => {
  let stub: VendorStubHandle;
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;
  let token: string;

  beforeAll(async () => {
    run = await startConsoleWithVendor(SECRET, { failRate: 0 });
    ({ server, browser, stub } = run);
    // Simulated readers: variant B's link is clicked far more often than A's.
    stub.configure({
      engage: true,
      engageOrigin: server.url,
      engageDelayMs: 3500,
      openRate: 0,
      clickRate: 0.05,
      variantRates: [{ contains: 'VARIANT-B', clickRate: 0.8 }],
    });
    token = await devLoginToken(server, ADMIN, 'Inês Marketer');
    expect((await importCustomersCsv(server, token, customersCsv())).inserted).toBe(N);
    await api(server, token, 'POST', '/segment-rules', {
      name: 'Braga people',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Braga' }] },
    });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('creates a 2-variant campaign with a holdout and a test phase, sees per-variant stats, sends the winner', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Braga A/B');
    await page.getByTestId('channel-sms').click();
    await visibleNext(page).click();
    await page.locator('[data-testid="segment-option"][data-name="Braga people"]').click();
    await visibleNext(page).click();

    // Variant A is the composer's message; B is added below it.
    await page.getByTestId('message-editor').fill('Hi {{first_name|there}}, VARIANT-A: https://shop.example.com/a');
    await page.getByTestId('variant-add').click();
    await page.getByTestId('variant-message-B').fill('{{first_name|Hey}}! VARIANT-B: https://shop.example.com/b');
    // Holdout 20 % with the keyboard (the slider moves one percent per arrow key).
    await page.getByTestId('holdout-slider').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('holdout-value').filter({ hasText: '20' }).waitFor();
    await page.locator('[data-testid="test-phase-toggle"] button').click();
    await page.getByTestId('test-phase-settings').waitFor();
    await page.getByTestId('test-share').fill('50');
    await page.getByTestId('test-wait').fill('60');
    await page.getByTestId('test-fallback').click();
    await page.getByRole('option', { name: 'Wait for me to pick' }).click();
    // 200 people cannot show a +20 % lift on a 5 % rate: the wizard says so.
    const warning = page.locator('[data-testid="sample-size-text"][data-too-small="true"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('too small');
    await page.getByTestId('draft-status').filter({ hasText: 'Draft saved' }).waitFor();
    await settle(page);
    await shot(page, 'experiments-01-wizard-variants');

    await visibleNext(page).click();
    await visibleNext(page).click();
    const review = page.getByTestId('review-experiment');
    await review.waitFor();
    expect(await review.textContent()).toMatch(/2 variants.*20 % held out.*50 % test first, winner after 60 min/s);
    expect(await page.getByTestId('review-variant-B').textContent()).toContain('VARIANT-B');
    await settle(page);
    await shot(page, 'experiments-02-wizard-review');
    await page.getByTestId('campaign-launch').click();
    await page.getByTestId('launch-confirm-ok').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

    // The campaign page: one row per variant, the remainder waiting, B ahead on clicks.
    const table = page.getByTestId('variant-table');
    await table.waitFor();
    await page.getByTestId('variant-row-A').waitFor();
    await page.getByTestId('variant-row-B').waitFor();
    await page.getByTestId('variant-row-remainder').waitFor();
    await page.locator('[data-testid="winner-banner"][data-phase="waiting"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => {
        const b = document.querySelector('[data-testid="variant-row-B"] [data-col="clicked"]');
        return Number((b?.textContent ?? '').replace(/\D/g, '')) >= 10;
      },
      undefined,
      { timeout: 60_000 },
    );
    const id = page.url().split('/').pop() as string;
    const stats = await api<{
      variants: Array<{ key: string; audience: number; clicked: number }>;
      holdout: { size: number };
    }>(server, token, 'GET', `/campaigns/${id}/stats`);
    expect(stats.variants.map((v) => v.key)).toEqual(['A', 'B', '(remainder)']);
    expect(await numberIn(page, 'variant-row-A', 'audience')).toBe(stats.variants[0].audience);
    expect(await numberIn(page, 'variant-row-B', 'audience')).toBe(stats.variants[1].audience);
    expect(stats.holdout.size).toBeGreaterThan(N * 0.1);
    expect(stats.holdout.size).toBeLessThan(N * 0.3);
    await settle(page);
    await shot(page, 'experiments-03-campaign-test-phase');

    // Send winner now: asks first, then the rest gets B.
    await page.getByTestId('send-winner-B').click();
    await page.getByTestId('winner-confirm').click();
    const banner = page.locator('[data-testid="winner-banner"][data-phase="winner_sent"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Variant B was picked by hand');
    await page.getByTestId('variant-row-remainder').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('campaign-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 });
    const done = await api<{ audience: number; sent: number; variants: Array<{ key: string; audience: number }> }>(
      server,
      token,
      'GET',
      `/campaigns/${id}/stats`,
    );
    expect(done.sent).toBe(done.audience);
    expect(done.variants.map((v) => v.key)).toEqual(['A', 'B']);
    expect(done.variants[1].audience).toBe(stats.variants[1].audience + stats.variants[2].audience);
    await page.getByTestId('holdout-results').waitFor();
    await settle(page);
    await shot(page, 'experiments-04-campaign-winner-sent');
  });
});
