#!/usr/bin/env node
// `npm start`: build what changed (Nx cache makes an unchanged start fast and never serves a stale
// build), start the vendor stub when VENDOR_URL is unset, then run the API, which migrates the
// database, starts a local redis-server if none answers, and serves the console at `/`.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: process.env.NX_DAEMON ?? 'false',
  NX_TUI: 'false',
  NG_CLI_ANALYTICS: 'false',
  DO_NOT_TRACK: '1',
};
const production = env.NODE_ENV === 'production';
if (!production && env.AUTH_DEV_LOGIN === undefined) env.AUTH_DEV_LOGIN = 'true';
const port = env.PORT ?? '3000';
const children = [];

function stopAll(code) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

if (!process.argv.includes('--no-build')) {
  console.log('[start] building api and console (cached when unchanged)…');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'console', '--outputStyle=static'], {
    stdio: 'inherit',
    env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (!env.VENDOR_URL) {
  const secret = env.VENDOR_WEBHOOK_SECRET ?? 'dev-vendor-secret';
  env.VENDOR_WEBHOOK_SECRET = secret;
  // A little simulated engagement (opens, clicks, a few link scanners) so the charts fill; VENDOR_STUB_* override it.
  const engagement = {
    VENDOR_STUB_ENGAGE: 'true',
    VENDOR_STUB_OPEN_RATE: '0.3',
    VENDOR_STUB_CLICK_RATE: '0.08',
    VENDOR_STUB_SCANNER_RATE: '0.03',
    VENDOR_STUB_ENGAGE_ORIGIN: `http://127.0.0.1:${port}`,
    // every simulated reader comes from this machine: one address for all of a campaign's opens and clicks
    RATE_LIMIT_TRACKING_PER_IP: '1000000',
  };
  for (const [k, v] of Object.entries(engagement)) env[k] ??= v;
  const stub = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/vendor-stub/src/main.ts',
      '--port',
      '0',
      '--receipt-url',
      `http://127.0.0.1:${port}/api/delivery/receipts`,
      '--inbound-url',
      `http://127.0.0.1:${port}/api/delivery/inbound`,
    ],
    // tsx resolves the workspace's path aliases (@mini-crm/vendor-protocol) through this tsconfig
    { env: { ...env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // one node process (no npx/tsx wrappers in between), so stopping `npm start` stops the stub too
  children.push(stub);
  env.VENDOR_URL = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vendor stub did not start in 30 s')), 30_000);
    createInterface({ input: stub.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    stub.once('exit', (code) => reject(new Error(`vendor stub exited with ${code}`)));
  });
  console.log(`[start] vendor stub at ${env.VENDOR_URL}`);
}

const api = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/main.js'], { env, stdio: 'inherit' });
children.push(api);
api.on('exit', (code) => stopAll(code ?? 1));
