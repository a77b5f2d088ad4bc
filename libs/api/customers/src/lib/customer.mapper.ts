import type { CustomerDto, CustomerOutlookDto, OrderDto, RfmSegmentValue } from '@mini-crm/contracts';
import type { customers, orders } from '@mini-crm/db';
import type { BookedOrderRow } from './order-booking';

export type CustomerRow = typeof customers.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;

const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

export function toCustomerDto(r: CustomerRow): CustomerDto {
  return {
    id: r.id,
    externalId: r.externalId,
    email: r.email,
    phone: r.phone,
    firstName: r.firstName,
    lastName: r.lastName,
    city: r.city,
    country: r.country,
    tags: r.tags,
    attributes: r.attributes,
    totalSpend: Number(r.totalSpend),
    orderCount: r.orderCount,
    visitCount: r.visitCount,
    firstOrderAt: iso(r.firstOrderAt),
    lastOrderAt: iso(r.lastOrderAt),
    lastActiveAt: iso(r.lastActiveAt),
    emailStatus: r.emailStatus as CustomerDto['emailStatus'],
    smsStatus: r.smsStatus as CustomerDto['smsStatus'],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The model's scores of a customer, or null when the last run did not score them (no orders, no run yet). */
export function toOutlookDto(r: CustomerRow): CustomerOutlookDto | null {
  if (r.scoredAt === null || r.rfmScore === null) return null;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    rfmScore: r.rfmScore,
    rfmSegment: r.rfmSegment as RfmSegmentValue,
    recencyScore: r.recencyScore ?? 0,
    frequencyScore: r.frequencyScore ?? 0,
    monetaryScore: r.monetaryScore ?? 0,
    churnRisk: r.churnRisk ?? 0,
    pAlive: r.pAlive ?? 0,
    expectedOrders30d: r.expectedOrders30d ?? 0,
    expectedOrders90d: r.expectedOrders90d ?? 0,
    predictedClv: num(r.predictedClv),
    avgOrderValue: num(r.avgOrderValue),
    scoredAt: r.scoredAt.toISOString(),
  };
}

export function toOrderDto(r: OrderRow): OrderDto {
  return {
    id: r.id,
    customerId: r.customerId,
    externalId: r.externalId,
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status,
    items: r.items ?? null,
    orderedAt: r.orderedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

/** A row booked through raw SQL (snake_case, timestamps possibly as text). */
export function bookedToOrderDto(r: BookedOrderRow): OrderDto {
  return {
    id: r.id,
    customerId: r.customer_id,
    externalId: r.external_id,
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status,
    items: r.items ?? null,
    orderedAt: iso(r.ordered_at) as string,
    createdAt: iso(r.created_at) as string,
  };
}
