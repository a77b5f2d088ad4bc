import { nodeProject } from '../../../tools/jest/node-project';

export default nodeProject('testing-e2e', __dirname);
