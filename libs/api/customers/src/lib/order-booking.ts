import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@mini-crm/db';
import type { OrderAttribution } from './ports/order-attribution.port';

/** An order ready to book. */
export interface OrderInsert {
  customerId: string;
  externalId: string | null;
  /** Canonical decimal string. */
  amount: string;
  currency: string;
  status: string | null;
  items: unknown;
  orderedAt: Date;
}

/** An order row as booked (snake_case, as the database returns it). */
export interface BookedOrderRow {
  id: string;
  customer_id: string;
  external_id: string | null;
  amount: string;
  currency: string;
  status: string;
  items: unknown;
  ordered_at: string | Date;
  created_at: string | Date;
}

/** Columns an order is booked with, in this order (bound VALUES and staged rows alike). */
export const ORDER_BOOKING_COLUMNS = 'customer_id, external_id, amount, currency, status, items, ordered_at';
const VALUES_CHUNK = 1000;

/**
 * Books orders and moves the customers' aggregates (total_spend, order_count, first/last order,
 * last activity) in the same statement: INSERT … ON CONFLICT DO NOTHING RETURNING feeds one
 * grouped UPDATE … FROM, so an order whose external id is already booked changes nothing and
 * re-posting a batch never double-counts. Answers the booked rows. `attribution` (when given) is
 * asked to attribute the newly booked orders in the same transaction `db`.
 */
export async function bookOrders(
  db: DbOrTx,
  orders: readonly OrderInsert[],
  attribution?: OrderAttribution | null,
): Promise<BookedOrderRow[]> {
  const booked: BookedOrderRow[] = [];
  for (let i = 0; i < orders.length; i += VALUES_CHUNK) {
    const rows: SQL[] = orders
      .slice(i, i + VALUES_CHUNK)
      .map(
        (o) =>
          sql`(${o.customerId}::uuid, ${o.externalId}::text, ${o.amount}::numeric, ${o.currency}::text, ${o.status ?? 'completed'}::text, ${o.items === null || o.items === undefined ? null : JSON.stringify(o.items)}::jsonb, ${o.orderedAt.toISOString()}::timestamptz)`,
      );
    booked.push(
      ...(await bookOrdersFrom(
        db,
        sql`select * from (values ${sql.join(rows, sql`, `)}) as v(${sql.raw(ORDER_BOOKING_COLUMNS)})`,
        attribution,
      )),
    );
  }
  return booked;
}

/** Books the orders `source` selects (ORDER_BOOKING_COLUMNS, e.g. from a COPY staging table) the same way. */
export async function bookOrdersFrom(
  db: DbOrTx,
  source: SQL,
  attribution?: OrderAttribution | null,
): Promise<BookedOrderRow[]> {
  const res = await db.execute(sql`
    with ins as (
      insert into orders (${sql.raw(ORDER_BOOKING_COLUMNS)})
      select ${sql.raw(ORDER_BOOKING_COLUMNS)} from (${source}) as src
      on conflict do nothing
      returning *
    ), agg as (
      select customer_id, sum(amount) as spend, count(*)::int as n, min(ordered_at) as first_at, max(ordered_at) as last_at
      from ins group by customer_id
    ), upd as (
      update customers as c set total_spend = c.total_spend + agg.spend, order_count = c.order_count + agg.n,
        first_order_at = least(c.first_order_at, agg.first_at), last_order_at = greatest(c.last_order_at, agg.last_at),
        last_active_at = greatest(c.last_active_at, agg.last_at), updated_at = now()
      from agg where c.id = agg.customer_id
      returning c.id
    )
    select * from ins`);
  const booked = rowsOf<BookedOrderRow>(res);
  if (attribution && booked.length)
    await attribution.attribute(
      db,
      booked.map((b) => b.id),
    );
  return booked;
}

export interface CustomerRefs {
  ids?: readonly string[];
  emails?: readonly string[];
  externalIds?: readonly string[];
}

export interface CustomerRefMaps {
  byId: Set<string>;
  byEmail: Map<string, string>;
  byExternalId: Map<string, string>;
}

/** Finds the customers orders refer to, by id, email or external id (one query). */
export async function resolveCustomerRefs(db: DbOrTx, refs: CustomerRefs): Promise<CustomerRefMaps> {
  const out: CustomerRefMaps = { byId: new Set(), byEmail: new Map(), byExternalId: new Map() };
  const ids = [...new Set(refs.ids ?? [])];
  const emails = [...new Set(refs.emails ?? [])];
  const externalIds = [...new Set(refs.externalIds ?? [])];
  if (ids.length + emails.length + externalIds.length === 0) return out;
  const res = await db.execute(
    sql`select id, email, external_id from customers where id = any(${sql.param(ids)}::uuid[]) or email = any(${sql.param(emails)}::text[]) or external_id = any(${sql.param(externalIds)}::text[])`,
  );
  for (const row of rowsOf<{ id: string; email: string | null; external_id: string | null }>(res)) {
    out.byId.add(row.id);
    if (row.email) out.byEmail.set(row.email, row.id);
    if (row.external_id) out.byExternalId.set(row.external_id, row.id);
  }
  return out;
}

/** A booked order as an upsert finds it (locked until commit). */
export interface StoredOrderRef {
  id: string;
  customer_id: string;
  external_id: string;
}

/** The orders with these external ids, locked for the caller's transaction. */
export async function lockOrdersByExternalId(db: DbOrTx, externalIds: readonly string[]): Promise<StoredOrderRef[]> {
  if (externalIds.length === 0) return [];
  return rowsOf<StoredOrderRef>(
    await db.execute(
      sql`select id, customer_id, external_id from orders where external_id = any(${sql.param([...externalIds])}::text[]) for update`,
    ),
  );
}

/** New values for a booked order (its customer and date stay). */
export interface OrderRevision {
  id: string;
  amount: string;
  currency: string;
  status: string | null;
  items: unknown;
}

/**
 * Updates booked orders' amount, currency, status and items, and moves each customer's total_spend
 * by the difference in the same statement (all CTEs read the rows as they were before it). Orders
 * whose values are already these are left alone. Answers the ids of the orders that changed.
 */
export async function reviseOrders(db: DbOrTx, revisions: readonly OrderRevision[]): Promise<string[]> {
  const changed: string[] = [];
  for (let i = 0; i < revisions.length; i += VALUES_CHUNK) {
    const rows: SQL[] = revisions
      .slice(i, i + VALUES_CHUNK)
      .map(
        (r) =>
          sql`(${r.id}::uuid, ${r.amount}::numeric, ${r.currency}::text, ${r.status ?? 'completed'}::text, ${r.items === null || r.items === undefined ? null : JSON.stringify(r.items)}::jsonb)`,
      );
    const res = await db.execute(sql`
      with v(id, amount, currency, status, items) as (values ${sql.join(rows, sql`, `)}),
      old as (
        select o.id, o.customer_id, o.amount from orders o join v on v.id = o.id
        where (o.amount, o.currency, o.status, o.items) is distinct from (v.amount, v.currency, v.status, v.items)
      ), upd as (
        update orders o set amount = v.amount, currency = v.currency, status = v.status, items = v.items
        from v join old on old.id = v.id where o.id = v.id
        returning o.id, o.amount
      ), agg as (
        select old.customer_id, sum(upd.amount - old.amount) as delta from upd join old on old.id = upd.id
        group by old.customer_id
      ), cust as (
        update customers c set total_spend = c.total_spend + agg.delta, updated_at = now()
        from agg where c.id = agg.customer_id
        returning c.id
      )
      select id from upd`);
    changed.push(...rowsOf<{ id: string }>(res).map((r) => r.id));
  }
  return changed;
}
