/**
 * Where a cold load's time goes before the first customer row: one Chromium performance trace per load
 * (devtools.timeline), summarised as main-thread work by kind (script compile/evaluation, timers,
 * animation frames, style, layout, paint, …) up to the first row, plus the network milestones.
 * Needs the database a `npm run bench:console` left behind (crm_bench_console) and built bundles.
 *
 *   npx tsx --tsconfig bench/console/tsconfig.json bench/console/trace.ts
 *
 * Env: BENCH_LOADS (3), BENCH_TRACE_DIR (writes each load's trace JSON there, for chrome://tracing),
 * TEST_PG_ADMIN_URL, CHROMIUM_PATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../../apps/console-e2e/src/browser';
import { startApiProcess } from '../shared/api-process';
import { coldContext, signedInState } from './measure';

const env = process.env;
const LOADS = Number(env['BENCH_LOADS'] ?? 3);
const TRACE_DIR = env['BENCH_TRACE_DIR'];
const ADMIN_URL = env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROW = '[data-testid="customer-row"]';
const log = (m: string) => console.log(`[trace:console] ${m}`);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; beginData?: Record<string, unknown>; name?: string };
}

/** What a main-thread task was mostly doing, by the trace event names inside it. */
const KINDS: Record<string, string> = {
  'v8.evaluateModule': 'module evaluation',
  EvaluateScript: 'script evaluation',
  'v8.compileModule': 'compile',
  'v8.compile': 'compile',
  RunMicrotasks: 'microtasks (bootstrap, promises)',
  FireAnimationFrame: 'animation frames (change detection, virtual scroll)',
  TimerFire: 'timers (change detection)',
  FunctionCall: 'callbacks (fetch, events)',
  EventDispatch: 'events',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  ParseHTML: 'HTML parse',
  MinorGC: 'GC',
  MajorGC: 'GC',
};

/**
 * The renderer main thread that parsed `/customers` (its ParseHTML) and the last navigation start on it
 * before that (µs, trace clock). The navigation event does not always carry the URL.
 */
function navigation(events: TraceEvent[]): { pid: number; tid: number; t0: number } | undefined {
  // a renderer reused from an earlier load may not name the URL: then the thread that evaluated the app's modules
  const parse =
    events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.['url'] ?? '').includes('/customers')) ??
    events.find((e) => e.name === 'v8.evaluateModule');
  if (!parse) return undefined;
  const starts = events.filter(
    (e) => e.name === 'navigationStart' && e.pid === parse.pid && e.tid === parse.tid && e.ts <= parse.ts,
  );
  const named = starts.filter((e) => String(e.args?.data?.['documentLoaderURL'] ?? '').includes('/customers'));
  const t0 = Math.max(...(named.length ? named : starts).map((e) => e.ts));
  return Number.isFinite(t0) ? { pid: parse.pid, tid: parse.tid, t0 } : undefined;
}

/** Each task on the main thread before `until`: its start, length and the kind of its longest inner event. */
function tasks(events: TraceEvent[], nav: { pid: number; tid: number; t0: number }, until: number) {
  const onMain = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= nav.t0);
  return onMain
    .filter((e) => e.name === 'RunTask' && e.ts < until)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const inner = onMain
        .filter((e) => KINDS[e.name] && e.ts >= task.ts && e.ts < end)
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
      return { at: (task.ts - nav.t0) / 1000, ms: (task.dur ?? 0) / 1000, kind: inner ? KINDS[inner.name] : 'other' };
    });
}

async function main() {
  const url = new URL(ADMIN_URL);
  url.pathname = '/crm_bench_console';
  const api = await startApiProcess('console-trace', url.toString(), log, { LOG_LEVEL: 'warn' });
  const browser = await launchBrowser();
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  try {
    const state = await signedInState(browser, api.url);
    for (let i = 0; i <= LOADS; i++) {
      const context = await coldContext(browser, api.url, state);
      const page = await context.newPage();
      await page.addInitScript((selector) => {
        new MutationObserver((_, observer) => {
          if (window.__firstRowAt === undefined && document.querySelector(selector)) {
            window.__firstRowAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, ROW);
      await browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'v8.execute',
          'blink.user_timing',
          'loading',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-v8.cpu_profiler',
        ],
      });
      await page.goto('/customers');
      await page.waitForSelector(ROW, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const buffer = await browser.stopTracing();
      const marks = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const res = performance.getEntriesByType('resource').map((e) => ({
          name: new URL(e.name).pathname,
          start: e.startTime,
          end: (e as PerformanceResourceTiming).responseEnd,
        }));
        return { firstRow: window.__firstRowAt ?? NaN, dcl: nav.domContentLoadedEventEnd, res };
      });
      await context.close();
      if (i === 0) continue; // the first load warms the server
      if (TRACE_DIR) writeFileSync(join(TRACE_DIR, `load-${i}.json`), buffer);

      const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
      const nav = navigation(events);
      if (!nav) {
        log(`load ${i}: no navigation to /customers in the trace`);
        continue;
      }
      const list = tasks(events, nav, nav.t0 + marks.firstRow * 1000);
      const byKind = new Map<string, number>();
      for (const t of list) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + t.ms);
      const busy = list.reduce((a, t) => a + t.ms, 0);
      log(
        `load ${i}: first row ${marks.firstRow.toFixed(0)} ms, DOMContentLoaded ${marks.dcl.toFixed(0)} ms; ` +
          `main thread busy ${busy.toFixed(0)} ms before the row: ` +
          [...byKind]
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(', '),
      );
      log(`  requests: ${marks.res.map((r) => `${r.name} ${r.start.toFixed(0)}→${r.end.toFixed(0)}`).join('; ')}`);
      log(
        `  tasks over 20 ms: ${list
          .filter((t) => t.ms > 20)
          .map((t) => `@${t.at.toFixed(0)} ${t.ms.toFixed(0)} ms ${t.kind}`)
          .join('; ')}`,
      );
    }
  } finally {
    await browser.close();
    await api.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
