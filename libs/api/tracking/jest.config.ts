import { nodeProject } from '../../../tools/jest/node-project';

export default nodeProject('api-tracking', __dirname);
