// `npm audit --omit=dev --audit-level=high` for `npm test`: a high or critical advisory in a production dependency
// fails the run. When the registry cannot answer (the audit endpoint is missing, refused or unreachable, as on
// mirrors and offline build machines) the step says so and is skipped: an unanswered audit proves nothing either way.
import { spawnSync } from 'node:child_process';

const UNAVAILABLE =
  /audit endpoint returned an error|ENOAUDIT|E40[45]|E50\d|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network request/i;

/** @returns {{ outcome: 'ok' | 'failed' | 'skipped', summary: string }} */
export function classifyAudit(status, stdout, stderr) {
  let report = null;
  try {
    report = JSON.parse(stdout);
  } catch {
    /* not JSON: npm failed before auditing */
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts) {
    const high = (counts.high ?? 0) + (counts.critical ?? 0);
    const summary = `${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`;
    return { outcome: high > 0 || status !== 0 ? 'failed' : 'ok', summary };
  }
  const said = `${report?.message ?? ''}\n${report?.error?.code ?? ''}\n${stderr}`;
  if (status !== 0 && UNAVAILABLE.test(said))
    return {
      outcome: 'skipped',
      summary: `registry did not answer the audit: ${firstLine(report?.message ?? stderr)}`,
    };
  return { outcome: status === 0 ? 'ok' : 'failed', summary: firstLine(said) || `npm audit exited ${status}` };
}

function firstLine(text) {
  return String(text).trim().split('\n')[0] ?? '';
}

export function runNpmAudit(env) {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = classifyAudit(r.status ?? 1, r.stdout ?? '', r.stderr ?? '');
  if (result.outcome === 'failed' && r.stdout) console.log(r.stdout.slice(0, 20000));
  return result;
}
