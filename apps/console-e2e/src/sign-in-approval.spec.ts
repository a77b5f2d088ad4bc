import type { Browser } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

describe('who may sign in: waiting page, approval and invitations in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    // With allowed domains set, dev sign-in follows the admission rules: a stranger lands pending.
    run = await startConsoleUnderTest({ ALLOWED_EMAIL_DOMAINS: 'example.com' });
    ({ server, browser } = run);
  });
  afterAll(async () => run?.close());

  it('a stranger waits without data pages until an admin approves them; invites can be sent and revoked', async () => {
    const admin = await newPage(browser, server.url);
    await devSignIn(admin, 'ada@example.com', 'Ada Admin');
    await admin.getByTestId('nav-admin-users').waitFor();

    const stranger = await newPage(browser, server.url);
    await devSignIn(stranger, 'sam@elsewhere.test', 'Sam Stranger');
    await stranger.waitForURL(/\/waiting$/);
    await stranger.getByTestId('waiting-approval').waitFor();
    expect(await stranger.getByTestId('waiting-email').textContent()).toBe('sam@elsewhere.test');
    expect(await stranger.getByTestId('nav-customers').count()).toBe(0);
    await shot(stranger, 'sign-in-01-waiting');
    // a data page by URL leads back to the waiting page
    await stranger.goto('/customers');
    await stranger.waitForURL(/\/waiting$/);
    await stranger.getByTestId('waiting-check').click();
    await stranger.getByTestId('waiting-notice').waitFor();
    expect(await stranger.getByTestId('waiting-notice').textContent()).toMatch(/Still waiting/);

    await admin.getByTestId('nav-admin-users').click();
    const request = admin.locator('[data-testid="access-request"][data-email="sam@elsewhere.test"]');
    await request.waitFor();
    await request.getByTestId('access-request-role').click();
    await admin.getByTestId('access-role-marketer').click();
    await shot(admin, 'sign-in-02-approval-queue');
    await request.getByTestId('access-approve').click();
    await admin.getByText('sam@elsewhere.test approved as marketer').waitFor();
    await request.waitFor({ state: 'detached' });
    await admin.getByTestId('access-requests-none').waitFor();

    await admin.getByTestId('invite-email').fill('guest@partner.test');
    await admin.getByTestId('invite-send').click();
    const invite = admin.locator('[data-testid="invite-row"][data-email="guest@partner.test"]');
    await invite.waitFor();
    await shot(admin, 'sign-in-03-invited');
    await invite.getByTestId('invite-revoke').click();
    await invite.waitFor({ state: 'detached' });

    // approval works at once: "Check again" opens the console as a marketer
    await stranger.getByTestId('waiting-check').click();
    await stranger.getByTestId('nav-customers').waitFor();
    expect(new URL(stranger.url()).pathname).not.toBe('/waiting');
    await shot(stranger, 'sign-in-04-approved');
  });
});
