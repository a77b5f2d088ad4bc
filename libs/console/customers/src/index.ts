export * from './lib/customers.routes';
export * from './lib/data/customers-api.service';
export * from './lib/format/customer-format.util';
export * from './lib/list/customer-list-prefetch';
