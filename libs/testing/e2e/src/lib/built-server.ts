import { startBundle } from './child-process';
import { freePort } from './free-port';

export interface BuiltServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs the production bundle (dist/apps/api/main.js) exactly as `npm start` does, on a free port. */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const port = await freePort();
  return startBundle({
    app: 'api',
    port,
    dataDirPrefix: 'crm-e2e-',
    readyWithinMs: 180_000,
    env: { AUTH_DEV_LOGIN: 'true', REDIS_PREFIX: `crm-e2e-${port}`, ...env },
  });
}
