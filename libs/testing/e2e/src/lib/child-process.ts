import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

/** The workspace root (cwd of every bundle, so relative paths resolve as under `npm start`). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../../..');

/** Output kept per child: enough for any failure message, bounded for long benchmark runs. */
const OUTPUT_LIMIT = 100_000;

export interface ChildHandle {
  child: ChildProcess;
  /** stdout and stderr so far (the last {@link OUTPUT_LIMIT} characters). */
  output(): string;
  /** Sends `signal` and resolves once the child has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL if it is still there 10 s later; resolves on exit. */
  stop(): Promise<void>;
}

/** Collects a child's output and gives it a kill that waits for the exit. */
export function trackChild(child: ChildProcess): ChildHandle {
  let log = '';
  const append = (d: Buffer | string) => (log = (log + d).slice(-OUTPUT_LIMIT));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((r) => {
      if (exited()) return r();
      child.once('exit', () => r());
      child.kill(signal);
    });
  return {
    child,
    output: () => log,
    kill,
    stop: () => {
      setTimeout(() => !exited() && child.kill('SIGKILL'), 10_000).unref();
      return kill('SIGTERM');
    },
  };
}

/** Polls `ready` until it holds; fails early if the child exits, and kills it at the deadline. */
export async function waitUntilReady(
  name: string,
  h: ChildHandle,
  ready: () => Promise<boolean> | boolean,
  withinMs: number,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (h.child.exitCode !== null) throw new Error(`${name} exited with ${h.child.exitCode}:\n${h.output()}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      await h.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${withinMs / 1000} s:\n${h.output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface BundleOptions {
  /** Which production bundle: dist/apps/<app>/main.js. */
  app: 'api' | 'worker';
  /** Added to (and overriding) the base env: PATH, PORT, HOST, PUBLIC_URL, DATA_DIR, LOG_LEVEL=warn. */
  env?: Record<string, string>;
  /** Default: a free one. */
  port?: number;
  /** Prefix of the temp DATA_DIR. */
  dataDirPrefix: string;
  /** How long it may take to answer /api/health. */
  readyWithinMs: number;
  /** Also copy the child's stderr to ours (for watching a long run). */
  echoStderr?: boolean;
}

export type BundleProcess = ChildHandle & { url: string; port: number };

/** Runs a production bundle exactly as `npm start` does and waits until /api/health answers 200. */
export async function startBundle(o: BundleOptions): Promise<BundleProcess> {
  const main = join(WORKSPACE_ROOT, 'dist/apps', o.app, 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: build first (npx nx run-many -t build -p api worker; the npm scripts do)`);
  const port = o.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const h = trackChild(
    spawn(process.execPath, [main], {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATA_DIR: mkdtempSync(join(tmpdir(), o.dataDirPrefix)),
        LOG_LEVEL: 'warn',
        ...o.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  if (o.echoStderr) h.child.stderr?.on('data', (d) => process.stderr.write(d));
  const healthy = async () => {
    try {
      return (await fetch(`${url}/api/health`)).status === 200;
    } catch {
      return false; // not listening yet
    }
  };
  await waitUntilReady(o.app, h, healthy, o.readyWithinMs);
  return { ...h, url, port };
}
