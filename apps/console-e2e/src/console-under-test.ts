import type { Browser } from 'playwright-core';
import { BuiltServer, startBuiltServer } from '@mini-crm/testing/e2e';
import { launchBrowser } from './browser';

export interface ConsoleUnderTest {
  server: BuiltServer;
  browser: Browser;
  close(): Promise<void>;
}

/** The production server (serving the built console) and a Chromium to drive it. */
export async function startConsoleUnderTest(env: Record<string, string> = {}): Promise<ConsoleUnderTest> {
  // CONSOLE_DIR lets a local run use a private console build while others rebuild dist/.
  const consoleDir = process.env['CONSOLE_DIR'];
  const server = await startBuiltServer({ ...(consoleDir ? { CONSOLE_DIR: consoleDir } : {}), ...env });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
