import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('segment-engine', __dirname);
