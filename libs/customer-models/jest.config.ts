import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('customer-models', __dirname);
