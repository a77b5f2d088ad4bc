import type { Browser } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import type { VendorStubHandle } from '@mini-crm/vendor-stub';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken, importCustomersCsv } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';
import { settle, statValue, visibleNext } from './campaign-fixtures';

const SECRET = 'e2e-email-secret';
const ADMIN = 'irene@example.com';

/** The walkthrough's email campaign: one reachable person and one who left email, counted in the singular. */
describe('email campaign in Chromium', () => {
  let stub: VendorStubHandle;
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;

  beforeAll(async () => {
    run = await startConsoleWithVendor(SECRET, { failRate: 0 });
    ({ server, browser, stub } = run);
    const token = await devLoginToken(server, ADMIN, 'Irene Marketer');
    const job = await importCustomersCsv(
      server,
      token,
      'first_name,last_name,email,city,email_status\n' +
        'Leela,Naik,leela@example.com,Goa,subscribed\n' +
        'Omar,Shaikh,omar@example.com,Goa,unsubscribed\n' +
        'Tenzin,Dorje,tenzin@example.com,Gangtok,subscribed\n',
    );
    expect(job.inserted).toBe(3);
    await api(server, token, 'POST', '/segment-rules', {
      name: 'Goa people',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Goa' }] },
    });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('writes an email with a subject and tokens, launches it and watches it arrive', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Monsoon mail');
    await page.getByTestId('channel-email').click();
    await visibleNext(page).click();

    await page.locator('[data-testid="segment-option"][data-name="Goa people"]').click();
    const reach = page.locator('[data-testid="audience-reach"][data-audience="1"]:visible');
    await reach.waitFor();
    expect((await reach.textContent())?.replace(/\s+/g, ' ')).toMatch(/1 can receive it by email · 1 can’t/);
    await visibleNext(page).click();

    await page.getByTestId('subject-input').fill('{{first_name|Friend}}, the monsoon sale');
    await page.getByTestId('message-editor').fill('<p>Hi {{first_name|there}}, umbrellas are 20% off in {{city}}.</p>');
    // The email body is previewed inside the sample's sandboxed frame.
    const sample = page.getByTestId('preview-sample').first();
    await sample.frameLocator('[data-testid="preview-frame"]').getByText('umbrellas are 20% off in Goa').waitFor();
    expect(await sample.getAttribute('data-customer')).toContain('Leela');
    expect((await sample.locator('.subject').textContent())?.trim()).toBe('Leela, the monsoon sale');
    // One person: the singular, on both counts.
    expect((await page.getByTestId('preview-audience').textContent())?.trim()).toBe('1 recipient · 1 suppressed');
    await settle(page);
    await shot(page, 'email-campaign-01-compose');
    await visibleNext(page).click();

    await page.getByTestId('send-now').click();
    await visibleNext(page).click();
    await page.getByTestId('campaign-review').waitFor();
    expect((await page.getByTestId('review-audience').textContent())?.replace(/\s+/g, ' ')).toMatch(
      /^\s*1 recipient ·/,
    );
    await page.getByTestId('campaign-launch').click();
    const title = page.getByTestId('launch-confirm-title');
    await title.waitFor();
    expect((await title.textContent())?.trim()).toBe('Send 1 email to Goa people now?');
    expect((await page.getByTestId('launch-confirm-audience').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      '1 recipient',
    );
    await settle(page);
    await shot(page, 'email-campaign-02-launch-confirm');
    await page.getByTestId('launch-confirm-ok').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

    await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="stat-delivered"][data-value="1"]').waitFor({ timeout: 30_000 });
    expect(await statValue(page, 'audience')).toBe(1);
    expect(await statValue(page, 'suppressed')).toBe(1);
    const text = page.getByTestId('message-text').first();
    await text.waitFor();
    expect(await text.textContent()).toContain('Hi Leela, umbrellas are 20% off in Goa.');
    await settle(page);
    await shot(page, 'email-campaign-03-delivered');
    expect(stub.stats()).toMatchObject({ sends: 1, duplicates: 0 });
    expect(stub.stats().byChannel.email.accepted).toBe(1);
  });
});
