import type { Browser } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';
import { api, devLoginToken } from './api-client';

describe('consent history, data export and erasure on the customer page in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
  });
  afterAll(async () => run?.close());

  it('shows who changed consent, exports the person as JSON, and erases them behind a typed confirmation', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, 'ada@example.com', 'Ada Admin');
    const token = await devLoginToken(server, 'ada@example.com');
    const c = await api<{ id: string }>(server, token, 'POST', '/customers', {
      email: 'meera@shop.example',
      firstName: 'Meera',
      lastName: 'Iyer',
    });
    await api(server, token, 'POST', `/customers/${c.id}/consent`, {
      channel: 'email',
      status: 'unsubscribed',
      source: 'admin',
    });

    await page.goto(`/customers/${c.id}`);
    const history = page.getByTestId('consent-history');
    await history.waitFor();
    await page.locator('[data-testid="consent-history-status"]', { hasText: 'Unsubscribed' }).waitFor();
    const statuses = await page.getByTestId('consent-history-status').allTextContents();
    expect(statuses.map((s) => s.trim())).toContain('Unsubscribed');
    await shot(page, 'privacy-01-consent-history');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customer-export').click()]);
    expect(download.suggestedFilename()).toBe(`customer-${c.id}.json`);
    const exported = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        void download.createReadStream().then((stream) => {
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          stream.on('end', () => resolve(text));
          stream.on('error', reject);
        });
      }),
    );
    expect(JSON.stringify(exported)).toContain('meera@shop.example');

    await page.getByTestId('customer-erase').click();
    const confirm = page.getByTestId('customer-erase-confirm');
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('confirm-typed').fill('ERASE');
    await shot(page, 'privacy-02-erase-confirm');
    await confirm.click();
    await page.getByText('Personal data erased').waitFor();
    await page.getByText('meera@shop.example').waitFor({ state: 'detached' });
    await shot(page, 'privacy-03-erased');

    // the person left email before erasure: that channel stays suppressed
    const suppressions = await api<{ items: { channel: string; reason: string }[] }>(
      server,
      token,
      'GET',
      '/suppressions',
    );
    expect(suppressions.items.map((s) => s.channel)).toContain('email');
  });
});
