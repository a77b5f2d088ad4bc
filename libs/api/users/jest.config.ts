import { nodeProject } from '../../../tools/jest/node-project';

export default nodeProject('api-users', __dirname);
