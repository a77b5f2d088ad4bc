import type { Browser } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

describe('Admin › API keys in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
  });
  afterAll(async () => run?.close());

  const customersWith = (key: string) =>
    fetch(`${server.url}/api/customers?limit=1`, { headers: { 'x-api-key': key } }).then((r) => r.status);

  it('creates a key shown once with a copy button, which then works until it is revoked', async () => {
    const admin = await newPage(browser, server.url);
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await devSignIn(admin, 'ada@example.com', 'Ada Admin');
    await admin.getByTestId('nav-admin-api-keys').click();
    await admin.waitForURL(/\/admin\/api-keys$/);

    await admin.getByTestId('api-key-name').fill('Shop sync');
    await admin.getByTestId('api-key-role').click();
    await admin.getByTestId('api-key-role-marketer').click();
    await admin.getByTestId('api-key-create').click();
    const created = admin.getByTestId('api-key-created');
    await created.waitFor();
    expect(await created.textContent()).toMatch(/won’t see it again/);
    const key = ((await admin.getByTestId('api-key-secret').textContent()) ?? '').trim();
    expect(key).toMatch(/^mcrm_[a-z0-9]{8}_[\w-]{43}$/);

    await admin.getByTestId('api-key-copy').click();
    await admin.getByText('Key copied to the clipboard').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const row = admin.locator('[data-testid="api-key-row"][data-name="Shop sync"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(`mcrm_${key.slice(5, 13)}_…`);
    await shot(admin, 'api-keys-01-created-once');

    expect(await customersWith(key)).toBe(200);

    // Once the panel is closed, the key is nowhere on the page, nor after a reload.
    await admin.getByTestId('api-key-done').click();
    await created.waitFor({ state: 'detached' });
    expect(await admin.content()).not.toContain(key);
    await admin.reload();
    await row.waitFor();
    expect(await admin.content()).not.toContain(key);

    await row.getByTestId('api-key-revoke').click();
    await admin.getByTestId('api-key-revoke-confirm').click();
    await admin.getByText('Key “Shop sync” revoked').waitFor();
    await row.getByText('Revoked').waitFor();
    expect(await row.getByTestId('api-key-revoke').count()).toBe(0);
    expect(await customersWith(key)).toBe(401);
    await shot(admin, 'api-keys-02-revoked');
  });
});
