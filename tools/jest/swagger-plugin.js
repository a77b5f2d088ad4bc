// Runs @nestjs/swagger's compiler plugin under ts-jest so tests see the same OpenAPI metadata as the build.
const plugin = require('@nestjs/swagger/plugin');
const options = require('./swagger-plugin-options.json');

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (cs) => plugin.before(options, cs.program),
};
