import { nodeProject } from '../../../tools/jest/node-project';

export default nodeProject('api-insights', __dirname);
