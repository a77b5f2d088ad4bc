import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// testTimeout is a global option: per-project values are ignored in a multi-project run.
// Integration suites start whole apps on real databases; console e2e drives Chromium.
// The global setup starts an embedded PostgreSQL when none answers at TEST_PG_ADMIN_URL (a fresh machine).
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  testTimeout: 180_000,
  globalSetup: '<rootDir>/tools/jest/pg-fallback.global-setup.mjs',
  globalTeardown: '<rootDir>/tools/jest/pg-fallback.global-teardown.mjs',
});
