const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
// @nestjs/swagger's compiler plugin documents DTOs (types + class-validator rules) and JSDoc comments.
const swaggerPluginOptions = {
  dtoFileNameSuffix: ['.dto.ts'],
  classValidatorShim: true,
  introspectComments: true,
  controllerKeyOfComment: 'summary',
};

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
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
