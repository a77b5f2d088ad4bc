// Shared with the other Nest app bundle; a build script, not a library import.
// eslint-disable-next-line @nx/enforce-module-boundaries
const { nestAppWebpack } = require('../../tools/webpack/nest-app.webpack');

module.exports = nestAppWebpack({
  name: 'api',
  assets: ['./src/assets'],
  generatePackageJson: true,
});
