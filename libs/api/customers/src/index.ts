export * from './lib/customers.module';
export * from './lib/customers.service';
export * from './lib/customer-consent.service';
export { consentSourceOf } from './lib/customer-consent.util';
export * from './lib/customer-webhooks.service';
export * from './lib/orders.service';
export { normalizeCustomerInput, type CustomerChanges } from './lib/customer-input.util';
export { batchRecords, batchResult, recordPath } from './lib/batch-envelope.util';
export * from './lib/city-aliases/city-aliases.service';
export { toCustomerDto, toOrderDto } from './lib/customer.mapper';
export * from './lib/consent/consent.module';
export * from './lib/consent/consent.service';
export * from './lib/consent/email-feedback.service';
export {
  bookOrders,
  bookOrdersFrom,
  resolveCustomerRefs,
  ORDER_BOOKING_COLUMNS,
  type OrderInsert,
  type BookedOrderRow,
} from './lib/order-booking';
export * from './lib/ports/order-attribution.port';
export * from './lib/ports/orders-booked.port';
export * from './lib/ports/unsubscribe-listener.port';
export { SuppressionService } from './lib/consent/suppression/suppression.service';
export { ConsentSettingsService } from './lib/consent/settings/consent-settings.service';
export {
  ConsentEventsRepository,
  importedConsentEvents,
  writeConsentEvents,
  type ConsentEventInput,
} from './lib/consent/history/consent-events.repository';
export { toConsentEventDto } from './lib/consent/history/consent-event.mapper';
