import type { Browser, Page } from 'playwright-core';
import type {
  AnalyticsOverviewDto,
  CampaignDto,
  CampaignStatsDto,
  MessagePageDto,
  SegmentDto,
} from '@mini-crm/contracts';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken, importCustomersCsv, waitForState } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';

const SECRET = 'e2e-analytics-secret';
const ADMIN = 'nina@example.com';
const TARGET = 'https://shop.example.com/spring?utm_source=sms';
const CUSTOMERS = 10;
const CLICKERS = 3;
/** What a person's phone browser sends: tracked hits from it count as human. */
const BROWSER_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
/**
 * Hits this soon after delivery are labelled machine (link scanners). The server under test gets a short
 * window (TRACKING_MACHINE_WINDOW_SECONDS) so the test's clicks, made after it, are human.
 */
const MACHINE_WINDOW_SECONDS = 1;

function customersCsv(): string {
  const rows = ['first_name,last_name,email,phone,city'];
  for (let i = 0; i < CUSTOMERS; i++)
    rows.push(`Person${i},Link${i},link${i}@example.com,+35191777${String(1000 + i)},Lisbon`);
  return rows.join('\n') + '\n';
}

async function dataValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).first().getAttribute('data-value'));
}

describe('analytics in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;
  let token: string;

  beforeAll(async () => {
    run = await startConsoleWithVendor(
      SECRET,
      { failRate: 0, openRate: 0, clickRate: 0 },
      { TRACKING_MACHINE_WINDOW_SECONDS: String(MACHINE_WINDOW_SECONDS) },
    );
    ({ server, browser } = run);
    token = await devLoginToken(server, ADMIN, 'Nina Analyst');
    expect((await importCustomersCsv(server, token, customersCsv())).inserted).toBe(CUSTOMERS);
  });
  afterAll(async () => {
    await run?.close();
  });

  it('follows tracked links, then shows the clicks on the Analytics, campaigns, campaign and customer pages', async () => {
    // An SMS campaign with one link, to everyone in Lisbon.
    const segment = await api<SegmentDto>(server, token, 'POST', '/segment-rules', {
      name: 'Lisbon link test',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Lisbon' }] },
    });
    const campaign = await api<CampaignDto>(server, token, 'POST', '/campaigns', {
      name: 'Spring link',
      segmentId: segment.id,
      channel: 'sms',
      message: `Hi {{first_name|there}}, the spring sale is on: ${TARGET}`,
    });
    await api(server, token, 'POST', `/campaigns/${campaign.id}/launch`, {});
    await waitForState(
      () => api<CampaignStatsDto>(server, token, 'GET', `/campaigns/${campaign.id}/stats`),
      (s) => s.status === 'completed' && s.delivered === CUSTOMERS,
      90_000,
    );

    // Every message carries its own tracked short link instead of the target.
    const messages = await api<MessagePageDto>(server, token, 'GET', `/campaigns/${campaign.id}/messages?limit=100`);
    expect(messages.items).toHaveLength(CUSTOMERS);
    const tracked = messages.items.map((m) => {
      const urls = (m.renderedText ?? '').match(/https?:\/\/\S+\/r\/[A-Za-z0-9_-]+/g) ?? [];
      expect(urls).toHaveLength(1);
      const url = urls[0] ?? '';
      expect(url.startsWith(`${server.url}/r/`)).toBe(true);
      expect(m.renderedText).not.toContain(TARGET);
      return { customerId: m.customerId, url, deliveredAt: Date.parse(m.deliveredAt ?? '') };
    });
    expect(new Set(tracked.map((t) => t.url)).size).toBe(CUSTOMERS);

    // A forged code is 404 and counts nothing.
    const forged = await fetch(`${server.url}/r/AAAAAAAAAAAAAAAAAAAAAA`, { redirect: 'manual' });
    expect(forged.status).toBe(404);

    // Three people tap their link in a browser, after the scanner window has passed since delivery.
    const lastDelivery = Math.max(...tracked.map((t) => t.deliveredAt));
    await waitForState(
      async () => Date.now(),
      (now) => now > lastDelivery + MACHINE_WINDOW_SECONDS * 1000 + 250,
    );
    const clickers = tracked.slice(0, CLICKERS);
    for (const c of clickers) {
      const res = await fetch(c.url, {
        redirect: 'manual',
        headers: { 'user-agent': BROWSER_UA, accept: 'text/html,application/xhtml+xml' },
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(TARGET);
    }
    const stats = await waitForState(
      () => api<CampaignStatsDto>(server, token, 'GET', `/campaigns/${campaign.id}/stats`),
      (s) => s.clicked === CLICKERS,
    );
    expect(stats.machineClicks).toBe(0);

    // Analytics page: KPIs equal the API's numbers for the same period, and the charts are drawn.
    const page = await newPage(browser, server.url);
    await devSignIn(page, ADMIN);
    const overviewResponse = page.waitForResponse((r) => r.url().includes('/api/analytics/overview') && r.ok());
    await page.getByTestId('nav-analytics').click();
    await page.waitForURL(/\/analytics$/);
    const overviewUrl = new URL((await overviewResponse).url());
    const overview = await api<AnalyticsOverviewDto>(server, token, 'GET', `/analytics/overview${overviewUrl.search}`);
    expect(overview.current.sent).toBe(CUSTOMERS);
    expect(overview.current.clicked).toBe(CLICKERS);
    await page.getByTestId('kpi-sent').waitFor();
    expect(await dataValue(page, 'kpi-sent')).toBe(overview.current.sent);
    expect(await dataValue(page, 'kpi-deliveryRate')).toBeCloseTo(overview.current.deliveryRate ?? NaN, 6);
    expect(await dataValue(page, 'kpi-clickRate')).toBeCloseTo(CLICKERS / CUSTOMERS, 6);
    expect(await dataValue(page, 'kpi-conversions')).toBe(overview.current.conversions);
    expect(await page.getByTestId('kpi-clickRate').textContent()).toContain('30%');
    await page.locator('[data-testid="overview-chart"] canvas').first().waitFor();
    await page.locator('[data-testid="channel-chart"] canvas').first().waitFor();
    const topRow = page.locator('[data-testid="top-campaign-row"][data-name="Spring link"]');
    await topRow.waitFor();
    expect(await topRow.textContent()).toContain('30%');
    await page.locator('[data-testid="segment-performance-row"][data-name="Lisbon link test"]').waitFor();
    await page.waitForTimeout(600); // chart animation
    await shot(page, 'analytics-01-analytics-page');

    // Campaigns list: rates per campaign.
    await page.getByTestId('nav-campaigns').click();
    const row = page.locator('[data-testid="campaign-row"][data-name="Spring link"]');
    await row.locator('[data-testid="row-click-rate"]', { hasText: '30%' }).waitFor();
    expect(await row.locator('[data-testid="row-delivery-rate"]').textContent()).toContain('100%');
    await shot(page, 'analytics-02-campaigns-list');

    // Campaign page: timeline chart, links table, clickers segment, recipients filter.
    await row.locator('a').first().click();
    await page.waitForURL(new RegExp(`/campaigns/${campaign.id}$`));
    await page.locator('[data-testid="campaign-timeline-chart"] canvas').first().waitFor();
    const link = page.locator('[data-testid="link-row"]', { hasText: 'shop.example.com' });
    await link.waitFor();
    expect((await link.getByTestId('link-clicks').textContent())?.trim()).toBe(String(CLICKERS));
    expect((await link.getByTestId('link-unique').textContent())?.trim()).toBe(String(CLICKERS));
    expect((await link.getByTestId('link-machine').textContent())?.trim()).toBe('0');
    await link.getByTestId('link-create-segment').click();
    const made = page.getByTestId('link-segment-result');
    await made.waitFor();
    expect(await made.getAttribute('data-size')).toBe(String(CLICKERS));
    const segmentHref = await made.getAttribute('href');
    const clickersSegment = await api<SegmentDto>(
      server,
      token,
      'GET',
      `/segment-rules/${segmentHref?.split('/').pop()}`,
    );
    expect(clickersSegment.size).toBe(CLICKERS);

    await page.getByTestId('message-filter-clicked').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="message-row"]').length === n, CLICKERS);
    await page.waitForTimeout(600);
    await shot(page, 'analytics-03-campaign-page');

    // Customer page: the clicker's engagement timeline.
    await page.goto(`/customers/${clickers[0].customerId}`);
    const item = page.locator('[data-testid="engagement-item"][data-campaign="Spring link"]');
    await item.waitFor();
    expect(await item.getAttribute('data-summary')).toBe('Clicked');
    expect(await item.getByTestId('engagement-clicked').getAttribute('data-done')).toBe('true');
    await shot(page, 'analytics-04-customer-page');
  });
});
