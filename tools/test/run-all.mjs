#!/usr/bin/env node
// `npm test`: prettier check → lint → typecheck → npm audit (production dependencies) → build → every jest project (unit, integration on PGlite and the
// PostgreSQL server, API e2e against the built server, console e2e in Chromium), then one line
// `tests: N passed, N failed` totalled from jest's JSON report, so a run that tested nothing shows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { runNpmAudit } from './npm-audit.mjs';
import { checkComposeFile } from './compose-config.mjs';

const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NG_CLI_ANALYTICS: 'false',
  DO_NOT_TRACK: '1',
};
const jestEnv = { NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() };
const only = process.argv.slice(2);
const steps = [];
let failed = false;

function step(name, cmd, args, extraEnv = {}) {
  if (failed && name !== 'jest') return;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  steps.push(`${name} ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (!ok) failed = true;
}

/** High or critical advisories in production dependencies fail; a registry that cannot audit is logged and skipped. */
function auditStep() {
  if (failed) return;
  const started = Date.now();
  console.log('\n=== audit: npm audit --omit=dev --audit-level=high');
  const { outcome, summary } = runNpmAudit(env);
  console.log(`audit ${outcome}: ${summary}`);
  const label = outcome === 'failed' ? 'FAILED' : outcome;
  steps.push(`audit ${label} (${((Date.now() - started) / 1000).toFixed(0)} s): ${summary}`);
  if (outcome === 'failed') failed = true;
}

/** docker compose config, only where a Docker CLI with compose exists (never on the build machines so far). */
function composeStep() {
  if (failed) return;
  const { outcome, summary } = checkComposeFile(env);
  console.log(`\n=== compose: ${outcome}: ${summary}`);
  steps.push(`compose ${outcome === 'failed' ? 'FAILED' : outcome}: ${summary}`);
  if (outcome === 'failed') failed = true;
}

mkdirSync('test-output', { recursive: true });
step('format', 'npx', ['prettier', '--check', '.', '--log-level=warn']);
step('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.typecheck.json']);
auditStep();
composeStep();
step('build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'console', '--outputStyle=static']);
const report = 'test-output/jest.json';
rmSync(report, { force: true });
if (!failed) {
  step(
    'jest',
    'npx',
    ['jest', '--json', `--outputFile=${report}`, '--runInBand=false', '--maxWorkers=2', ...only],
    jestEnv,
  );
}

let passed = 0;
let failedTests = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failedTests = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
  const crashed = filesWhereOnlyTheBrowserDied(json);
  if (crashed.length > 0) {
    // Chromium itself occasionally dies under load; such a file proves nothing about the product,
    // so it runs once more and its second result counts. Any assertion failure is never retried.
    console.log(
      `\n=== Chromium closed under ${crashed.length} console e2e file(s); running them once more:\n${crashed.join('\n')}`,
    );
    const rerunReport = 'test-output/jest-rerun.json';
    rmSync(rerunReport, { force: true });
    const before = failed;
    failed = false;
    step(
      'jest (browser rerun)',
      'npx',
      ['jest', '--json', `--outputFile=${rerunReport}`, '--maxWorkers=1', '--runTestsByPath', ...crashed],
      jestEnv,
    );
    if (existsSync(rerunReport)) {
      const rerun = JSON.parse(readFileSync(rerunReport, 'utf8'));
      for (const file of json.testResults.filter((f) => crashed.includes(f.name))) {
        passed -= count(file, 'passed');
        failedTests -= count(file, 'failed');
      }
      passed += rerun.numPassedTests;
      failedTests += rerun.numFailedTests + (rerun.numRuntimeErrorTestSuites ?? 0);
    }
    // the first jest step failed only because of these files; the rerun decides
    failed =
      before &&
      (failed || failedTests > 0 || json.testResults.some((f) => f.status === 'failed' && !crashed.includes(f.name)));
  }
}

function count(file, status) {
  return file.assertionResults.filter((a) => a.status === status).length;
}

/** Console e2e files whose every failure says the browser went away (and nothing else failed there). */
function filesWhereOnlyTheBrowserDied(json) {
  const died =
    /Target page, context or browser has been closed|Target crashed|Browser closed|browser has been disconnected/;
  return json.testResults
    .filter((f) => f.status === 'failed' && f.name.includes('/apps/console-e2e/'))
    .filter((f) => {
      const failures = f.assertionResults.filter((a) => a.status === 'failed');
      return (
        failures.length > 0 &&
        failures.every((a) => a.failureMessages.length > 0 && a.failureMessages.every((m) => died.test(m)))
      );
    })
    .map((f) => f.name);
}
console.log(`\n${steps.join('\n')}`);
console.log(`tests: ${passed} passed, ${failedTests} failed`);
process.exit(failed || failedTests > 0 || passed === 0 ? 1 : 0);
