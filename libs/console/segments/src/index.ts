export * from './lib/segments.routes';
export * from './lib/data/segments-api.service';
export * from './lib/rules/rule-tree.util';
export * from './lib/rules/rule-issues.util';
export * from './lib/rules/operator-labels.util';
export * from './lib/rules/field-options.util';
