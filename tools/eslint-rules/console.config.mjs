// The lint config every libs/console/* project uses: Angular rules plus the `crm` selector prefix.
// It lives in tools/eslint-rules because Nx counts that folder as an input of every lint target,
// so a change here re-lints the console libs instead of hitting a stale cache.
import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

export default [
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
