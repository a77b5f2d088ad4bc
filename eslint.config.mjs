import nx from '@nx/eslint-plugin';

/**
 * Module boundaries. Production code of the API (scope:api) never imports a test tool (scope:tools,
 * e.g. the vendor stub); its tests may, to start the stub: see TEST_FILES.
 */
const moduleBoundaries = (apiScopes) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    // Integration specs in a domain lib start the whole app through api-testing → api-bootstrap,
    // which imports every domain: a test-time cycle only, so it is allowed for those two hubs.
    ignoredCircularDependencies: [
      ['api-*', 'api-testing'],
      ['api-*', 'api-bootstrap'],
    ],
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: [
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:api', onlyDependOnLibsWithTags: apiScopes },
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
      { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
      },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:testing'],
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'],
      },
      {
        sourceTag: 'type:data-access',
        onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:testing'],
      },
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    ],
  },
];

/** Files that only tests load: specs, integration specs and each lib's src/testing helpers. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.test-util.ts', '**/src/testing/**/*.ts'];

const baseConfig = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.data', 'tmp/**', '**/test-output'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(['scope:api', 'scope:shared']) },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(['scope:api', 'scope:shared', 'scope:tools']) },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
  {
    // jest configs share one helper from tools/; they are build config, not library code.
    files: ['**/jest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

export default baseConfig;

// What every libs/console/* project lints with: Angular rules and the `crm` selector prefix. It lives in
// this file because Nx counts the root config as an input of every lint target (a separate file would not
// invalidate the lint cache); each console lib's eslint.config.mjs only spreads it.
export const consoleLibConfig = [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'crm', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'crm', style: 'camelCase' }],
    },
  },
];
