import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** The embedded database directory is held by another live process. */
export class DataDirLockedError extends Error {}

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dir>.lock` (next to the directory, which PGlite wants to itself) for this process (PGlite is single-process: two on one directory corrupt it).
 * A lock left by a process that is gone (same host, pid not running) is taken over. Answers the
 * release function; throws DataDirLockedError naming the holder otherwise.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dirname(dir), { recursive: true });
  const file = `${dir}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.once('exit', release);
      return () => {
        process.removeListener('exit', release);
        release();
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: Holder | null = null;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    } catch {
      holder = null; // unreadable: written by a process that died mid-write
    }
    const stale = !holder || (holder.host === me.host && !alive(holder.pid));
    if (!stale && holder)
      throw new DataDirLockedError(
        `The embedded database in ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.startedAt}). ` +
          'Stop that process, give this one another DATA_DIR, or use a PostgreSQL server (DATABASE_URL) to run several processes.',
      );
    rmSync(file, { force: true });
  }
  throw new DataDirLockedError(`Could not take the lock ${file}`);
}
