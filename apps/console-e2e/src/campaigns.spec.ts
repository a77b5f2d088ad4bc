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
  // Two customers without a phone: nobody here can receive an SMS.
  await api(server, accessToken, 'POST', '/segment-rules', {
    name: 'No phones',
    rules: { op: 'and', rules: [{ field: 'phone', operator: 'is_empty' }] },
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

  it('keeps the wizard work: audience checked before the last step, autosaved draft, Back and refresh, leaving asks', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    const token = await page.evaluate(
      () =>
        JSON.parse(Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}').accessToken as string,
    );
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Keeps work');
    await page.getByTestId('draft-status').getByText('Saved once it has a name and a segment').waitFor();
    await visibleNext(page).click();
    await page.waitForURL(/\/campaigns\/new\?step=1$/);

    // A segment nobody can receive by SMS is stopped here, with the reason, not at launch.
    await page.locator('[data-testid="segment-option"][data-name="No phones"]').click();
    const blocked = page.getByTestId('audience-unreachable');
    await blocked.waitFor();
    expect((await blocked.textContent())?.replace(/\s+/g, ' ')).toContain(
      'Nobody in “No phones” can receive by SMS: the segment matches 2 customers, but none is subscribed to SMS with a phone number.',
    );
    await visibleNext(page).click();
    await settle(page);
    expect(await blocked.isVisible()).toBe(true); // still on the audience step
    expect(page.url()).toMatch(/step=1/);
    await shot(page, 'campaigns-14-wizard-unreachable');

    // A reachable segment: the draft is created on the server and its id joins the URL.
    await page.locator('[data-testid="segment-option"][data-name="Lisbon locals"]').click();
    await page.locator('[data-testid="audience-reach"][data-audience="24"]').waitFor();
    await page.waitForURL(/draft=[0-9a-f-]{36}/);
    const draftId = /draft=([0-9a-f-]{36})/.exec(page.url())![1];
    const stored = await api<{ status: string; name: string; message: string }>(
      server,
      token,
      'GET',
      `/campaigns/${draftId}`,
    );
    expect(stored).toMatchObject({ status: 'draft', name: 'Keeps work', message: '' });
    await visibleNext(page).click();
    await page.waitForURL(/step=2/);

    // Typing is autosaved (debounced PATCH).
    const editor = page.getByTestId('message-editor');
    const text = 'Hello {{first_name|there}}, this survives a refresh';
    await editor.fill(text);
    await page.locator('[data-testid="draft-status"][data-state="saved"][data-dirty="false"]').waitFor();
    await page.waitForFunction(
      async ([id, t]) => {
        const key = Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}';
        const res = await fetch(`/api/campaigns/${id}`, {
          headers: { authorization: `Bearer ${JSON.parse(key).accessToken}` },
        });
        return (await res.json()).message === t;
      },
      [draftId, text] as const,
    );

    // Refresh: same step, same content.
    await page.reload();
    await page.waitForURL(new RegExp(`step=2.*draft=${draftId}|draft=${draftId}.*step=2`));
    await page.locator('[data-testid="message-editor"]:visible').waitFor();
    await page.waitForFunction((t) => {
      const el = document.querySelector<HTMLTextAreaElement>('[data-testid="message-editor"]');
      return el?.value === t;
    }, text);
    expect(await page.getByTestId('campaign-name').inputValue()).toBe('Keeps work');
    await settle(page);
    await shot(page, 'campaigns-15-wizard-after-refresh');

    // Browser Back: the audience step, with the segment still chosen; Forward: the message again.
    await page.goBack();
    await page.waitForURL(/step=1/);
    const lisbon = page.locator('[data-testid="segment-option"][data-name="Lisbon locals"]');
    await page.locator('[data-testid="audience-reach"][data-audience="24"]:visible').waitFor();
    expect(await lisbon.getAttribute('aria-checked')).toBe('true');
    await settle(page);
    await shot(page, 'campaigns-16-wizard-back');
    await page.goForward();
    await page.waitForURL(/step=2/);
    await page.locator('[data-testid="message-editor"]:visible').waitFor();

    // Schedule asks with the numbers too; backing out changes nothing.
    await visibleNext(page).click();
    await page.getByTestId('schedule-at').click();
    await page.getByTestId('schedule-timezone').waitFor();
    await visibleNext(page).click();
    await page.getByTestId('campaign-review').waitFor();
    await page.getByTestId('campaign-launch').click();
    const title = page.getByTestId('launch-confirm-title');
    await title.waitFor();
    expect((await title.textContent())?.trim()).toMatch(/^Schedule 24 SMS to Lisbon locals for .+\?$/);
    await settle(page);
    await shot(page, 'campaigns-17-schedule-confirm');
    await page.getByTestId('launch-confirm-cancel').click();
    await title.waitFor({ state: 'detached' });
    expect((await api<{ status: string }>(server, token, 'GET', `/campaigns/${draftId}`)).status).toBe('draft');

    // Leaving right after an edit saves it first (no question needed).
    await page.goBack(); // when
    await page.goBack(); // message
    await page.locator('[data-testid="message-editor"]:visible').waitFor();
    await editor.fill(`${text}!`);
    await page.getByTestId('nav-campaigns').click();
    await page.waitForURL(/\/campaigns$/);
    expect((await api<{ message: string }>(server, token, 'GET', `/campaigns/${draftId}`)).message).toBe(`${text}!`);

    // The draft reopens from its page.
    await page.goto(`/campaigns/${draftId}`);
    await page.getByTestId('campaign-edit').click();
    await page.waitForURL(new RegExp(`draft=${draftId}`));
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-testid="campaign-name"]')?.value === 'Keeps work',
    );

    // Work that cannot be saved yet (no segment): leaving asks, Stay keeps it.
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Not saved yet');
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('leave-confirm').waitFor();
    await settle(page);
    await shot(page, 'campaigns-18-leave-confirm');
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('leave-confirm').waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/campaigns/new');
    expect(await page.getByTestId('campaign-name').inputValue()).toBe('Not saved yet');

    // Closing the tab with it asks too (beforeunload).
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => resolve(d.type())));
    page.once('dialog', (d) => void d.accept());
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
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

    // Replays by earlier tests (pause/resume re-sends an in-flight batch under its same keys) are not this test's.
    const duplicatesBefore = stub.stats().duplicates;
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
    expect(stub.stats().duplicates).toBe(duplicatesBefore); // the retry re-sent nothing under an old key
  });
});
