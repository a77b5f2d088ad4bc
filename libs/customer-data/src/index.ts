// Customer data normalization shared by the API and the CSV import (pure, no Nest, no database).
export type { Normalized, SubscriptionStatus, DateOrder } from './lib/normalized.types';
export { normalizeEmail } from './lib/email.util';
export { normalizePhone } from './lib/phone.util';
export { normalizeCountry } from './lib/country.util';
export { MONTH_NAMES, parseDate, type DateOptions } from './lib/date.util';
export { parseAmount, type AmountOptions } from './lib/amount.util';
export { normalizeName, normalizePersonName, splitFullName } from './lib/name.util';
export { displayCase } from './lib/display-case.util';
export { normalizeCity, CITY_ALIASES } from './lib/city.util';
export { splitTags } from './lib/tags.util';
export { normalizeCurrency } from './lib/currency.util';
export { normalizeSubscriptionStatus } from './lib/status.util';
export {
  ATTRIBUTE_LIMITS,
  attributesProblems,
  ORDER_ITEMS_LIMITS,
  orderItemsProblems,
} from './lib/attribute-limits.util';
