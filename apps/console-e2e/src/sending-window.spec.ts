import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import type { VendorStubHandle } from '@mini-crm/vendor-stub';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { newPage, devSignIn, shot } from './browser';
import { api, devLoginToken, importCustomersCsv } from './api-client';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';

const SECRET = 'e2e-window-secret';
const ADMIN = 'noor@example.com';

/** 10 customers in Porto (Portugal: Europe/Lisbon). */
function customersCsv(): string {
  const rows = ['first_name,last_name,email,phone,city,country'];
  for (let i = 0; i < 10; i++) rows.push(`Rita${i},Costa,w${i}@example.com,+35191255${1000 + i},Porto,PT`);
  return rows.join('\n') + '\n';
}

/** `HH:MM` in Lisbon, `hours` from now. */
function lisbonTime(hours: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Lisbon',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + hours * 3_600_000));
}

const visibleNext = (page: Page) => page.locator('[data-testid="wizard-next"]:visible');
/** Lets the stepper's slide animation finish before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(500);

describe('sending window in Chromium', () => {
  let stub: VendorStubHandle;
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;
  let token: string;
  let segmentId: string;

  beforeAll(async () => {
    run = await startConsoleWithVendor(SECRET);
    ({ server, browser, stub } = run);
    token = await devLoginToken(server, ADMIN, 'Noor Admin');
    expect((await importCustomersCsv(server, token, customersCsv())).inserted).toBe(10);
    ({ id: segmentId } = await api<{ id: string }>(server, token, 'POST', '/segment-rules', {
      name: 'Porto people',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Porto' }] },
    }));
    await api(server, token, 'PUT', '/settings/sending', { sms: { start: '09:00', end: '21:00' } });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('offers the workspace default or a custom window in the wizard, checked in words', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Night owls');
    await page.getByTestId('channel-sms').click();
    await visibleNext(page).click();
    await page.locator('[data-testid="segment-option"][data-name="Porto people"]').click();
    await visibleNext(page).click();
    await page.getByTestId('message-editor').fill('Late offers for {{first_name|you}}');
    await visibleNext(page).click();

    const hint = page.getByTestId('sending-window-hint');
    await hint.filter({ hasText: 'workspace default' }).waitFor();
    expect(await hint.textContent()).toContain('09:00–21:00');
    await settle(page);
    await shot(page, 'sending-window-01-workspace-default');

    await page.locator('[data-testid="sending-window-mode-custom"] button').click();
    await page.locator('[data-testid="sending-window-mode-custom"].mat-button-toggle-checked').waitFor();
    await page.getByTestId('sending-window-start').fill('10:00');
    await page.getByTestId('sending-window-end').fill('10:00');
    const error = page.getByTestId('sending-window-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('The window must end at a different time than it starts.');
    await visibleNext(page).click(); // refused: still on this step
    expect(await page.getByTestId('sending-window-error').isVisible()).toBe(true);
    await shot(page, 'sending-window-02-custom-invalid');

    await page.getByTestId('sending-window-start').fill('22:00');
    await page.getByTestId('sending-window-end').fill('06:00');
    await error.waitFor({ state: 'detached' });
    await visibleNext(page).click();
    const review = page.getByTestId('review-sending-window');
    await review.filter({ hasText: '22:00–06:00' }).waitFor();
    expect(await review.textContent()).toContain('past midnight');
    await settle(page);
    await shot(page, 'sending-window-03-review');

    await page.getByTestId('campaign-save-draft').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() as string;
    const saved = await api<{ sendingWindow: unknown }>(server, token, 'GET', `/campaigns/${id}`);
    expect(saved.sendingWindow).toEqual({ start: '22:00', end: '06:00' });
  });

  it('lets a campaign send at any time, and a reopened draft shows the choice it saved', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Flash sale');
    await page.getByTestId('channel-sms').click();
    await visibleNext(page).click();
    await page.locator('[data-testid="segment-option"][data-name="Porto people"]').click();
    await visibleNext(page).click();
    await page.getByTestId('message-editor').fill('Flash sale for {{first_name|you}}');
    await visibleNext(page).click();

    const savedAnyTime = page.waitForResponse(
      (r) => /\/api\/campaigns/.test(r.url()) && !!r.request().postData()?.includes('"sendAnyTime":true'),
    );
    await page.locator('[data-testid="sending-window-mode-any"] button').click();
    const hint = page.getByTestId('sending-window-hint');
    await hint.filter({ hasText: 'ignoring the workspace’s sending hours' }).waitFor();
    expect(await hint.textContent()).toContain('09:00–21:00');
    await settle(page);
    await shot(page, 'sending-window-05-any-time');

    // the draft autosaves the choice; its id is in the URL
    expect((await savedAnyTime).status()).toBe(200);
    const draftId = new URL(page.url()).searchParams.get('draft') as string;
    expect((await api<{ sendAnyTime: boolean }>(server, token, 'GET', `/campaigns/${draftId}`)).sendAnyTime).toBe(true);

    await page.reload();
    await page.locator('[data-testid="sending-window-mode-any"].mat-button-toggle-checked').waitFor();
    await visibleNext(page).click();
    await page.getByTestId('review-sending-window').filter({ hasText: 'Any time' }).waitFor();
  });

  it('lets an admin set the workspace sending hours in Admin › Settings', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/admin/settings');
    const section = page.getByTestId('sending-hours');
    await section.waitFor();
    await page.locator('[data-testid="sending-hours-sms-summary"]').filter({ hasText: '09:00–21:00' }).waitFor();

    await page.locator('[data-testid="sending-hours-email-on"] button[role="switch"]').click();
    await page.getByTestId('sending-hours-email-start').fill('08:00');
    await page.getByTestId('sending-hours-email-end').fill('08:00');
    await page.getByTestId('sending-hours-email').getByTestId('sending-hours-error').waitFor();
    expect(await page.getByTestId('sending-hours-save').isDisabled()).toBe(true);
    await page.getByTestId('sending-hours-email-end').fill('20:30');
    await page.getByTestId('sending-hours-zone').fill('Europe/Lis');
    await page.getByRole('option', { name: 'Europe/Lisbon' }).click();
    await page.getByTestId('sending-hours-error').waitFor({ state: 'detached' });
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'sending-window-06-admin-settings');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/settings/sending') && r.request().method() === 'PUT',
    );
    await page.getByTestId('sending-hours-save').click();
    try {
      expect((await saved).status()).toBe(200);
      const s = await api<{ timeZone: string; email: unknown }>(server, token, 'GET', '/settings/sending');
      expect(s).toMatchObject({ timeZone: 'Europe/Lisbon', email: { start: '08:00', end: '20:30' } });
    } finally {
      await api(server, token, 'PUT', '/settings/sending', { timeZone: 'Asia/Kolkata', email: null });
    }
  });

  it('shows messages held for a closed window as scheduled on the campaign page', async () => {
    // A window that opens two hours from now in Lisbon, the recipients' zone (country PT): closed now.
    const sendingWindow = { start: lisbonTime(2), end: lisbonTime(3) };
    const c = await api<{ id: string }>(server, token, 'POST', '/campaigns', {
      name: 'Held for the window',
      segmentId,
      channel: 'sms',
      message: 'Good morning {{first_name}}',
      sendingWindow,
    });
    await api(server, token, 'POST', `/campaigns/${c.id}/launch`, {});

    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto(`/campaigns/${c.id}`);
    await page.locator('[data-testid="stat-scheduled"][data-value="10"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('stat-scheduled').textContent()).toContain(
      '10 scheduled, waiting for the sending window',
    );
    expect(Number(await page.getByTestId('stat-queued').getAttribute('data-value'))).toBe(10);
    expect(Number(await page.getByTestId('stat-failed').getAttribute('data-value'))).toBe(0);
    expect(await page.locator('[data-testid="campaign-status"]').getAttribute('data-status')).toBe('running');
    expect(stub.stats().sends).toBe(0);
    await settle(page);
    await shot(page, 'sending-window-04-campaign-held');
    await api(server, token, 'POST', `/campaigns/${c.id}/cancel`, {});
  });
});
