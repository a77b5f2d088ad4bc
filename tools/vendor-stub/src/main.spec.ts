import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { VendorStubStats } from './stub-stats.types';

const root = join(__dirname, '..', '..', '..');

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`no match for ${pattern} within ${timeoutMs} ms; stdout: ${out} stderr: ${err}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; stdout: ${out} stderr: ${err}`));
    });
  });
}

describe('vendor-stub CLI', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    // npx runs tsx under a shell: stop the whole process group we started.
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  });

  it('starts on a free port, prints its URL and serves the API', async () => {
    child = spawn(
      'npx',
      ['tsx', '--tsconfig', 'tsconfig.base.json', 'tools/vendor-stub/src/main.ts', '--port', '0', '--fail-rate', '0.3'],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, VENDOR_STUB_PORT: '1', VENDOR_STUB_RETRYABLE_RATE: '0' },
      },
    );
    const match = await waitForLine(child, /vendor-stub listening on (http:\/\/127\.0\.0\.1:(\d+))\n/, 30_000);
    expect(Number(match[2])).toBeGreaterThan(1);
    const config = (await (await fetch(`${match[1]}/v1/config`)).json()) as { failRate: number };
    expect(config.failRate).toBe(0.3);
    const stats = (await (await fetch(`${match[1]}/v1/stats`)).json()) as VendorStubStats;
    expect(stats).toMatchObject({ attempts: 0, sends: 0, duplicates: 0 });
  });

  it('exits non-zero on an unknown flag', async () => {
    child = spawn(
      'npx',
      ['tsx', '--tsconfig', 'tsconfig.base.json', 'tools/vendor-stub/src/main.ts', '--no-such-flag'],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const code = await new Promise<number | null>((resolve) => child?.once('exit', resolve));
    expect(code).not.toBe(0);
  });
});
