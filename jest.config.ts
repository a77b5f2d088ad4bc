import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// testTimeout is a global option: per-project values are ignored in a multi-project run.
// Integration suites start whole apps on real databases; console e2e drives Chromium.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  testTimeout: 180_000,
});
