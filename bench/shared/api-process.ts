import { readFileSync } from 'node:fs';
import { freePort, startBundle } from '@mini-crm/testing/e2e';

export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident set size now and its high-water mark (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

function procStatusMb(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * The production bundle (`dist/apps/api/main.js`, built by the npm script before the run) in its
 * own process, as users run it. `databaseUrl` undefined = PGlite in a temp DATA_DIR. `name` keeps
 * each benchmark's Redis keys and temp files apart.
 */
export async function startApiProcess(
  name: string,
  databaseUrl: string | undefined,
  log: (m: string) => void,
  extraEnv: Record<string, string> = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const api = await startBundle({
    app: 'api',
    port,
    dataDirPrefix: `crm-bench-${name}-`,
    readyWithinMs: 180_000,
    echoStderr: !!process.env['BENCH_API_LOG'],
    env: {
      NODE_ENV: 'development', // dev login (refused in production) gives the benchmark a token
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      AUTH_DEV_LOGIN: 'true',
      // one token for the whole run (it may last longer than the default 15 minutes)
      JWT_ACCESS_TTL_SECONDS: '86400',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `crm-bench-${name}-${port}`,
      DB_STATEMENT_TIMEOUT_MS: '120000',
      // request logging off: the benchmarks time the data path, not the logger (LOG_LEVEL=warn is the base)
      ...extraEnv,
    },
  });
  const { url } = api;
  const pid = api.child.pid as number;
  log(`API (pid ${pid}, production bundle) listening on ${url}`);
  return {
    url,
    pid,
    memory: () => ({ rssMb: procStatusMb(pid, 'VmRSS'), peakMb: procStatusMb(pid, 'VmHWM') }),
    stop: api.stop,
  };
}
