import type { Config } from 'jest';
import { join } from 'node:path';

/** Shared jest project config for Node (API and shared) libraries: ts-jest in CommonJS mode. */
export function nodeProject(displayName: string, dir: string): Config {
  const root = join(__dirname, '..', '..');
  return {
    displayName,
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: {
      // Transpile only (typechecking is its own step of `npm test`); also turns the few ESM-only
      // dependencies (content-disposition, via @fastify/static) into CommonJS for jest.
      '^.+\\.[cm]?[tj]s$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.jest.json') }],
    },
    transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(root),
    testTimeout: 60_000,
  };
}

function pathsToModuleNameMapper(root: string): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const base = require(join(root, 'tsconfig.base.json'));
  const out: Record<string, string> = {};
  for (const [alias, targets] of Object.entries(base.compilerOptions.paths as Record<string, string[]>)) {
    out[`^${alias.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}$`] = join(root, targets[0]);
  }
  return out;
}
