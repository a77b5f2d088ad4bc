import { startBundle, type BundleProcess } from './child-process';
import { freePort } from './free-port';

/** The running API bundle: its URL, output, and the child process (to signal it and read its exit code). */
export type BuiltServer = BundleProcess;

/** Runs the production bundle (dist/apps/api/main.js) exactly as `npm start` does, on a free port. */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const port = await freePort();
  return startBundle({
    app: 'api',
    port,
    dataDirPrefix: 'crm-e2e-',
    readyWithinMs: 180_000,
    // Every e2e request comes from 127.0.0.1 and tests sign in often: limits off unless a test sets them.
    env: { AUTH_DEV_LOGIN: 'true', REDIS_PREFIX: `crm-e2e-${port}`, RATE_LIMIT_ENABLED: 'false', ...env },
  });
}
