import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateOrderDto } from '@mini-crm/contracts';
import { flattenValidationErrors, type FieldIssue } from '@mini-crm/api/core';
import { normalizeCurrency, normalizeEmail, orderItemsProblems, parseAmount } from '@mini-crm/customer-data';
import type { OrderInsert } from './order-booking';

/** One valid order from the API, normalized and ready to book once its customer is resolved. */
export interface PreparedOrder {
  index: number;
  dto: CreateOrderDto;
  /** The normalized customerEmail, if given. */
  email: string | null;
  insert: Omit<OrderInsert, 'customerId'>;
}

/**
 * Validates and normalizes one order sent through the API (`POST /api/orders` and the order batch):
 * answers the prepared order, or the issues with their paths (`path(field)`, e.g. `orders[3].amount`).
 */
export async function prepareOrderInput(
  item: unknown,
  index: number,
  path: (field: string) => string,
  defaultCurrency: string,
): Promise<{ prepared: PreparedOrder | null; issues: FieldIssue[] }> {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return { prepared: null, issues: [{ path: path('').replace(/\.$/, ''), message: 'must be an order object' }] };
  const dto = plainToInstance(CreateOrderDto, item);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const found = flattenValidationErrors(errors).map((e) => ({ path: path(e.path), message: e.message }));
  let email: string | null = null;
  if (dto.customerEmail !== undefined) {
    const r = normalizeEmail(dto.customerEmail);
    if (r.ok) email = r.value;
    else found.push({ path: path('customerEmail'), message: `Customer email is not valid: ${r.reason}` });
  }
  if (!dto.customerId && !dto.customerExternalId?.trim() && !dto.customerEmail) {
    found.push({
      path: path('customerId'),
      message: 'one of customerId, customerExternalId or customerEmail is required',
    });
  }
  let amount = '';
  if (typeof dto.amount === 'number' || typeof dto.amount === 'string') {
    const r = parseAmount(String(dto.amount), { decimalSeparator: '.' });
    if (!r.ok) found.push({ path: path('amount'), message: r.reason });
    else if (r.value.startsWith('-')) found.push({ path: path('amount'), message: 'amount must not be negative' });
    else amount = r.value;
  }
  let currency = defaultCurrency;
  if (dto.currency !== undefined) {
    const r = normalizeCurrency(dto.currency);
    if (r.ok) currency = r.value;
    else found.push({ path: path('currency'), message: r.reason });
  }
  for (const problem of orderItemsProblems(dto.items)) found.push({ path: path('items'), message: `Items ${problem}` });
  if (found.length > 0) return { prepared: null, issues: found };
  return {
    prepared: {
      index,
      dto,
      email,
      insert: {
        externalId: dto.externalId?.trim() || null,
        amount,
        currency,
        status: dto.status?.trim().toLowerCase() || null,
        items: dto.items ?? null,
        orderedAt: new Date(dto.orderedAt),
      },
    },
    issues: [],
  };
}

/** Which customer an order names: the first of customerId, customerExternalId, customerEmail it carries. */
export function customerRefOf(
  p: PreparedOrder,
  refs: { byId: Set<string>; byExternalId: Map<string, string>; byEmail: Map<string, string> },
): { field: 'customerId' | 'customerExternalId' | 'customerEmail'; id: string | undefined } {
  const { customerId, customerExternalId } = p.dto;
  if (customerId) return { field: 'customerId', id: refs.byId.has(customerId) ? customerId : undefined };
  if (customerExternalId?.trim())
    return { field: 'customerExternalId', id: refs.byExternalId.get(customerExternalId.trim()) };
  return { field: 'customerEmail', id: p.email ? refs.byEmail.get(p.email) : undefined };
}

/** `no customer with this email` for customerEmail, and so on. */
export function unknownCustomerMessage(field: string): string {
  return `no customer with this ${field.replace('customer', '').replace(/^./, (c) => c.toLowerCase())}`;
}
