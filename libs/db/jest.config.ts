import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('db', __dirname);
