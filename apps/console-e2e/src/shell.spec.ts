import type { Browser } from 'playwright-core';
import { newPage, devSignIn, shot } from './browser';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

describe('console shell in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
  });
  afterAll(async () => run?.close());

  it('signs in, shows the shell, and an admin promotes a second user', async () => {
    const admin = await newPage(browser, server.url);
    await admin.goto('/');
    await admin.waitForURL(/\/login/);
    await shot(admin, 'shell-01-login');
    await devSignIn(admin, 'ada@example.com', 'Ada Admin');
    await admin.getByTestId('nav-customers').waitFor();
    await admin.getByTestId('nav-admin-users').waitFor();
    await shot(admin, 'shell-02-signed-in-admin');

    // a second person signs in: viewer, no admin navigation
    const viewer = await newPage(browser, server.url);
    await devSignIn(viewer, 'vic@example.com', 'Vic Viewer');
    await viewer.getByTestId('nav-customers').waitFor();
    expect(await viewer.getByTestId('nav-admin-users').count()).toBe(0);
    await shot(viewer, 'shell-03-viewer-no-admin');

    // the admin promotes them to marketer
    await admin.getByTestId('nav-admin-users').click();
    const row = admin.locator('[data-testid="user-row"][data-email="vic@example.com"]');
    await row.waitFor();
    await row.getByTestId('role-select').click();
    await admin.getByRole('option', { name: /marketer/i }).click();
    await admin
      .getByText(/updated|saved|changed/i)
      .first()
      .waitFor();
    await shot(admin, 'shell-04-admin-promoted');

    const check = await viewer.evaluate(async () => {
      const raw = Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}';
      const token = JSON.parse(raw).accessToken;
      const res = await fetch('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
      return (await res.json()).role;
    });
    expect(check).toBe('marketer');

    // audit shows the change
    await admin.getByTestId('nav-admin-audit').click();
    await admin.locator('[data-testid="audit-row"]').first().waitFor();
    expect(await admin.locator('[data-testid="audit-row"]', { hasText: 'role_changed' }).count()).toBeGreaterThan(0);
    await shot(admin, 'shell-05-audit');
  });
});
