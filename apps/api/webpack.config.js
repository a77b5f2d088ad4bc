const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
// @nestjs/swagger's compiler plugin documents DTOs (types + class-validator rules) and JSDoc comments.
const swaggerPluginOptions = {
  dtoFileNameSuffix: ['.dto.ts'],
  classValidatorShim: true,
  introspectComments: true,
  controllerKeyOfComment: 'summary',
};

const api = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: { keep: /^parser\.worker\.js/ },
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: ['./src/assets', { input: 'libs/db/migrations', glob: '**/*', output: 'migrations' }],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      transformers: [{ name: '@nestjs/swagger/plugin', options: swaggerPluginOptions }],
    }),
  ],
};

// Import parsing runs in a worker thread; parser-thread.ts loads parser.worker.js from next to main.js.
// A second compiler keeps that file to the parser's own modules.
const parserWorker = {
  entry: {},
  output: { path: join(__dirname, '../../dist/apps/api'), clean: false },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: '../../libs/api/imports/src/lib/processing/parser.worker.ts',
      outputFileName: 'parser.worker.js',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      sourceMap: true,
    }),
  ],
};

module.exports = [api, parserWorker];
