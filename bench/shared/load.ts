// autocannon ships no types: the little of it the benchmarks use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<LoadResult>;

export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}

export interface LoadOptions {
  /** Stop after this many requests … */
  amount?: number;
  /** … or after this many seconds. */
  seconds?: number;
  connections: number;
  headers?: Record<string, string>;
}

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** GETs over `connections` keep-alive connections, cycling through `paths`. */
export async function load(url: string, paths: string[], o: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const result = await autocannon({
    url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 10 }),
    timeout: 10,
    requests: paths.map((path) => ({ method: 'GET', path })),
    headers: { 'user-agent': BROWSER_UA, ...o.headers },
  });
  return { ...result, duration: (Date.now() - started) / 1000 };
}

/** Requests per second over the whole run (autocannon's average is per-second samples). */
export const rps = (r: LoadResult) => Math.round(r.requests.total / r.duration);
