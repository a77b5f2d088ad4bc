import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ApiProcess {
  url: string;
  pid: number;
  /** Resident set size now and its high-water mark (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function procStatusMb(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * The real API (apps/api/src/main.ts) in its own process, compiled by ts-node (Nest needs
 * decorator metadata, which tsx does not emit). `databaseUrl` undefined = PGlite in a temp DATA_DIR.
 */
export async function startApiProcess(databaseUrl: string | undefined, log: (m: string) => void, extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const root = resolve(__dirname, '../..');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'apps/api/src/main.ts')],
    {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        TS_NODE_PROJECT: join(root, 'bench/import/tsconfig.json'),
        NODE_ENV: 'development',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-bench-import-')),
        AUTH_DEV_LOGIN: 'true',
        REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `crm-bench-import-${port}`,
        DB_STATEMENT_TIMEOUT_MS: '120000',
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`API did not start:\n${output}`);
  }
  const pid = child.pid as number;
  log(`API (pid ${pid}) listening on ${url}`);
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
