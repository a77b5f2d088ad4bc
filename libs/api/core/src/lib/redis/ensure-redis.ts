import { spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';

function ping(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

/**
 * If nothing answers at a loopback REDIS_URL and `redis-server` is on PATH, start one for this
 * process's lifetime (never when `allowStart` is false: production must not lose its queues to a
 * throwaway Redis). Returns a stop function, or throws with a one-line how-to.
 */
export async function ensureRedis(
  url: string,
  log: (msg: string) => void,
  { allowStart = true }: { allowStart?: boolean } = {},
): Promise<() => void> {
  const u = new URL(url);
  const host = u.hostname;
  const port = Number(u.port || 6379);
  if (await ping(host, port)) return () => undefined;
  if (!allowStart)
    throw new Error(
      `Redis is not answering at ${u.protocol}//${host}:${port}. With NODE_ENV=production no throwaway redis-server is started (queued jobs would vanish with it): start your Redis or set REDIS_URL.`,
    );
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host);
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (!loopback || which.status !== 0) {
    throw new Error(
      `Redis is not answering at ${u.protocol}//${host}:${port}. Start one (e.g. \`apt-get install redis-server\`, \`brew install redis\`, or \`docker run -p 6379:6379 redis:7\`) or set REDIS_URL.`,
    );
  }
  const child = spawn(
    which.stdout.trim(),
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await ping(host, port)) {
      log(`started a local redis-server on 127.0.0.1:${port} (stops with this process)`);
      const stop = () => child.kill('SIGTERM');
      process.once('exit', stop);
      return stop;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Could not start redis-server on 127.0.0.1:${port}; set REDIS_URL to a running Redis.`);
}
