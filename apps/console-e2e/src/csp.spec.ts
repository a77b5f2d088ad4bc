import type { Browser, Page } from 'playwright-core';
import type { BuiltServer } from '@mini-crm/testing/e2e';
import { devSignIn, newPage, shot } from './browser';
import { ConsoleUnderTest, startConsoleUnderTest } from './console-under-test';

/** Every page of the console runs under the production Content-Security-Policy with no violation. */
describe('console under its Content-Security-Policy', () => {
  let server: BuiltServer;
  let browser: Browser;
  let run: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    run = await startConsoleUnderTest();
    ({ server, browser } = run);
  });
  afterAll(async () => run?.close());

  /** Violations the page reports (the DOM event) and the ones Chromium logs to the console. */
  const watchViolations = async (page: Page): Promise<string[]> => {
    const seen: string[] = [];
    await page.context().exposeFunction('reportCspViolation', (v: string) => seen.push(v));
    await page.context().addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        ),
      );
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
    });
    return seen;
  };

  it('serves a strict policy: no inline or eval script, no framing, a referrer policy', async () => {
    const res = await fetch(`${server.url}/customers`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).toMatch(/^script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directive('script-src')).not.toMatch(/unsafe-inline/);
    expect(directive('script-src-attr')).toBe("script-src-attr 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // the built index.html carries no inline script or inline event handler
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('walks the main pages as an admin without a single violation', async () => {
    const page = await newPage(browser, server.url);
    const violations = await watchViolations(page);
    await page.goto('/login');
    await page.getByTestId('login-email').waitFor();
    await devSignIn(page, 'csp-admin@example.com', 'Csp Admin');
    await page.getByTestId('nav-customers').waitFor();
    const pages = [
      '/customers',
      '/imports',
      '/imports/new',
      '/segments',
      '/segments/new',
      '/campaigns',
      '/campaigns/new',
      '/analytics',
      '/admin/users',
      '/admin/audit',
      '/admin/settings',
    ];
    for (const path of pages) {
      await page.goto(path);
      await page.getByTestId('nav-customers').waitFor();
      // every stylesheet and font the page asked for has loaded (a blocked one would be reported)
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      expect({ path, violations }).toEqual({ path, violations: [] });
    }
    await shot(page, 'csp-01-settings-under-policy');

    // the policy really binds this page: an injected inline script is blocked and reported
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.head.appendChild(s);
        }),
    );
    expect(blocked).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  });
});
