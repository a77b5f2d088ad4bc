import { nodeProject } from '../../tools/jest/node-project';

export default { ...nodeProject('console-e2e', __dirname), testTimeout: 120_000 };
