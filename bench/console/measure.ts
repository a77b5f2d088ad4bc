import type { Browser, BrowserContext, Response } from 'playwright-core';

declare global {
  interface Window {
    /** When the first customer row appeared (performance.now()), set by the page's init script. */
    __firstRowAt?: number;
  }
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const ROW = '[data-testid="customer-row"]';
const FIRST_ROW_MESSAGE = 'bench:console first customer row';

/** A signed-in browser context with an empty HTTP cache (a cold load), same window size as the console e2e. */
export async function coldContext(browser: Browser, baseURL: string, storageState?: StorageState) {
  return browser.newContext({ baseURL, viewport: { width: 1366, height: 860 }, storageState });
}

/** Signs in through the dev form once; the session (localStorage) is reused by every measured context. */
export async function signedInState(browser: Browser, baseURL: string): Promise<StorageState> {
  const context = await coldContext(browser, baseURL);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-email').fill('bench@example.com');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const state = await context.storageState();
  await context.close();
  return state;
}

export interface FirstLoad {
  /** Each script: path, bytes on the wire, decoded bytes. */
  scriptList: { path: string; wire: number; decoded: number }[];
  /** Milliseconds from navigation start to the first customer row in the DOM. */
  firstRowMs: number;
  /** The `GET /api/customers` of that load: request start → response end, ms. */
  listApiMs: number;
  /** Main-thread time spent in tasks up to the first row (CDP Performance TaskDuration), and of it in script. */
  mainThreadMs: number;
  scriptMs: number;
  /** On the page's clock: DOMContentLoaded (the first bundle ran) and when the list request started. */
  domContentLoadedMs: number;
  listRequestAtMs: number;
  scripts: number;
  /** JavaScript bytes on the wire (as encoded) and decoded. */
  jsWireBytes: number;
  jsDecodedBytes: number;
  encodings: string[];
  /** Every byte of the load on the wire (HTML, JS, CSS, fonts, API). */
  allWireBytes: number;
}

/**
 * One cold load of /customers: a fresh context (empty HTTP cache), navigation, the first customer row.
 * A MutationObserver installed before any script runs stamps the row's arrival on the page's own clock
 * (`performance.now()`, 0 = navigation start). After the row, the load is allowed to go quiet and every
 * response is counted: JavaScript bytes as sent (Content-Encoding applied) and decoded.
 */
export async function coldLoad(
  browser: Browser,
  baseURL: string,
  state: StorageState,
  acceptEncoding?: string,
): Promise<FirstLoad> {
  const context = await coldContext(browser, baseURL, state);
  if (acceptEncoding) await context.setExtraHTTPHeaders({ 'accept-encoding': acceptEncoding });
  const page = await context.newPage();
  await page.addInitScript(
    ({ selector, message }) => {
      new MutationObserver((_, observer) => {
        if (window.__firstRowAt === undefined && document.querySelector(selector)) {
          window.__firstRowAt = performance.now();
          observer.disconnect();
          console.debug(message);
        }
      }).observe(document, { childList: true, subtree: true });
    },
    { selector: ROW, message: FIRST_ROW_MESSAGE },
  );
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // Waiting through the console, not waitForSelector: that would inject Playwright's script into the page while
  // it boots, and its evaluation (up to ≈ 200 ms on a busy machine) would delay the very row being timed.
  const firstRow = page.waitForEvent('console', { predicate: (m) => m.text() === FIRST_ROW_MESSAGE, timeout: 60_000 });
  await page.goto('/customers');
  await firstRow;
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => 1000 * (metrics.find((m) => m.name === name)?.value ?? NaN);
  await page.waitForLoadState('networkidle');
  const [firstRowMs, domContentLoadedMs, listRequestAtMs] = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const list = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/customers?'));
    return [window.__firstRowAt ?? NaN, nav.domContentLoadedEventEnd, list?.startTime ?? NaN];
  });

  let jsWireBytes = 0;
  let jsDecodedBytes = 0;
  let allWireBytes = 0;
  let scripts = 0;
  const scriptList: FirstLoad['scriptList'] = [];
  let listApiMs = NaN;
  const encodings = new Set<string>();
  for (const r of responses) {
    const sizes = await r.request().sizes();
    allWireBytes += sizes.responseBodySize;
    if (r.url().includes('/api/customers?') && Number.isNaN(listApiMs)) listApiMs = r.request().timing().responseEnd;
    if (r.request().resourceType() !== 'script') continue;
    scripts++;
    const decoded = (await r.body()).length;
    jsWireBytes += sizes.responseBodySize;
    jsDecodedBytes += decoded;
    scriptList.push({ path: new URL(r.url()).pathname, wire: sizes.responseBodySize, decoded });
    encodings.add((await r.headerValue('content-encoding')) ?? 'identity');
  }
  await context.close();
  return {
    scriptList,
    firstRowMs,
    mainThreadMs: metric('TaskDuration'),
    scriptMs: metric('ScriptDuration'),
    domContentLoadedMs,
    listRequestAtMs,
    listApiMs,
    scripts,
    jsWireBytes,
    jsDecodedBytes,
    encodings: [...encodings],
    allWireBytes,
  };
}

export interface ScrollRun {
  frames: number[];
  idleFrames: number[];
  rowsLoaded: number;
  maxRowsInDom: number;
  maxDomNodes: number;
  scrolledPx: number;
}

/**
 * Frame times while scrolling the customer list: first `idleFrames` animation frames untouched (the
 * machine's floor, same page, same moment), then `frames` frames each moving the list's scroll
 * viewport by `stepPx`, as a steady fling does. Every frame's interval (rAF timestamp deltas) is
 * recorded, and the rows and DOM nodes present are sampled.
 */
export async function scrollFrames(
  browser: Browser,
  baseURL: string,
  state: StorageState,
  frames: number,
  stepPx: number,
): Promise<ScrollRun> {
  const context = await coldContext(browser, baseURL, state);
  const page = await context.newPage();
  // tsx (esbuild, keepNames) wraps named functions in `__name(...)`: give the page that helper too
  await page.addInitScript('window.__name = (f) => f');
  await page.goto('/customers');
  await page.waitForSelector(ROW, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const run = await page.evaluate(
    ({ frames, stepPx, row }) =>
      new Promise<ScrollRun>((resolve) => {
        const viewport = document.querySelector('[data-testid="customers-viewport"]') as HTMLElement;
        const idle = 60;
        const stamps: number[] = [];
        let maxRowsInDom = 0;
        let maxDomNodes = 0;
        const tick = (t: number) => {
          stamps.push(t);
          const n = stamps.length;
          if (n > idle) viewport.scrollTop += stepPx;
          if (n % 10 === 0) {
            maxRowsInDom = Math.max(maxRowsInDom, document.querySelectorAll(row).length);
            maxDomNodes = Math.max(maxDomNodes, document.getElementsByTagName('*').length);
          }
          if (n < idle + frames + 1) requestAnimationFrame(tick);
          else {
            const deltas = stamps.slice(1).map((s, i) => s - stamps[i]);
            resolve({
              idleFrames: deltas.slice(0, idle - 1),
              frames: deltas.slice(idle),
              rowsLoaded: Number(viewport.getAttribute('data-loaded')),
              maxRowsInDom,
              maxDomNodes,
              scrolledPx: viewport.scrollTop,
            });
          }
        };
        requestAnimationFrame(tick);
      }),
    { frames, stepPx, row: ROW },
  );
  await context.close();
  return run;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
