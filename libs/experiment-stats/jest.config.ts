import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('experiment-stats', __dirname);
