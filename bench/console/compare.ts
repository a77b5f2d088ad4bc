/**
 * Two console builds side by side on a busy machine: one API process per build (`CONSOLE_DIR`), cold loads
 * of `/customers` alternating between them, so both see the same load average. Needs the database a
 * `npm run bench:console` left behind (crm_bench_console) and the API bundle built.
 *
 *   BENCH_CONSOLE_DIRS=/tmp/before/browser,dist/apps/console/browser \
 *     npx tsx --tsconfig bench/console/tsconfig.json bench/console/compare.ts
 *
 * Env: BENCH_CONSOLE_DIRS (two or more, comma-separated), BENCH_LOADS (9 per build), TEST_PG_ADMIN_URL,
 * CHROMIUM_PATH.
 */
import { resolve } from 'node:path';
import { launchBrowser } from '../../apps/console-e2e/src/browser';
import { startApiProcess, type ApiProcess } from '../shared/api-process';
import { coldLoad, percentile, signedInState, type FirstLoad } from './measure';

const env = process.env;
const DIRS = (env['BENCH_CONSOLE_DIRS'] ?? '').split(',').filter(Boolean);
const LOADS = Number(env['BENCH_LOADS'] ?? 9);
const ADMIN_URL = env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (m: string) => console.log(`[compare:console] ${m}`);
const median = (xs: number[]) => percentile(xs, 50);
const ms = (n: number) => n.toFixed(0);

async function main() {
  if (DIRS.length < 2) throw new Error('BENCH_CONSOLE_DIRS: two or more console build directories, comma-separated');
  const db = new URL(ADMIN_URL);
  db.pathname = '/crm_bench_console';
  const apis: ApiProcess[] = [];
  const browser = await launchBrowser();
  try {
    for (const [i, dir] of DIRS.entries()) {
      apis.push(
        await startApiProcess(`console-compare-${i}`, db.toString(), log, {
          LOG_LEVEL: 'warn',
          CONSOLE_DIR: resolve(dir),
        }),
      );
    }
    const states = await Promise.all(apis.map((api) => signedInState(browser, api.url)));
    for (const [i, api] of apis.entries()) await coldLoad(browser, api.url, states[i]); // warm each server
    const loads: FirstLoad[][] = DIRS.map(() => []);
    for (let n = 0; n < LOADS; n++) {
      for (const [i, api] of apis.entries()) loads[i].push(await coldLoad(browser, api.url, states[i]));
    }
    for (const [i, dir] of DIRS.entries()) {
      const l = loads[i];
      log(
        `${dir}: first row median ${ms(median(l.map((x) => x.firstRowMs)))} ms (${l.map((x) => ms(x.firstRowMs)).join(', ')}); ` +
          `main thread busy ${ms(median(l.map((x) => x.mainThreadMs)))} ms (script ${ms(median(l.map((x) => x.scriptMs)))} ms); ` +
          `DOMContentLoaded ${ms(median(l.map((x) => x.domContentLoadedMs)))} ms, list request ${ms(median(l.map((x) => x.listRequestAtMs)))} ms; ` +
          `${l[0].scripts} scripts, ${(l[0].jsWireBytes / 1024).toFixed(1)} KB JS on the wire`,
      );
    }
  } finally {
    await browser.close();
    for (const api of apis) await api.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
