import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('embedded database directory lock', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'crm-lock-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second holder while the first lives, naming its pid; free again after release', () => {
    const dir = join(root, 'pg');
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.pid} on ${hostname()}`);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    lockDataDir(dir)();
  });

  it('names another live process that holds it', async () => {
    const dir = join(root, 'pg');
    // Another process writes its lock (the same JSON lockDataDir writes) and stays alive until killed.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(`${dir}.lock`)}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), startedAt: 'then' })); console.log('ready'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(child.stdout, 'data');
      expect(() => lockDataDir(dir)).toThrow(`in use by process ${child.pid} on ${hostname()} (since then)`);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    // Its holder is gone now: the lock is stale and taken over.
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('takes over an unreadable lock (a holder that died while writing it)', () => {
    const dir = join(root, 'pg');
    writeFileSync(`${dir}.lock`, '{"pid":');
    lockDataDir(dir)();
  });
});
