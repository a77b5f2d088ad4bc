import type { Config } from 'jest';
import { join } from 'node:path';

/**
 * ESM-only packages jest must transpile. sanitize-html's own copies of htmlparser2 and the DOM packages sit in
 * its node_modules: the path passes `sanitize-html/node_modules` first, then the package's own name.
 */
const ESM_ONLY = [
  'content-disposition',
  'sanitize-html/node_modules',
  'htmlparser2',
  'domhandler',
  'domutils',
  'dom-serializer',
  'domelementtype',
  'entities',
];

/** Shared jest project config for Node (API and shared) libraries: swc to CommonJS. */
export function nodeProject(displayName: string, dir: string): Config {
  const root = join(__dirname, '..', '..');
  return {
    displayName,
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: {
      // Transpile only, with swc (typechecking is its own step of `npm test`; a cold cache transpiles
      // every file a suite loads, several times faster than ts-jest); also turns the few ESM-only
      // dependencies (content-disposition, via @fastify/static; htmlparser2 and its DOM packages, via
      // sanitize-html) into CommonJS for jest, whose module system cannot require(esm) on Node 20/22.
      '^.+\\.[cm]?ts$': ['@swc/jest', swcOptions('typescript')],
      '^.+\\.[cm]?js$': ['@swc/jest', swcOptions('ecmascript')],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(root),
    testTimeout: 60_000,
  };
}

/** Nest's dependency injection reads the constructor parameter types that decorator metadata emits. */
function swcOptions(syntax: 'typescript' | 'ecmascript') {
  return {
    jsc: {
      parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
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
