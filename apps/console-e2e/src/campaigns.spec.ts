import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import { startVendorStub, type VendorStubHandle } from '@mini-crm/vendor-stub';
import { newPage, devSignIn, shot } from './browser';
import { api, devLoginToken, importCustomersCsv } from './api-client';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

const SECRET = 'e2e-campaigns-secret';
const ADMIN = 'mara@example.com';

/** 30 customers: 26 in Lisbon, two of them without a phone (suppressed on SMS). */
function customersCsv(): string {
  const first = ['Ana', 'Bruno', 'Carla', 'Diogo', 'Eva', 'Filipe', 'Gonçalo', 'Helena', 'Inês', 'João'];
  const rows = ['first_name,last_name,email,phone,city'];
  for (let i = 0; i < 30; i++) {
    const phone = i === 3 || i === 7 ? '' : `+35191234${String(1000 + i).padStart(4, '0')}`;
    rows.push(`${first[i % first.length]},Silva${i},c${i}@example.com,${phone},${i < 26 ? 'Lisbon' : 'Porto'}`);
  }
  return rows.join('\n') + '\n';
}

async function seed(server: BuiltServer): Promise<void> {
  const accessToken = await devLoginToken(server, ADMIN, 'Mara Marketer');
  const job = await importCustomersCsv(server, accessToken, customersCsv());
  expect(job.inserted).toBe(30);
  await api(server, accessToken, 'POST', '/segment-rules', {
    name: 'Lisbon locals',
    rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Lisbon' }] },
  });
}

async function statValue(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`stat-${key}`).getAttribute('data-value'));
}

const visibleNext = (page: Page) => page.locator('[data-testid="wizard-next"]:visible');

/** Lets the stepper's slide animation finish before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(500);

describe('campaigns in Chromium', () => {
  let stub: VendorStubHandle;
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    stub = await startVendorStub({ port: 0, receiptDelayMs: 50, secret: SECRET });
    run = await startConsoleUnderTest({ VENDOR_URL: stub.url, VENDOR_WEBHOOK_SECRET: SECRET });
    ({ server, browser } = run);
    stub.configure({ receiptUrl: `${server.url}/api/delivery/receipts` });
    await seed(server);
  });
  afterAll(async () => {
    await run?.close();
    await stub?.close();
  });

  it('creates an SMS campaign in the wizard, launches it and watches it finish', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.getByTestId('nav-campaigns').click();
    await page.waitForURL(/\/campaigns$/);
    await page.getByText('No campaigns yet').waitFor();
    await shot(page, 'campaigns-01-empty-list');

    // 1. name and channel: Next refuses without a name
    await page.getByTestId('campaigns-new').click();
    await page.waitForURL(/\/campaigns\/new$/);
    await visibleNext(page).click();
    await page.getByText('Give the campaign a name.').waitFor();
    await page.getByTestId('campaign-name').fill('Lisbon spring hello');
    await page.getByTestId('channel-sms').click();
    await settle(page);
    await shot(page, 'campaigns-02-wizard-name');
    await visibleNext(page).click();

    // 2. segment, with its size and summary
    const option = page.locator('[data-testid="segment-option"][data-name="Lisbon locals"]');
    await option.waitFor();
    expect(await option.textContent()).toContain('Lisbon');
    await option.click();
    await settle(page);
    await shot(page, 'campaigns-03-wizard-segment');
    await visibleNext(page).click();

    // 3. compose: tokens inserted at the caret, unknown token flagged inline, live preview
    const editor = page.getByTestId('message-editor');
    await editor.fill('Hi {{firstname}}');
    await page.getByTestId('token-error').waitFor();
    expect(await page.getByTestId('token-error').textContent()).toContain('{{firstname}}');
    await visibleNext(page).click();
    await page.getByTestId('compose-problems').waitFor();
    await shot(page, 'campaigns-04-wizard-unknown-token');

    await editor.fill('Hi , spring offers are in store in  this week!');
    await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    await page.getByTestId('token-fallback').fill('there');
    await page.getByTestId('token-picker').click();
    await page.locator('[data-testid="token-option"][data-name="first_name"]').click();
    expect(await editor.inputValue()).toBe('Hi {{first_name|there}}, spring offers are in store in  this week!');
    const at = (await editor.inputValue()).indexOf('in  this') + 3;
    await editor.evaluate((el: HTMLTextAreaElement, pos: number) => el.setSelectionRange(pos, pos), at);
    await page.getByTestId('token-fallback').fill('');
    await page.getByTestId('token-picker').click();
    await page.locator('[data-testid="token-option"][data-name="city"]').click();
    const template = 'Hi {{first_name|there}}, spring offers are in store in {{city}} this week!';
    expect(await editor.inputValue()).toBe(template);
    expect(await page.getByTestId('token-error').count()).toBe(0);

    // the debounced preview catches up with the final text, rendered for real customers
    const sample = page.getByTestId('preview-sample').filter({ hasText: 'in Lisbon this week' }).first();
    await sample.waitFor();
    expect(await sample.textContent()).toMatch(
      /Hi (Ana|Bruno|Carla|Diogo|Eva|Filipe|Gonçalo|Helena|Inês|João), spring offers are in store in Lisbon this week!/,
    );
    expect(await page.getByTestId('preview-audience').textContent()).toMatch(/24 recipients · 2 suppressed/);
    const meter = page.getByTestId('sms-meter');
    expect(await meter.getAttribute('data-segments')).toBe('1');
    expect(await meter.getAttribute('data-encoding')).toBe('GSM-7');
    await expect(page.getByTestId('ai-suggest-slot').count()).resolves.toBe(1);
    await shot(page, 'campaigns-05-wizard-compose');
    await visibleNext(page).click();

    // 4. when: a past time is refused, then send now
    await page.getByTestId('schedule-at').click();
    await page.getByTestId('schedule-timezone').waitFor();
    await page.getByTestId('schedule-date').fill('1/2/2020');
    await page.getByTestId('schedule-date').blur();
    await page.getByTestId('schedule-error').waitFor();
    await settle(page);
    await shot(page, 'campaigns-06-wizard-schedule-past');
    await page.getByTestId('send-now').click();
    await visibleNext(page).click();

    // 5. review and launch
    await page.getByTestId('campaign-review').waitFor();
    expect(await page.getByTestId('review-audience').textContent()).toContain('24');
    await settle(page);
    await shot(page, 'campaigns-07-wizard-review');
    await page.getByTestId('campaign-launch').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

    // live page: runs to completion, numbers reconcile
    await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="stat-delivered"]')?.getAttribute('data-value')) > 0,
      undefined,
      { timeout: 30_000 },
    );
    const audience = await statValue(page, 'audience');
    expect(audience).toBe(24);
    expect(await statValue(page, 'suppressed')).toBe(2);
    expect((await statValue(page, 'sent')) + (await statValue(page, 'failed'))).toBe(audience);
    expect(await statValue(page, 'queued')).toBe(0);
    expect(await page.getByTestId('campaign-progress').getAttribute('data-value')).toBe('100');
    expect(await page.getByTestId('campaign-pause').count()).toBe(0);
    expect(await page.getByTestId('campaign-cancel').count()).toBe(0);

    // messages: personalized per recipient
    const rows = page.getByTestId('message-row');
    await rows.first().waitFor();
    // the log is virtual: the viewport says how many rows are loaded, the DOM holds those in view
    const loadedRows = () => page.getByTestId('messages-viewport').getAttribute('data-loaded');
    await page.locator('[data-testid="messages-viewport"][data-loaded="24"]').waitFor();
    const texts = await page.getByTestId('message-text').allTextContents();
    expect(texts.every((t) => /^Hi \S+, spring offers are in store in Lisbon this week!$/.test(t.trim()))).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(1);
    expect(texts.some((t) => t.includes('{{'))).toBe(false);
    await settle(page); // let the progress and funnel bars finish growing
    await shot(page, 'campaigns-08-campaign-completed');

    await page.getByTestId('message-filter-failed').click();
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="message-row"]')).every(
        (r) => r.getAttribute('data-status') === 'failed',
      ),
    );
    expect(Number(await loadedRows())).toBe(await statValue(page, 'failed'));
    await shot(page, 'campaigns-09-failed-messages');

    // list shows it completed
    await page.getByRole('link', { name: 'Campaigns' }).first().click();
    const row = page.locator('[data-testid="campaign-row"][data-name="Lisbon spring hello"]');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('completed');
    await page.locator('[data-testid="campaign-row"] [data-testid="row-progress"][data-value="100"]').waitFor();
    await shot(page, 'campaigns-10-list-completed');

    expect(stub.stats().duplicates).toBe(0);
  });

  it('pauses and resumes a running campaign, and cancels a scheduled one after confirming', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    const token = await page.evaluate(
      () =>
        JSON.parse(Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}').accessToken as string,
    );
    const segments = await api<{ items: Array<{ id: string }> }>(server, token, 'GET', '/segment-rules');
    const segmentId = segments.items[0].id;

    // a slow vendor keeps the campaign running long enough to pause it
    stub.configure({ latencyMs: 3000 });
    try {
      const slow = await api<{ id: string }>(server, token, 'POST', '/campaigns', {
        name: 'Slow one',
        segmentId,
        channel: 'sms',
        message: 'Hello {{first_name|friend}}',
      });
      await page.goto(`/campaigns/${slow.id}`);
      await page.locator('[data-testid="campaign-status"][data-status="draft"]').waitFor();
      await page.getByTestId('campaign-launch').click();
      await page.getByTestId('campaign-pause').click();
      await page.locator('[data-testid="campaign-status"][data-status="paused"]').waitFor();
      await page.getByTestId('campaign-resume').waitFor();
      expect(await page.getByTestId('campaign-pause').count()).toBe(0);
      await shot(page, 'campaigns-11-paused');
      stub.configure({ latencyMs: 0 });
      await page.getByTestId('campaign-resume').click();
      await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
      expect((await statValue(page, 'sent')) + (await statValue(page, 'failed'))).toBe(
        await statValue(page, 'audience'),
      );
    } finally {
      stub.configure({ latencyMs: 0 });
    }

    // scheduled an hour ahead: cancel asks first
    const later = await api<{ id: string }>(server, token, 'POST', '/campaigns', {
      name: 'Later one',
      segmentId,
      channel: 'sms',
      message: 'Later {{first_name|friend}}',
    });
    await api(server, token, 'POST', `/campaigns/${later.id}/launch`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await page.goto(`/campaigns/${later.id}`);
    await page.locator('[data-testid="campaign-status"][data-status="scheduled"]').waitFor();
    expect(await page.getByTestId('stat-audience').count()).toBe(0); // nothing snapshotted yet
    await page.getByTestId('campaign-cancel').click();
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'detached' }); // the first dialog has finished closing
    expect(await page.getByTestId('campaign-status').getAttribute('data-status')).toBe('scheduled');
    await page.getByTestId('campaign-cancel').click();
    await page.getByTestId('confirm-ok').waitFor();
    await settle(page);
    await shot(page, 'campaigns-12-cancel-confirm');
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid="campaign-status"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('campaign-cancel').count()).toBe(0);
    await shot(page, 'campaigns-13-cancelled');
  });
});
