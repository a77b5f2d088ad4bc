import { nodeProject } from '../../tools/jest/node-project';

const base = nodeProject('segment-engine', __dirname);

// @mini-crm/contracts now carries class-transformer DTOs whose decorators need the Reflect
// metadata polyfill at import time; the engine itself does not use it.
export default { ...base, setupFiles: ['reflect-metadata'] };
