import { nodeProject } from '../../tools/jest/node-project';

export default nodeProject('message-text', __dirname);
