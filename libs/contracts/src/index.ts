export * from './lib/roles';
export * from './lib/segments/segment-rule';
export * from './lib/dto/page-query.dto';
export * from './lib/dto/error.dto';
export * from './lib/dto/auth.dto';
export * from './lib/dto/users.dto';
export * from './lib/segments/segment-fields';
export * from './lib/segments/segment-rule.schema';
