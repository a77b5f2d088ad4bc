import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ApiProcess {
  url: string;
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

/**
 * The real API entry point (apps/api/src/main.ts) in its own process, compiled on the fly by
 * ts-node: Nest needs decorator metadata, which tsx (esbuild) does not emit. A separate process
 * also keeps the benchmark's client off the server's event loop, as in production.
 */
export async function startApiProcess(databaseUrl: string, log: (m: string) => void): Promise<ApiProcess> {
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
        TS_NODE_PROJECT: join(root, 'bench/segments/tsconfig.json'),
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-bench-segments-')),
        AUTH_DEV_LOGIN: 'true',
        // one token for the whole run (it lasts longer than the default 15 minutes)
        JWT_ACCESS_TTL_SECONDS: '86400',
        REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `crm-bench-segments-${port}`,
        DB_STATEMENT_TIMEOUT_MS: '120000',
        // request logging off: we time the query path, not pino
        LOG_LEVEL: 'warn',
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
  log(`API (pid ${child.pid}) listening on ${url}`);
  return {
    url,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
