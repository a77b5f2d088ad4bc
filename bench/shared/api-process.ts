import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@mini-crm/testing/e2e';

export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident set size now and its high-water mark (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../..');
const BUILT_MAIN = join(ROOT, 'dist/apps/api/main.js');

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
  if (!existsSync(BUILT_MAIN))
    throw new Error(`${BUILT_MAIN} is missing: run \`npx nx build api\` first (the npm bench scripts do)`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [BUILT_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'development', // dev login (refused in production) gives the benchmark a token
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), `crm-bench-${name}-`)),
      AUTH_DEV_LOGIN: 'true',
      // one token for the whole run (it may last longer than the default 15 minutes)
      JWT_ACCESS_TTL_SECONDS: '86400',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `crm-bench-${name}-${port}`,
      DB_STATEMENT_TIMEOUT_MS: '120000',
      // request logging off: the benchmarks time the data path, not the logger
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  if (process.env['BENCH_API_LOG']) child.stderr?.on('data', (d) => process.stderr.write(d));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`API did not start:\n${output}`);
  }
  const pid = child.pid as number;
  log(`API (pid ${pid}, production bundle) listening on ${url}`);
  return {
    url,
    pid,
    memory: () => ({ rssMb: procStatusMb(pid, 'VmRSS'), peakMb: procStatusMb(pid, 'VmHWM') }),
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
