import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBundle, trackChild, WORKSPACE_ROOT, type ChildHandle } from '@mini-crm/testing/e2e';
import { createInterface } from 'node:readline';

const ROOT = WORKSPACE_ROOT;

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

/** Adds the benchmark's resource readings to a tracked child. */
function withMetrics(name: string, h: ChildHandle, url: string): Proc {
  const { child } = h;
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
    output: h.output,
    peakRssMb,
    cpuSeconds: () => cpuSecondsOf(String(child.pid)),
    stop: () => {
      peakRssMb();
      return h.stop();
    },
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
  const h = trackChild(child);
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
  return withMetrics('vendor-stub', h, url);
}

/** The production bundles: the API (`worker` false) or apps/worker. */
export async function startAppProcess(
  name: string,
  port: number,
  env: Record<string, string>,
  worker: boolean,
): Promise<Proc> {
  const h = await startBundle({
    app: worker ? 'worker' : 'api',
    port,
    env,
    dataDirPrefix: 'crm-bench-delivery-',
    readyWithinMs: 120_000,
  });
  return withMetrics(name, h, h.url);
}
