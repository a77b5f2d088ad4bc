// `docker compose config -q` over docker-compose.yml with placeholder secrets, when a Docker CLI with
// the compose plugin exists; otherwise the step says it was skipped. Proves the file parses and that
// every required variable is named (an unset one fails `config` with its message).
import { spawnSync } from 'node:child_process';

const REQUIRED = [
  'JWT_SECRET',
  'VENDOR_WEBHOOK_SECRET',
  'SUPPRESSION_SECRET',
  'WEBHOOK_ENCRYPTION_KEY',
  'METRICS_TOKEN',
  'POSTGRES_PASSWORD',
];

/** @returns {{ outcome: 'ok' | 'skipped' | 'failed', summary: string }} */
export function checkComposeFile(env) {
  const version = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8', env });
  if (version.status !== 0) return { outcome: 'skipped', summary: 'no docker compose CLI on this machine' };
  const placeholders = Object.fromEntries(REQUIRED.map((k) => [k, 'x'.repeat(40)]));
  const full = spawnSync('docker', ['compose', 'config', '-q'], { encoding: 'utf8', env: { ...env, ...placeholders } });
  if (full.status !== 0) return { outcome: 'failed', summary: full.stderr.trim() };
  // Without a secret, config must stop and name it.
  const withoutOne = Object.fromEntries(Object.entries(placeholders).filter(([k]) => k !== 'METRICS_TOKEN'));
  const bare = Object.fromEntries(Object.entries(env).filter(([k]) => !REQUIRED.includes(k)));
  const missing = spawnSync('docker', ['compose', 'config', '-q'], {
    encoding: 'utf8',
    env: { ...bare, ...withoutOne },
  });
  if (missing.status === 0 || !missing.stderr.includes('METRICS_TOKEN'))
    return { outcome: 'failed', summary: 'a missing METRICS_TOKEN did not stop docker compose config' };
  return { outcome: 'ok', summary: 'docker-compose.yml is valid and required secrets fail fast' };
}
