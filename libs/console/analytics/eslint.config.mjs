import { consoleLibConfig } from '../../../eslint.config.mjs';

export default [...consoleLibConfig];
