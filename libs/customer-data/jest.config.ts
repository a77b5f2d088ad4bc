import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('customer-data', __dirname);
