import type { Browser } from 'playwright-core';
import { newPage, devSignIn, shot } from './browser';
import { api } from './api-client';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';
import {
  CAMPAIGNS_ADMIN as ADMIN,
  CAMPAIGNS_SECRET as SECRET,
  seedCampaignWorkspace as seed,
  settle,
  visibleNext,
} from './campaign-fixtures';

describe('campaign wizard drafts in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;

  beforeAll(async () => {
    run = await startConsoleWithVendor(SECRET);
    ({ server, browser } = run);
    await seed(server);
  });
  afterAll(async () => {
    await run?.close();
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

  it('moves on when Next comes in the same moment as the choice that made the step valid', async () => {
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-name').fill('Quick hands');
    await visibleNext(page).click();
    const option = page.locator('[data-testid="segment-option"][data-name="Lisbon locals"]');
    await option.waitFor();
    // Both clicks in one task: no change detection runs between them (zoneless), so the step's
    // [completed] binding still says "not done" when Next asks the stepper to move.
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-testid="segment-option"][data-name="Lisbon locals"]')?.click();
      // The audience step's Next (the second step's).
      document.querySelectorAll<HTMLElement>('[data-testid="wizard-next"]')[1].click();
    });
    await page.getByTestId('message-editor').waitFor({ state: 'visible' });
    await page.waitForURL(/step=2/);
  });
});
