import type { Browser } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import type { VendorStubHandle } from '@mini-crm/vendor-stub';
import { newPage, devSignIn, shot } from './browser';
import { api } from './api-client';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';
import {
  CAMPAIGNS_ADMIN as ADMIN,
  CAMPAIGNS_SECRET as SECRET,
  seedCampaignWorkspace as seed,
  settle,
  statValue,
  visibleNext,
} from './campaign-fixtures';

describe('campaigns in Chromium', () => {
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
    // Launch asks first, with the real numbers
    await page.getByTestId('campaign-launch').click();
    const title = page.getByTestId('launch-confirm-title');
    await title.waitFor();
    expect((await title.textContent())?.trim()).toBe('Send 24 SMS to Lisbon locals now?');
    expect(await page.getByTestId('launch-confirm-audience').getAttribute('data-value')).toBe('24');
    expect(await page.getByTestId('launch-confirm-suppressed').getAttribute('data-value')).toBe('2');
    expect(await page.getByTestId('launch-confirm-segments').getAttribute('data-value')).toBe('24');
    await settle(page);
    await shot(page, 'campaigns-07b-launch-confirm');
    await page.getByTestId('launch-confirm-ok').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

    // live page: runs to completion, numbers reconcile
    await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    // Receipts arrive after the last send (often after the end of a campaign this small). If none is shown,
    // say what the page, the API and the vendor knew: a lost receipt is told from a page that stopped updating.
    await page
      .waitForFunction(
        () => Number(document.querySelector('[data-testid="stat-delivered"]')?.getAttribute('data-value')) > 0,
        undefined,
        { timeout: 30_000 },
      )
      .catch(async (e: Error) => {
        const shown = Object.fromEntries(
          await Promise.all(
            ['sent', 'failed', 'delivered', 'queued'].map(async (k) => [k, await statValue(page, k)] as const),
          ),
        );
        const api = await page.evaluate(async () => {
          const token = JSON.parse(localStorage.getItem('mini-crm.console.auth') ?? '{}').accessToken;
          const id = location.pathname.split('/').pop();
          const res = await fetch(`/api/campaigns/${id}/stats`, { headers: { authorization: `Bearer ${token}` } });
          return res.json();
        });
        throw new Error(
          `${e.message}\npage: ${JSON.stringify(shown)}\napi: ${JSON.stringify(api)}\nvendor: ${JSON.stringify(stub.stats())}`,
        );
      });
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

    // Every cell fills its row (a cell laid out as flex would not, and its border would sit apart).
    const ragged = await page
      .locator('[data-testid="message-row"]')
      .first()
      .evaluate((row) => {
        const bottom = row.getBoundingClientRect().bottom;
        return Array.from(row.querySelectorAll('td')).filter(
          (td) => Math.abs(td.getBoundingClientRect().bottom - bottom) > 1,
        ).length;
      });
    expect(ragged).toBe(0);

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
    const segments = await api<{ items: Array<{ id: string; name: string }> }>(server, token, 'GET', '/segment-rules');
    const segmentId = segments.items.find((x) => x.name === 'Lisbon locals')!.id;

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
      // the live stats stream opens with a single-use ticket, never with a token in the URL
      const streams: Array<{ url: string; status: number }> = [];
      page.on('response', (r) => {
        if (r.url().includes('/stats/stream')) streams.push({ url: r.url(), status: r.status() });
      });
      await page.getByTestId('campaign-launch').click();
      await page.getByTestId('launch-confirm-ok').click();
      await page.getByTestId('campaign-pause').click();
      await page.locator('[data-testid="campaign-status"][data-status="paused"]').waitFor();
      await page.getByTestId('campaign-resume').waitFor();
      expect(await page.getByTestId('campaign-pause').count()).toBe(0);
      await shot(page, 'campaigns-11-paused');
      stub.configure({ latencyMs: 0 });
      await page.getByTestId('campaign-resume').click();
      await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
      expect(streams.length).toBeGreaterThan(0);
      expect(streams[0]).toEqual({ url: expect.stringMatching(/\/stats\/stream\?ticket=[\w-]{43}$/), status: 200 });
      expect(streams.filter((s) => !/\?ticket=[\w-]{43}$/.test(s.url))).toEqual([]);
      expect((await statValue(page, 'sent')) + (await statValue(page, 'failed'))).toBe(
        await statValue(page, 'audience'),
      );
      // The batch the vendor still held at the pause was not sent again by resume's jobs.
      expect(stub.stats().duplicates).toBe(0);
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

  it('duplicates a campaign and retries only its temporarily failed recipients', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    const token = await page.evaluate(
      () =>
        JSON.parse(Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}').accessToken as string,
    );
    const segments = await api<{ items: Array<{ id: string; name: string }> }>(server, token, 'GET', '/segment-rules');
    const segmentId = segments.items.find((x) => x.name === 'Lisbon locals')!.id;

    // Many failures: the stub rejects some for good and fails others for a temporary reason.
    stub.configure({ failRate: 0.6 });
    let originalId: string;
    try {
      const original = await api<{ id: string }>(server, token, 'POST', '/campaigns', {
        name: 'Flaky night',
        segmentId,
        channel: 'sms',
        message: 'Night offer for {{first_name|you}}',
      });
      originalId = original.id;
      await api(server, token, 'POST', `/campaigns/${originalId}/launch`, {});
      await page.goto(`/campaigns/${originalId}`);
      await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    } finally {
      stub.configure({ failRate: 0.1 });
    }
    type Msg = { customerId: string; status: string; failureReason: string | null };
    const all = await api<{ items: Msg[] }>(server, token, 'GET', `/campaigns/${originalId}/messages?limit=100`);
    const temporary = all.items.filter(
      (m) => m.status === 'failed' && ['carrier_timeout', 'unreachable_handset'].includes(m.failureReason ?? ''),
    );
    expect(temporary.length).toBeGreaterThan(0);

    await page.getByTestId('campaign-retry-failed').waitFor();
    await settle(page);
    await shot(page, 'campaigns-19-failed-with-retry');
    await page.getByTestId('campaign-retry-failed').click();
    // The original's name arrives with its own request: wait for it.
    await page.getByTestId('campaign-retry-of').filter({ hasText: 'Retry of Flaky night' }).waitFor();
    const retryId = /\/campaigns\/([0-9a-f-]{36})$/.exec(page.url())![1];
    expect(retryId).not.toBe(originalId);

    await page.getByTestId('campaign-launch').click();
    const title = page.getByTestId('launch-confirm-title');
    await title.waitFor();
    expect((await title.textContent())?.trim()).toBe(`Send ${temporary.length} SMS to the failed recipients now?`);
    await settle(page);
    await shot(page, 'campaigns-20-retry-confirm');
    await page.getByTestId('launch-confirm-ok').click();
    await page.locator('[data-testid="campaign-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    expect(await statValue(page, 'audience')).toBe(temporary.length);
    const resent = await api<{ items: Msg[] }>(server, token, 'GET', `/campaigns/${retryId}/messages?limit=100`);
    expect(resent.items.map((m) => m.customerId).sort()).toEqual(temporary.map((m) => m.customerId).sort());

    // Duplicate: a new draft with the same content, opened in the wizard.
    await page.goto(`/campaigns/${originalId}`);
    await page.getByTestId('campaign-duplicate').click();
    await page.waitForURL(/\/campaigns\/new\?.*draft=/);
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-testid="campaign-name"]')?.value === 'Copy of Flaky night',
    );
    expect(await page.getByTestId('message-editor').inputValue()).toBe('Night offer for {{first_name|you}}');
    await settle(page);
    await shot(page, 'campaigns-21-duplicate-in-wizard');
    expect(stub.stats().duplicates).toBe(0); // the retry re-sent nothing under an old key
  });
});
