// Webpack configs of a NestJS app bundle (the API, the worker): main.js plus the import parser's
// thread, parser.worker.js, which parser-thread.ts loads from next to main.js. A second compiler
// keeps that file to the parser's own modules.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

const ROOT = join(__dirname, '../..');
// @nestjs/swagger's compiler plugin documents DTOs (types + class-validator rules) and JSDoc comments.
const swaggerPluginOptions = {
  dtoFileNameSuffix: ['.dto.ts'],
  classValidatorShim: true,
  introspectComments: true,
  controllerKeyOfComment: 'summary',
};

/** @param {{ name: string, assets?: unknown[], generatePackageJson?: boolean }} options */
function nestAppWebpack({ name, assets = [], generatePackageJson = false }) {
  const outDir = join(ROOT, 'dist/apps', name);
  const app = {
    output: {
      path: outDir,
      clean: { keep: /^parser\.worker\.js/ },
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        assets: [...assets, { input: 'libs/db/migrations', glob: '**/*', output: 'migrations' }],
        optimization: false,
        outputHashing: 'none',
        generatePackageJson,
        sourceMap: true,
        transformers: [{ name: '@nestjs/swagger/plugin', options: swaggerPluginOptions }],
      }),
    ],
  };
  const parserWorker = {
    entry: {},
    output: { path: outDir, clean: false },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        // Absolute: Nx resolves a '../' entry against the workspace root, which breaks in deeper checkouts.
        main: join(ROOT, 'libs/api/imports/src/lib/processing/parser.worker.ts'),
        outputFileName: 'parser.worker.js',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        sourceMap: true,
      }),
    ],
  };
  return [app, parserWorker];
}

module.exports = { nestAppWebpack };
