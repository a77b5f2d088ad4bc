export * from './lib/roles';
export * from './lib/segments/segment-rule';
