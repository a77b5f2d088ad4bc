import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('contracts', __dirname);
