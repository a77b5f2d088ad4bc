import type { Browser, Page, Response } from 'playwright-core';
import type { CampaignStatsDto } from '@mini-crm/contracts';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { api, devLoginToken, importCustomersCsv, waitForState } from './api-client';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleWithVendor, startConsoleWithVendor } from './console-with-vendor';

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
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleWithVendor | undefined;
  let draftId: string;
  let sentId: string;

  beforeAll(async () => {
    run = await startConsoleWithVendor(SECRET, { failRate: 0 });
    ({ server, browser } = run);
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
    await waitForState(
      () => api<CampaignStatsDto>(server, token, 'GET', `/campaigns/${sentId}/stats`),
      (s) => s.status === 'completed' && s.delivered === 2,
    );
  });
  afterAll(async () => {
    await run?.close();
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
