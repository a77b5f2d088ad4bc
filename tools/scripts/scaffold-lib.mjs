// Creates an Nx library skeleton: node (CommonJS, jest) or angular (standalone, no unit runner).
// usage: node tools/scripts/scaffold-lib.mjs <dir> <alias> <kind:node|angular> <tags,comma,separated>
import fs from 'node:fs';
import path from 'node:path';

const [dir, alias, kind, tagList] = process.argv.slice(2);
const root = process.cwd();
const abs = path.join(root, dir);
const up = path.relative(abs, root) || '.';
const name = dir.replace(/^libs\//, '').replace(/\//g, '-');
const write = (f, s) => {
  const p = path.join(abs, f);
  if (fs.existsSync(p)) return;
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof s === 'string' ? s : JSON.stringify(s, null, 2) + '\n');
};
const tags = tagList.split(',');
write('project.json', {
  name,
  $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
  sourceRoot: `${dir}/src`,
  projectType: 'library',
  tags,
  targets: {},
});
write('src/index.ts', '');
if (kind === 'node') {
  write('tsconfig.json', {
    extends: `${up}/tsconfig.base.json`,
    compilerOptions: {
      module: 'commonjs',
      moduleResolution: 'node10',
      strict: true,
      noImplicitOverride: true,
      esModuleInterop: true,
      target: 'es2022',
      types: ['node'],
    },
    files: [],
    include: [],
    references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }],
  });
  write('tsconfig.lib.json', {
    extends: './tsconfig.json',
    compilerOptions: { outDir: `${up}/dist/out-tsc`, declaration: true },
    include: ['src/**/*.ts'],
    exclude: ['jest.config.ts', 'src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'src/**/*.test.ts'],
  });
  write('tsconfig.spec.json', {
    extends: './tsconfig.json',
    compilerOptions: { outDir: `${up}/dist/out-tsc`, types: ['jest', 'node'] },
    include: ['jest.config.ts', 'src/**/*.ts'],
  });
  write(
    'jest.config.ts',
    `import { nodeProject } from '${up}/tools/jest/node-project';\n\nexport default nodeProject('${name}', __dirname);\n`,
  );
  write('eslint.config.mjs', `import baseConfig from '${up}/eslint.config.mjs';\n\nexport default [...baseConfig];\n`);
} else {
  write('tsconfig.json', {
    extends: `${up}/tsconfig.base.json`,
    compilerOptions: {
      strict: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      isolatedModules: true,
      target: 'es2022',
      moduleResolution: 'bundler',
      module: 'preserve',
      emitDecoratorMetadata: false,
    },
    angularCompilerOptions: {
      strictInjectionParameters: true,
      strictInputAccessModifiers: true,
      strictTemplates: true,
    },
    files: [],
    include: [],
    references: [{ path: './tsconfig.lib.json' }],
  });
  write('tsconfig.lib.json', {
    extends: './tsconfig.json',
    compilerOptions: { outDir: `${up}/dist/out-tsc`, types: [] },
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.spec.ts'],
  });
  write(
    'eslint.config.mjs',
    `import nx from '@nx/eslint-plugin';\nimport baseConfig from '${up}/eslint.config.mjs';\n\nexport default [\n  ...nx.configs['flat/angular'],\n  ...nx.configs['flat/angular-template'],\n  ...baseConfig,\n  {\n    files: ['**/*.ts'],\n    rules: {\n      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'crm', style: 'kebab-case' }],\n      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'crm', style: 'camelCase' }],\n    },\n  },\n];\n`,
  );
}
const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
base.compilerOptions.paths[alias] = [`${dir}/src/index.ts`];
base.compilerOptions.paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).sort());
fs.writeFileSync(path.join(root, 'tsconfig.base.json'), JSON.stringify(base, null, 2) + '\n');
console.log('scaffolded', name, alias);
