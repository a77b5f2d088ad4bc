import type { Page } from 'playwright-core';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';
import { devLoginToken, importCustomersCsv } from './api-client';

const CUSTOMERS = 1200; // 24 keyset pages of 50
const ROW_BOUND = 40; // rows in the DOM at any time, whatever the list's length

interface Step {
  rows: string[];
  loaded: number;
  atBottom: boolean;
  more: boolean;
}

/** Scrolls the list's viewport down by `px`, waits two frames for the virtual rows to settle, reports. */
const scrollStep = (page: Page, px: number) =>
  page.evaluate(
    (px) =>
      new Promise<Step>((resolve) => {
        const viewport = document.querySelector('[data-testid="customers-viewport"]') as HTMLElement;
        viewport.scrollTop += px;
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve({
              rows: Array.from(document.querySelectorAll('[data-testid="customer-row"]')).map(
                (r) => r.getAttribute('data-email') ?? '',
              ),
              loaded: Number(viewport.getAttribute('data-loaded')),
              atBottom: viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 2,
              more: !!document.querySelector('[data-testid="customers-load-more"]'),
            }),
          ),
        );
      }),
    px,
  );

describe('customer list with many customers (virtual scrolling)', () => {
  let run: ConsoleUnderTest | undefined;
  let page: Page;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    page = await newPage(run.browser, run.server.url);
    await devSignIn(page, 'vera@example.com', 'Vera Virtual');
    const token = await devLoginToken(run.server, 'vera@example.com');
    const lines = ['email,first_name,last_name,city'];
    for (let i = 0; i < CUSTOMERS; i++) lines.push(`c${String(i).padStart(4, '0')}@scroll.example,C${i},Scroller,Pune`);
    const job = await importCustomersCsv(run.server, token, lines.join('\n'));
    expect(job.inserted).toBe(CUSTOMERS);
  });
  afterAll(async () => run?.close());

  it('keeps a bounded number of rows in the DOM while scrolling to the end, loading every page on the way', async () => {
    await page.goto('/customers');
    await page.locator('[data-testid="customer-row"]').first().waitFor();
    const seen = new Set<string>();
    let maxRows = 0;
    let last: Step | undefined;
    const deadline = Date.now() + 150_000; // a hang guard only: on a loaded 2-core CI the walk has taken over 90 s
    // Scroll until every customer is loaded and the viewport rests at its bottom; pages arrive while scrolling.
    while (!(last && last.loaded === CUSTOMERS && last.atBottom && !last.more)) {
      if (Date.now() > deadline) throw new Error(`did not reach the end: ${JSON.stringify({ ...last, rows: [] })}`);
      // Half a viewport per step: a row created without its bindings yet is read again on the next step.
      last = await scrollStep(page, 350);
      maxRows = Math.max(maxRows, last.rows.length);
      // a row the table has just created may not have its bindings yet: count the ones that do
      last.rows.filter(Boolean).forEach((e) => seen.add(e));
      if (last.rows.length > ROW_BOUND) break;
    }
    await shot(page, 'customers-scroll-01-end');
    expect(maxRows).toBeGreaterThan(5);
    expect(maxRows).toBeLessThanOrEqual(ROW_BOUND);
    // every customer passed through the viewport once: keyset pages joined without gaps or repeats
    expect(seen.size).toBe(CUSTOMERS);
    expect(last?.loaded).toBe(CUSTOMERS);
    expect(await page.getByTestId('customers-count').innerText()).toBe(`${CUSTOMERS} customers`);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(2500);
  });
});
