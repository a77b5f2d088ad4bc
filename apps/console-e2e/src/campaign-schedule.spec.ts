import type { Browser } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import type { VendorStubHandle } from '@mini-crm/vendor-stub';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';
import {
  CAMPAIGNS_ADMIN as ADMIN,
  CAMPAIGNS_SECRET as SECRET,
  seedCampaignWorkspace as seed,
  settle,
  statValue,
  visibleNext,
} from './campaign-fixtures';

const pad = (n: number) => String(n).padStart(2, '0');

/** The walkthrough's schedule: picked in the wizard a couple of minutes ahead, it then sends by itself. */
describe('scheduled campaign in Chromium', () => {
  let stub: VendorStubHandle;
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;

  beforeAll(async () => {
    run = await startConsoleWithVendor(SECRET);
    ({ server, browser, stub } = run);
    await seed(server);
  });
  afterAll(async () => {
    await run?.close();
  });

  it('schedules in the wizard, waits as scheduled, then sends at the time', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Friday reminder');
    await page.getByTestId('channel-sms').click();
    await visibleNext(page).click();
    await page.locator('[data-testid="segment-option"][data-name="Lisbon locals"]').click();
    await page.locator('[data-testid="audience-reach"][data-audience="24"]:visible').waitFor();
    await visibleNext(page).click();
    await page.getByTestId('message-editor').fill('Reminder for {{first_name|you}}: the store opens at 9');
    await visibleNext(page).click();

    // The next whole minute at least 75 s away (the wizard wants a minute's lead; the inputs take minutes).
    const at = new Date(Date.now() + 75_000);
    if (at.getSeconds() || at.getMilliseconds()) at.setMinutes(at.getMinutes() + 1, 0, 0);
    await page.getByTestId('schedule-at').click();
    await page.getByTestId('schedule-date').fill(`${at.getMonth() + 1}/${at.getDate()}/${at.getFullYear()}`);
    await page.getByTestId('schedule-date').blur();
    await page.getByTestId('schedule-time').fill(`${pad(at.getHours())}:${pad(at.getMinutes())}`);
    expect(await page.getByTestId('schedule-error').count()).toBe(0);
    await settle(page);
    await shot(page, 'campaign-schedule-01-when');
    await visibleNext(page).click();

    await page.getByTestId('campaign-review').waitFor();
    await page.getByTestId('campaign-launch').click();
    const title = page.getByTestId('launch-confirm-title');
    await title.waitFor();
    expect((await title.textContent())?.trim()).toMatch(/^Schedule 24 SMS to Lisbon locals for .+\?$/);
    await page.getByTestId('launch-confirm-ok').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

    // Scheduled: nothing snapshotted or sent, cancel offered.
    await page.locator('[data-testid="campaign-status"][data-status="scheduled"]').waitFor();
    expect(await page.getByTestId('campaign-cancel').count()).toBe(1);
    expect(stub.stats().sends).toBe(0);
    await settle(page);
    await shot(page, 'campaign-schedule-02-scheduled');

    // At its time it launches by itself, and the open page follows it to the end.
    await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 200_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    await page.locator('[data-testid="stat-audience"][data-value="24"]').waitFor();
    expect((await statValue(page, 'sent')) + (await statValue(page, 'failed'))).toBe(24);
    expect(stub.stats()).toMatchObject({ sends: 24, duplicates: 0 });
    await settle(page);
    await shot(page, 'campaign-schedule-03-sent-at-time');
  }, 300_000);
});
