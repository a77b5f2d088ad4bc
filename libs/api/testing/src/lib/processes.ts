import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { freePort } from '@mini-crm/testing/e2e';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BUILT_WORKER = resolve(__dirname, '../../../../../dist/apps/worker/main.js');

export interface ChildHandle {
  child: ChildProcess;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess): ChildHandle {
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  return {
    child,
    output: () => log,
    kill: (signal) =>
      new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill(signal);
      }),
  };
}

/** `node dist/apps/worker/main.js` (the production bundle of apps/worker; `npm test` builds it first). */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildHandle & { url: string }> {
  if (!existsSync(BUILT_WORKER))
    throw new Error(`${BUILT_WORKER} is missing: build the worker first (npx nx build worker; npm test does this)`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const h = track(
    spawn(process.execPath, [BUILT_WORKER], {
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-worker-')),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (h.child.exitCode !== null) throw new Error(`worker exited with ${h.child.exitCode}:\n${h.output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await h.kill('SIGKILL');
      throw new Error(`worker did not become healthy:\n${h.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...h, url };
}

/** A throwaway redis-server on its own port (never the shared one on 6379), no persistence. */
export async function startRedisServer(port: number): Promise<ChildHandle> {
  const h = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (h.child.exitCode !== null) throw new Error(`redis-server exited:\n${h.output()}`);
    if (/Ready to accept connections/.test(h.output())) return h;
    if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${h.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
