#!/usr/bin/env node
// `npm test`: lint → typecheck → build → every jest project (unit, integration on PGlite and the
// PostgreSQL server, API e2e against the built server, console e2e in Chromium), then one line
// `tests: N passed, N failed` totalled from jest's JSON report, so a run that tested nothing shows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', NG_CLI_ANALYTICS: 'false', DO_NOT_TRACK: '1' };
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

mkdirSync('test-output', { recursive: true });
step('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.typecheck.json']);
step('build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'console', '--outputStyle=static']);
const report = 'test-output/jest.json';
rmSync(report, { force: true });
if (!failed) {
  step('jest', 'npx', ['jest', '--json', `--outputFile=${report}`, '--runInBand=false', '--maxWorkers=2', ...only], {
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
  });
}

let passed = 0;
let failedTests = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failedTests = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
}
console.log(`\n${steps.join('\n')}`);
console.log(`tests: ${passed} passed, ${failedTests} failed`);
process.exit(failed || failedTests > 0 || passed === 0 ? 1 : 0);
