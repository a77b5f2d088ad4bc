import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('api-e2e', __dirname);
