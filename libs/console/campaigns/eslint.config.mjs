import consoleConfig from '../../../tools/eslint-rules/console.config.mjs';

export default [...consoleConfig];
