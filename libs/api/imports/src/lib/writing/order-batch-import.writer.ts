import { sql } from 'drizzle-orm';
import {
  bookOrders,
  bookOrdersFrom,
  resolveCustomerRefs,
  ORDER_BOOKING_COLUMNS,
  type BookedOrderRow,
  type OrderAttribution,
  type OrderInsert,
} from '@mini-crm/api/customers';
import type { OrderRecord } from '../parsing/import.types';
import { issue } from '../parsing/row-issue.util';
import type { BatchTx } from './batch-session';
import type { BatchOutcome } from './customer-batch.writer';
import { orderCopyText, type OrderWireBatch } from './order-wire';

/** Header names used in row errors about the customer reference. */
export interface OrderRefColumns {
  customerEmail: string;
  customerExternalId: string;
}

type WireOrder = Omit<OrderRecord, 'orderedAt'> & { orderedAt: string };

/**
 * Writes one batch of order rows: an order id seen earlier in the batch, or already booked, is a
 * duplicate; a row naming an unknown customer fails (error in the report); the rest are booked
 * with the customers' aggregates in the same statement. Unmapped columns are kept in `items`.
 */
export async function writeOrderBatch(
  tx: BatchTx,
  batch: OrderWireBatch,
  columns: OrderRefColumns,
  attribution: OrderAttribution | null = null,
): Promise<BatchOutcome> {
  const out: BatchOutcome = { inserted: 0, updated: 0, duplicates: 0, failed: 0, issues: [] };
  const rows = batch.json.map((j) => JSON.parse(j) as [WireOrder, string[]]);
  const emails: string[] = [];
  const externalIds: string[] = [];
  for (const [r] of rows) {
    if (r.customerEmail) emails.push(r.customerEmail);
    if (r.customerExternalId) externalIds.push(r.customerExternalId);
  }
  const refs = await resolveCustomerRefs(tx.db, { emails, externalIds });
  const seen = new Set<string>();
  const inserts: OrderInsert[] = [];
  rows.forEach(([r, cells], i) => {
    const customerId =
      (r.customerExternalId ? refs.byExternalId.get(r.customerExternalId) : undefined) ??
      (r.customerEmail ? refs.byEmail.get(r.customerEmail) : undefined);
    if (customerId === undefined) {
      const byExt = r.customerExternalId !== null;
      const message = byExt
        ? `unknown customer: no customer with external id "${r.customerExternalId}"${r.customerEmail ? ` or email "${r.customerEmail}"` : ''}`
        : `unknown customer: no customer with email "${r.customerEmail}"`;
      out.issues.push(
        issue('error', batch.rowNumbers[i], byExt ? columns.customerExternalId : columns.customerEmail, message, cells),
      );
      out.failed++;
      return;
    }
    if (r.externalId !== null) {
      if (seen.has(r.externalId)) {
        out.duplicates++;
        return;
      }
      seen.add(r.externalId);
    }
    inserts.push({
      customerId,
      externalId: r.externalId,
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      items: Object.keys(r.attributes).length > 0 ? r.attributes : null,
      orderedAt: new Date(r.orderedAt),
    });
  });
  const booked = await book(tx, inserts, attribution);
  out.inserted = booked.length;
  out.duplicates += inserts.length - booked.length;
  return out;
}

/** Books through the session's staging table with COPY on the server driver, else through bound VALUES. */
async function book(
  tx: BatchTx,
  orders: OrderInsert[],
  attribution: OrderAttribution | null,
): Promise<BookedOrderRow[]> {
  if (!tx.copy || orders.length === 0) return bookOrders(tx.db, orders, attribution);
  await tx.copy(`import_stage_orders (${ORDER_BOOKING_COLUMNS})`, orderCopyText(orders));
  return bookOrdersFrom(tx.db, sql.raw(`select ${ORDER_BOOKING_COLUMNS} from import_stage_orders`), attribution);
}
