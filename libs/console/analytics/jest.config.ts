import { nodeProject } from '../../../tools/jest/node-project';

// Plain-TypeScript units only (no Angular runtime): utils with no @angular imports.
export default nodeProject('console-analytics', __dirname);
