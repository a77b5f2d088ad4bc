import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(__dirname, '../..');
export const BUILT_MAIN = join(ROOT, 'dist/apps/api/main.js');
export const BUILT_WORKER = join(ROOT, 'dist/apps/worker/main.js');

export interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  output(): string;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) used so far, in seconds; 0 once exited. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Assumes the usual USER_HZ of 100 ticks a second. */
const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: string): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of every live PostgreSQL server process (backends, checkpointer, WAL writer …). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(pid);
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

function wrap(name: string, child: ChildProcess, url: string): Proc {
  let out = '';
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (out = (out + d).slice(-20_000)));
  let peak = 0;
  const peakRssMb = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      /* exited */
    }
    return Math.round(peak);
  };
  return {
    name,
    child,
    url,
    output: () => out,
    peakRssMb,
    cpuSeconds: () => cpuSecondsOf(String(child.pid)),
    stop: () =>
      new Promise((r) => {
        peakRssMb();
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** The vendor stub in its own process (tsx), as a real vendor would be. */
export async function startStubProcess(args: string[], secret: string): Promise<Proc> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tools/vendor-stub/src/main.ts'), '--port', '0', ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        VENDOR_WEBHOOK_SECRET: secret,
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.base.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('vendor stub did not start in 30 s')), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once('exit', (code) => rej(new Error(`vendor stub exited with ${code}`)));
  });
  return wrap('vendor-stub', child, url);
}

/** The production bundles: the API (`worker` false) or apps/worker. */
export async function startAppProcess(
  name: string,
  port: number,
  env: Record<string, string>,
  worker: boolean,
): Promise<Proc> {
  const bundle = worker ? BUILT_WORKER : BUILT_MAIN;
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: run \`npx nx run-many -t build -p api worker\` first (the npm script does)`);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bundle], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-bench-delivery-')),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p = wrap(name, child, url);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${p.output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return p;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
