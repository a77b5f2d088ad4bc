import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  compileQuery,
  customers,
  orders,
  preparedRows,
  type CompiledQuery,
  rowsOf,
  type Database,
  type DbHandle,
  type DbOrTx,
} from '@mini-crm/db';
import type { CustomerSort } from '@mini-crm/contracts';
import { DB, DB_HANDLE } from '@mini-crm/api/core';
import type { CustomerRow, OrderRow } from './customer.mapper';
import type { CustomerChanges } from './customer-input.util';
import {
  customerDtoJsonText,
  CUSTOMER_SORT_SPECS,
  keysetOrder,
  keysetPredicate,
  likePattern,
} from './customer-list.query';

export interface CustomerListFilter {
  limit: number;
  q?: string;
  city?: string;
  tag?: string;
  sort: CustomerSort;
  desc: boolean;
  /** Decoded cursor: the sort key values then the id. */
  after: unknown[] | null;
  /** Sync: rows with updated_at ≥ this instant, and only those every writer has committed (see syncHorizon). */
  updatedSince?: Date;
  /** Each row also carries the model scores (`outlook`). */
  outlook?: boolean;
}

/**
 * Every write stamps updated_at with now(), its transaction's start. A row stamped before the start of
 * the oldest transaction still open elsewhere can no longer appear behind a sync cursor, so a sync
 * page stops there. On PGlite (one connection) nothing else is open: now().
 */
const SYNC_HORIZON = sql`(select least(now(), min(a.xact_start)) from pg_stat_activity a
  where a.datname = current_database() and a.pid <> pg_backend_pid() and a.xact_start is not null
    and a.backend_type = 'client backend')`;

/** What decides a list query's SQL text; the values travel as placeholders. */
interface ListShape {
  sort: CustomerListFilter['sort'];
  desc: boolean;
  q: boolean;
  /** The search has 3+ digits: it also matches phone numbers by their digits. */
  digits: boolean;
  city: boolean;
  tag: boolean;
  /** Values in the cursor (0: first page). */
  after: number;
  updatedSince: boolean;
  outlook: boolean;
}

/** One page plus one row of a list shape, every value a placeholder (see CustomersRepository.list). */
function listQuery(shape: ListShape): SQL {
  const spec = CUSTOMER_SORT_SPECS[shape.sort];
  const p = (name: string) => sql.placeholder(name);
  const where: SQL[] = [];
  if (shape.q) {
    const conditions: SQL[] = [
      sql`customers.email ilike ${p('like')}`,
      sql`customers.first_name ilike ${p('like')}`,
      sql`customers.last_name ilike ${p('like')}`,
      sql`(coalesce(customers.first_name, '') || ' ' || coalesce(customers.last_name, '')) ilike ${p('like')}`,
      sql`customers.phone like ${p('like')}`,
      sql`customers.external_id = ${p('exact')}`,
    ];
    if (shape.digits) conditions.push(sql`customers.phone like ${p('digitsLike')}`);
    where.push(sql`(${sql.join(conditions, sql` or `)})`);
  }
  if (shape.city) where.push(sql`lower(customers.city) = lower(${p('city')})`);
  if (shape.tag) where.push(sql`customers.tags @> array[${p('tag')}]::text[]`);
  if (shape.after)
    where.push(
      keysetPredicate(
        spec,
        sql`customers.id`,
        Array.from({ length: shape.after }, (_, i) => p(`after${i}`)),
        shape.desc,
      ),
    );
  if (shape.updatedSince)
    where.push(
      sql`customers.updated_at >= ${p('updatedSince')}::timestamptz and customers.updated_at < ${SYNC_HORIZON}`,
    );
  const keys = spec.keys.map((k, i) => sql`(${k})::text as ${sql.raw(`k${i}`)}`);
  return sql`
    select ${customerDtoJsonText(shape.outlook)} as json, customers.id::text as id, ${sql.join(keys, sql`, `)}
      from customers
      ${where.length ? sql`where ${and(...where)}` : sql``}
     order by ${keysetOrder(spec, sql`customers.id`, shape.desc)}
     limit ${p('limit')}`;
}

/** The customers and orders tables (reads and single-row writes; bulk writes go through the import writers). */
@Injectable()
export class CustomersRepository {
  constructor(
    @Inject(DB) readonly db: Database,
    @Inject(DB_HANDLE) private readonly handle: DbHandle,
  ) {}

  /** Each list shape's statement, compiled on first use (shapes are a small bounded set: sort, order, filters). */
  private readonly listQueries = new Map<string, CompiledQuery>();

  /**
   * One page plus one row, each as the DTO's JSON text (`json`), its id and its keyset key (`keys`: text
   * values of the sort keys). The page leaves PostgreSQL already in the answer's shape: the API neither
   * parses nor re-serializes it (bench/api).
   */
  async list(f: CustomerListFilter): Promise<Array<{ json: string; id: string; keys: string[] }>> {
    const spec = CUSTOMER_SORT_SPECS[f.sort];
    const q = f.q?.trim() ?? '';
    const digits = f.q ? f.q.replace(/\D/g, '') : '';
    const shape: ListShape = {
      sort: f.sort,
      desc: f.desc,
      q: !!f.q,
      digits: digits.length >= 3,
      city: !!f.city,
      tag: !!f.tag,
      after: f.after?.length ?? 0,
      updatedSince: !!f.updatedSince,
      outlook: f.outlook === true,
    };
    const key = JSON.stringify(shape);
    let query = this.listQueries.get(key);
    if (!query) this.listQueries.set(key, (query = compileQuery(listQuery(shape))));
    const values: Record<string, unknown> = {
      limit: f.limit + 1,
      like: likePattern(q),
      digitsLike: likePattern(digits),
      exact: q,
      city: f.city?.trim(),
      tag: f.tag?.trim().toLowerCase(),
      updatedSince: f.updatedSince?.toISOString(),
    };
    f.after?.forEach((v, i) => (values[`after${i}`] = String(v)));
    // A prepared statement per shape (sort, filters): the page is the console's and integrations' hottest read.
    const rows = await preparedRows<{ json: string; id: string } & Record<string, unknown>>(this.handle, query, values);
    return rows.map((r) => ({ json: r.json, id: r.id, keys: spec.keys.map((_, i) => String(r[`k${i}`])) }));
  }

  async get(id: string, tx: DbOrTx = this.db, opts: { forUpdate?: boolean } = {}): Promise<CustomerRow | null> {
    const query = tx.select().from(customers).where(eq(customers.id, id)).limit(1);
    const [row] = opts.forUpdate ? await query.for('update') : await query;
    return row ?? null;
  }

  async getMany(ids: readonly string[], tx: DbOrTx = this.db): Promise<CustomerRow[]> {
    if (ids.length === 0) return [];
    return tx
      .select()
      .from(customers)
      .where(sql`${customers.id} = any(${sql.param([...ids])}::uuid[])`);
  }

  /** Customers (other than `exceptId`) already holding one of these identifiers. */
  async holders(
    ids: { externalId?: string | null; email?: string | null; phone?: string | null },
    exceptId?: string,
  ): Promise<Array<Pick<CustomerRow, 'id' | 'externalId' | 'email' | 'phone'>>> {
    const match: SQL[] = [];
    if (ids.externalId) match.push(eq(customers.externalId, ids.externalId));
    if (ids.email) match.push(eq(customers.email, ids.email));
    if (ids.phone) match.push(eq(customers.phone, ids.phone));
    if (match.length === 0) return [];
    return this.db
      .select({ id: customers.id, externalId: customers.externalId, email: customers.email, phone: customers.phone })
      .from(customers)
      .where(exceptId ? and(or(...match), ne(customers.id, exceptId)) : or(...match));
  }

  async insert(values: CustomerChanges, tx: DbOrTx = this.db): Promise<CustomerRow> {
    const [row] = await tx.insert(customers).values(values).returning();
    return row;
  }

  async update(id: string, values: CustomerChanges, tx: DbOrTx = this.db): Promise<CustomerRow | null> {
    const [row] = await tx
      .update(customers)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(customers.id, id))
      .returning();
    return row ?? null;
  }

  async delete(id: string, tx: DbOrTx = this.db): Promise<CustomerRow | null> {
    const [row] = await tx.delete(customers).where(eq(customers.id, id)).returning();
    return row ?? null;
  }

  /** Clears every identifying field of a customer (erasure); aggregates and consent statuses stay. */
  async erase(id: string, tx: DbOrTx = this.db): Promise<void> {
    await tx
      .update(customers)
      .set({
        externalId: null,
        email: null,
        phone: null,
        firstName: null,
        lastName: null,
        city: null,
        country: null,
        tags: [],
        attributes: {},
        updatedAt: sql`now()`,
      })
      .where(eq(customers.id, id));
  }

  async recordVisit(id: string, at: Date): Promise<CustomerRow | null> {
    const [row] = await this.db
      .update(customers)
      .set({
        visitCount: sql`${customers.visitCount} + 1`,
        lastActiveAt: sql`greatest(${customers.lastActiveAt}, ${at.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      })
      .where(eq(customers.id, id))
      .returning();
    return row ?? null;
  }

  async recentOrders(customerId: string, limit: number): Promise<OrderRow[]> {
    return this.db
      .select()
      .from(orders)
      .where(eq(orders.customerId, customerId))
      .orderBy(desc(orders.orderedAt), desc(orders.id))
      .limit(limit);
  }

  /** Orders newest first, keyset on (ordered_at, id); `after` holds the text key. */
  async orders(
    customerId: string,
    limit: number,
    after: [string, string] | null,
  ): Promise<Array<OrderRow & { key: string }>> {
    const where: SQL[] = [eq(orders.customerId, customerId)];
    if (after) where.push(sql`(orders.ordered_at, orders.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    const rows = await this.db
      .select({ ...getTableColumns(orders), key: sql<string>`orders.ordered_at::text` })
      .from(orders)
      .where(and(...where))
      .orderBy(desc(orders.orderedAt), desc(orders.id))
      .limit(limit + 1);
    return rows;
  }
}
