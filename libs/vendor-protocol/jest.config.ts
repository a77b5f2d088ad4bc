import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('vendor-protocol', __dirname);
