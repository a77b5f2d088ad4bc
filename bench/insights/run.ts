/**
 * Customer-insights benchmark: N customers with ≈5N orders on the PostgreSQL server (a fresh, migrated
 * database; orders drawn from the BG/NBD story, see below), then a whole model run as the insights job
 * does it — summaries (one SQL pass through a cursor), fit, scoring, write-back in batches — timed end
 * to end, with the bare summary SQL timed alone in the same run. Peak RSS of this process is the run's
 * memory. Figures and how to read them: bench/insights/README.md.
 *
 *   BENCH_CUSTOMERS (default 1,000,000; develop with 10000)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mini-crm/db';
import { createTestDatabase } from '@mini-crm/api/testing';
import { InsightsRepository, CustomerScorer, fitModels, loadInsightsConfig } from '@mini-crm/api/insights';

const N = Number(process.env['BENCH_CUSTOMERS'] ?? 1_000_000);
const NOW = new Date('2026-11-01T00:00:00Z');
const log = (m: string) => console.log(`[bench:insights] ${m}`);
const mb = () => Math.round(process.memoryUsage().rss / 1e6);

async function main(): Promise<void> {
  const tdb = await createTestDatabase('pg');
  const db = tdb.handle.db;
  try {
    let t = performance.now();
    await db.execute(sql`select setseed(0.42)`);
    await db.execute(
      sql`insert into customers (email) select 'c' || g || '@bench.io' from generate_series(1, ${N}::int) g`,
    );
    // Orders drawn from the BG/NBD story (a uniform stride of order days, as before, has no dropout at
    // all and drives the fitted a → 0): first order uniform over two years; then purchases at a
    // Poisson rate λ (log-normal across customers, median one per 45 days) until the customer drops
    // out, with a per-customer dropout chance of 2–32 % after each repeat purchase; each customer's
    // order values scatter ±50 % around their own log-normal mean (median 60). ≈5.3 orders a customer.
    await db.execute(sql`
      insert into orders (customer_id, amount, ordered_at)
      select c.id, round((c.spend * (0.5 + random()))::numeric, 2),
             ${NOW.toISOString()}::timestamptz - make_interval(days => c.age) + make_interval(secs => o.t * 86400)
      from (
        select id, floor(random() * 730)::int as age,
          exp(ln(1.0 / 45) + 0.9 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) as lambda,
          1 + floor(ln(1 - random()) / ln(1 - 0.02 - random() * 0.3))::int as lives,
          exp(ln(60) + 0.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) as spend
        from customers
      ) c
      cross join lateral (
        select 0::float8 as t
        union all
        select r.t from (
          select sum(-ln(1 - random()) / c.lambda) over (order by g) as t from generate_series(1, least(c.lives, 60)) g
        ) r where r.t <= c.age
      ) o`);
    await db.execute(sql`analyze customers`);
    await db.execute(sql`analyze orders`);
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders`));
    log(
      `seeded ${N.toLocaleString()} customers, ${n.toLocaleString()} orders in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const repo = new InsightsRepository(db);
    const config = loadInsightsConfig({ env: process.env });

    t = performance.now();
    // Only the count is kept: holding this copy through the run would double the summaries' memory.
    const bareCount = (await repo.summaries(NOW, config.rfmWindowDays)).ids.length;
    const summarySeconds = (performance.now() - t) / 1000;
    log(
      `bare summary SQL (+ typed arrays): ${summarySeconds.toFixed(2)} s for ${bareCount.toLocaleString()} customers, rss ${mb()} MB`,
    );

    const start = performance.now();
    const phase: Record<string, number> = {};
    let p = performance.now();
    const s = await repo.summaries(NOW, config.rfmWindowDays);
    phase['summaries'] = performance.now() - p;
    p = performance.now();
    const models = fitModels(s, config.fitSampleSize);
    phase['fit'] = performance.now() - p;
    p = performance.now();
    const scorer = new CustomerScorer(s, models, config.discountRate);
    let scoring = 0;
    for (let from = 0; from < s.ids.length; from += config.batchSize) {
      const q = performance.now();
      const rows = scorer.score(from, Math.min(s.ids.length, from + config.batchSize));
      scoring += performance.now() - q;
      await repo.writeScores(rows, NOW);
    }
    await repo.clearUnscored(NOW);
    phase['score'] = scoring;
    phase['write'] = performance.now() - p - scoring;
    const total = (performance.now() - start) / 1000;
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    log(`model: ${JSON.stringify(models.bgNbd.params)} spend ${JSON.stringify(models.spend?.params ?? null)}`);
    log(
      `end to end ${total.toFixed(1)} s (summaries ${(phase['summaries'] / 1000).toFixed(1)}, fit ${(phase['fit'] / 1000).toFixed(1)}, ` +
        `scoring ${(phase['score'] / 1000).toFixed(1)}, write-back ${(phase['write'] / 1000).toFixed(1)}); bare summary SQL ${summarySeconds.toFixed(1)} s; peak RSS ${peak} MB`,
    );
    log(`targets: < 60 s ${total < 60 ? 'met' : 'NOT met'}, < 500 MB ${peak < 500 ? 'met' : 'NOT met'}`);
  } finally {
    await tdb.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
