import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BatchRecordResultDto, BatchResultDto } from '@mini-crm/contracts';
import { withTransaction } from '@mini-crm/db';
import { APP_CONFIG, AuditService, type AppConfig, type AuthUser } from '@mini-crm/api/core';
import { batchRecords, batchResult, recordPath } from './batch-envelope.util';
import {
  bookOrders,
  lockOrdersByExternalId,
  resolveCustomerRefs,
  reviseOrders,
  type OrderInsert,
  type OrderRevision,
} from './order-booking';
import { customerRefOf, prepareOrderInput, unknownCustomerMessage, type PreparedOrder } from './order-input.util';
import { CustomersRepository } from './customers.repository';
import { ORDER_ATTRIBUTION, type OrderAttribution } from './ports/order-attribution.port';
import { ORDERS_BOOKED_LISTENER, type OrdersBookedListener } from './ports/orders-booked.port';

/**
 * `POST /api/orders/batch`: upserts up to 1,000 orders by their externalId. Each record is validated
 * as `POST /api/orders` validates an order; invalid ones (bad fields, unknown customer, an externalId
 * repeated in the batch or booked for another customer) are reported and change nothing. The others
 * land in one transaction: new orders are booked (customer aggregates move with them), known ones get
 * their amount, currency, status and items, and the customer's total spend moves by the difference.
 */
@Injectable()
export class OrderBatchService {
  constructor(
    private readonly repo: CustomersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    @Optional() @Inject(ORDER_ATTRIBUTION) private readonly attribution: OrderAttribution | null = null,
    @Optional() @Inject(ORDERS_BOOKED_LISTENER) private readonly booked: OrdersBookedListener | null = null,
  ) {}

  async upsert(body: unknown, actor: AuthUser): Promise<BatchResultDto> {
    const records = batchRecords(body);
    const results: BatchRecordResultDto[] = [];
    const valid: PreparedOrder[] = [];
    const firstIndexOf = new Map<string, number>();
    for (let i = 0; i < records.length; i++) {
      const { prepared, issues } = await prepareOrderInput(
        records[i],
        i,
        (field) => recordPath(i, field),
        this.config.defaults.currency,
      );
      const ext = prepared?.insert.externalId;
      if (prepared && !ext)
        issues.push({
          path: recordPath(i, 'externalId'),
          message: 'externalId is required in a batch (orders upsert by it)',
        });
      else if (ext && firstIndexOf.has(ext))
        issues.push({
          path: recordPath(i, 'externalId'),
          message: `externalId repeats records[${firstIndexOf.get(ext)}] of this batch`,
        });
      else if (ext) firstIndexOf.set(ext, i);
      if (prepared && issues.length === 0) valid.push(prepared);
      else results.push({ index: i, status: 'invalid', errors: issues });
    }

    await withTransaction(this.repo.db, async (tx) => {
      const refs = await resolveCustomerRefs(tx, {
        ids: valid.map((p) => p.dto.customerId).filter((x): x is string => !!x),
        emails: valid.map((p) => p.email).filter((x): x is string => !!x),
        externalIds: valid.map((p) => p.dto.customerExternalId?.trim()).filter((x): x is string => !!x),
      });
      const stored = new Map(
        (
          await lockOrdersByExternalId(
            tx,
            valid.map((p) => p.insert.externalId as string),
          )
        ).map((o) => [o.external_id, o]),
      );
      const inserts: Array<OrderInsert & { index: number }> = [];
      const revisions: Array<OrderRevision & { index: number }> = [];
      for (const p of valid) {
        const { field, id: customerId } = customerRefOf(p, refs);
        const known = stored.get(p.insert.externalId as string);
        if (customerId === undefined)
          results.push({
            index: p.index,
            status: 'invalid',
            errors: [{ path: recordPath(p.index, field), message: unknownCustomerMessage(field) }],
          });
        else if (known && known.customer_id !== customerId)
          results.push({
            index: p.index,
            status: 'invalid',
            errors: [
              {
                path: recordPath(p.index, field),
                message: 'an order with this externalId belongs to another customer',
              },
            ],
          });
        else if (known) revisions.push({ ...p.insert, id: known.id, index: p.index });
        else inserts.push({ ...p.insert, customerId, index: p.index });
      }
      const booked = new Map(
        (await bookOrders(tx, inserts, this.attribution)).map((b) => [b.external_id as string, b.id]),
      );
      for (const o of inserts) {
        const id = booked.get(o.externalId as string);
        // Not booked: a concurrent request booked this externalId first.
        results.push(id ? { index: o.index, status: 'created', id } : { index: o.index, status: 'unchanged' });
      }
      const changed = new Set(await reviseOrders(tx, revisions));
      for (const r of revisions)
        results.push({ index: r.index, status: changed.has(r.id) ? 'updated' : 'unchanged', id: r.id });
      const out = batchResult(results);
      await this.audit.record(
        {
          actor,
          action: 'orders.batch_upserted',
          entity: 'order',
          entityId: null,
          diff: {
            records: records.length,
            created: out.created,
            updated: out.updated,
            unchanged: out.unchanged,
            invalid: out.invalid,
          },
        },
        tx,
      );
    });
    const out = batchResult(results);
    if (out.created + out.updated > 0) await this.booked?.ordersBooked(out.created + out.updated);
    return out;
  }
}
