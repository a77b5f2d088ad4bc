import type { Browser, Page, Response } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the stub is a tools application; the e2e runs it in-process as its README shows
import { startVendorStub, type VendorStubHandle } from '@mini-crm/vendor-stub';
import type { CampaignStatsDto } from '@mini-crm/contracts';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken, importCustomersCsv } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

const SECRET = 'e2e-charts-secret';
const ADMIN = 'cora@example.com';
/** ECharts' own code names its renderer; nothing else in the console does. */
const ECHARTS_MARK = 'zrender';

/** Every script the page loads, with its text, as they arrive. */
function scriptsOf(page: Page): Array<Promise<{ url: string; text: string }>> {
  const scripts: Array<Promise<{ url: string; text: string }>> = [];
  page.on('response', (r: Response) => {
    if (r.request().resourceType() === 'script') scripts.push(r.text().then((text) => ({ url: r.url(), text })));
  });
  return scripts;
}

const withCharts = async (scripts: Array<Promise<{ url: string; text: string }>>) =>
  (await Promise.all(scripts)).filter((s) => s.text.includes(ECHARTS_MARK)).map((s) => s.url);

/** ECharts is fetched when a chart is shown, not with the console or the campaign page. */
describe('charts load lazily in Chromium', () => {
  let stub: VendorStubHandle;
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;
  let draftId: string;
  let sentId: string;

  beforeAll(async () => {
    stub = await startVendorStub({ port: 0, receiptDelayMs: 50, secret: SECRET, failRate: 0 });
    run = await startConsoleUnderTest({ VENDOR_URL: stub.url, VENDOR_WEBHOOK_SECRET: SECRET });
    ({ server, browser } = run);
    stub.configure({ receiptUrl: `${server.url}/api/delivery/receipts` });
    const token = await devLoginToken(server, ADMIN, 'Cora Admin');
    await importCustomersCsv(
      server,
      token,
      'email,phone,city\nq1@example.com,+919811100001,Agra\nq2@example.com,+919811100002,Agra\n',
    );
    const segment = await api<{ id: string }>(server, token, 'POST', '/segment-rules', {
      name: 'Agra',
      rules: { op: 'and', rules: [{ field: 'city', operator: 'eq', value: 'Agra' }] },
    });
    const body = { segmentId: segment.id, channel: 'sms', message: 'Hello {{first_name|friend}}' };
    draftId = (await api<{ id: string }>(server, token, 'POST', '/campaigns', { ...body, name: 'Still a draft' })).id;
    sentId = (await api<{ id: string }>(server, token, 'POST', '/campaigns', { ...body, name: 'Already sent' })).id;
    await api(server, token, 'POST', `/campaigns/${sentId}/launch`, {});
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = await api<CampaignStatsDto>(server, token, 'GET', `/campaigns/${sentId}/stats`);
      if (s.status === 'completed' && s.delivered === 2) break;
      if (Date.now() > deadline) throw new Error(`campaign not delivered: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    await run?.close();
    await stub?.close();
  });

  it('a campaign page without a chart never downloads ECharts; the first chart does', async () => {
    const page = await newPage(browser, server.url);
    const scripts = scriptsOf(page);
    await devSignIn(page, ADMIN);
    await page.goto(`/campaigns/${draftId}`);
    await page.locator('[data-testid="campaign-status"][data-status="draft"]').waitFor();
    await page.getByTestId('nav-campaigns').click();
    await page.locator('[data-testid="campaign-row"][data-name="Already sent"]').waitFor();
    expect(await withCharts(scripts)).toEqual([]);
    expect(scripts.length).toBeGreaterThan(0);

    // The sent campaign's timeline is a chart: now ECharts arrives.
    await page.locator('[data-testid="campaign-row"][data-name="Already sent"]').click();
    await page.locator('[data-testid="campaign-timeline-chart"] canvas').first().waitFor();
    expect((await withCharts(scripts)).length).toBeGreaterThan(0);
    await page.waitForTimeout(600); // the chart's entry animation
    await shot(page, 'charts-lazy-01-campaign-timeline');
  });
});
