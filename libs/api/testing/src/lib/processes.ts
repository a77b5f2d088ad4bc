import { spawn } from 'node:child_process';
import { startBundle, trackChild, waitUntilReady, type BundleProcess, type ChildHandle } from '@mini-crm/testing/e2e';

export type { ChildHandle } from '@mini-crm/testing/e2e';

/** `node dist/apps/worker/main.js` (the production bundle of apps/worker; `npm test` builds it first). */
export function startWorkerProcess(env: Record<string, string>): Promise<BundleProcess> {
  return startBundle({ app: 'worker', env, dataDirPrefix: 'crm-worker-', readyWithinMs: 60_000 });
}

/** A throwaway redis-server on its own port (never the shared one on 6379), no persistence. */
export async function startRedisServer(port: number): Promise<ChildHandle> {
  const h = trackChild(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await waitUntilReady('redis-server', h, () => /Ready to accept connections/.test(h.output()), 10_000);
  return h;
}
