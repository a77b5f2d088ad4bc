import type { Browser } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

/**
 * `/api/docs` opened on another name for the host than PUBLIC_URL (here `localhost` where the server
 * says 127.0.0.1): "Try it out" calls the host the page was opened on, and gets an answer.
 */
describe('API docs "Try it out" in Chromium', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
  });
  afterAll(async () => run?.close());

  it('executes GET /api/health against the host the page was opened on', async () => {
    const other = server.url.replace('127.0.0.1', 'localhost');
    expect(other).not.toBe(server.url);
    const page = await newPage(browser, other);
    const calls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/health') calls.push(r.url());
    });
    await page.goto('/api/docs');
    // The servers list starts with this page's origin, then PUBLIC_URL.
    const servers = page.locator('.servers select');
    await servers.waitFor();
    expect(await servers.inputValue()).toBe(other);
    expect(await servers.locator('option').allTextContents()).toEqual([
      expect.stringContaining(other),
      expect.stringContaining(server.url),
    ]);

    const op = page.locator('.opblock', { has: page.locator('.opblock-summary-path[data-path="/api/health"]') });
    await op.locator('.opblock-summary').click();
    await op.locator('.try-out__btn').click();
    await op.locator('.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status');
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('200');
    expect(await op.locator('.request-url pre').textContent()).toBe(`${other}/api/health`);
    expect(calls).toEqual([`${other}/api/health`]);
    await shot(page, 'api-docs-01-try-it-out');
  });
});
