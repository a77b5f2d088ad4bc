import { nodeProject } from '../../../tools/jest/node-project';

export default nodeProject('api-webhooks', __dirname);
