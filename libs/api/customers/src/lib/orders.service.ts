import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { OrderDto, OrdersResultDto } from '@mini-crm/contracts';
import { withTransaction } from '@mini-crm/db';
import { APP_CONFIG, AuditService, type AppConfig, type AuthUser, type FieldIssue } from '@mini-crm/api/core';
import { bookOrders, resolveCustomerRefs, type OrderInsert } from './order-booking';
import { customerRefOf, prepareOrderInput, unknownCustomerMessage, type PreparedOrder } from './order-input.util';
import { bookedToOrderDto } from './customer.mapper';
import { CustomersRepository } from './customers.repository';
import { ORDER_ATTRIBUTION, type OrderAttribution } from './ports/order-attribution.port';
import { ORDERS_BOOKED_LISTENER, type OrdersBookedListener } from './ports/orders-booked.port';

export const MAX_ORDERS_PER_REQUEST = 1000;

/**
 * Books orders sent through the API: validates every order (paths like `orders[3].amount`),
 * resolves customers (422 naming each unknown one), then books them and moves the customers'
 * aggregates in one statement. Re-posting an order with a known externalId books nothing.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly repo: CustomersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    @Optional() @Inject(ORDER_ATTRIBUTION) private readonly attribution: OrderAttribution | null = null,
    @Optional() @Inject(ORDERS_BOOKED_LISTENER) private readonly booked: OrdersBookedListener | null = null,
  ) {}

  /** `{ orders: [...] }` → batch result; a single order object → the booked order (409 when its externalId is known). */
  async create(body: unknown, actor: AuthUser): Promise<OrderDto | OrdersResultDto> {
    const batch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'orders' in body;
    let list: unknown[];
    if (batch) {
      const keys = Object.keys(body as object);
      if (keys.length !== 1)
        throw new BadRequestException({
          message: 'Validation failed',
          details: keys
            .filter((k) => k !== 'orders')
            .map((k) => ({ path: k, message: `property ${k} should not exist` })),
        });
      const orders = (body as { orders: unknown }).orders;
      if (!Array.isArray(orders) || orders.length === 0 || orders.length > MAX_ORDERS_PER_REQUEST) {
        throw new BadRequestException({
          message: 'Validation failed',
          details: [{ path: 'orders', message: `orders must be an array of 1 to ${MAX_ORDERS_PER_REQUEST} orders` }],
        });
      }
      list = orders;
    } else {
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new BadRequestException({ message: 'Expected an order object or { orders: [...] }' });
      list = [body];
    }
    const path = (i: number, field: string) => (batch ? `orders[${i}].${field}` : field);
    const prepared = await this.prepare(list, path);
    const refs = await resolveCustomerRefs(this.repo.db, {
      ids: prepared.map((p) => p.dto.customerId).filter((x): x is string => !!x),
      emails: prepared.map((p) => p.email).filter((x): x is string => !!x),
      externalIds: prepared.map((p) => p.dto.customerExternalId?.trim()).filter((x): x is string => !!x),
    });
    const unknown: FieldIssue[] = [];
    const inserts: OrderInsert[] = [];
    for (const p of prepared) {
      const { field, id } = customerRefOf(p, refs);
      if (id === undefined) unknown.push({ path: path(p.index, field), message: unknownCustomerMessage(field) });
      else inserts.push({ ...p.insert, customerId: id });
    }
    if (unknown.length > 0)
      throw new UnprocessableEntityException({
        message: `Unknown customer${unknown.length > 1 ? 's' : ''}`,
        details: unknown,
      });

    const booked = await withTransaction(this.repo.db, (tx) => bookOrders(tx, inserts, this.attribution));
    if (booked.length > 0) await this.booked?.ordersBooked(booked.length);
    const bookedIds = new Set(booked.map((b) => b.external_id).filter((x) => x !== null));
    const seen = new Set<string>();
    const skipped = prepared
      .filter((p) => {
        const ext = p.insert.externalId;
        if (ext === null) return false;
        const first = !seen.has(ext);
        seen.add(ext);
        return !(first && bookedIds.has(ext));
      })
      .map((p) => ({
        index: p.index,
        externalId: p.insert.externalId as string,
        reason: 'an order with this externalId is already booked',
      }));
    if (!batch) {
      if (booked.length === 0)
        throw new ConflictException({
          message: 'Duplicate order',
          details: [{ path: 'externalId', message: 'an order with this externalId is already booked' }],
        });
      await this.recordBooked(actor, booked, skipped.length);
      return bookedToOrderDto(booked[0]);
    }
    await this.recordBooked(actor, booked, skipped.length);
    return { inserted: booked.length, items: booked.map(bookedToOrderDto), skipped };
  }

  private async recordBooked(actor: AuthUser, booked: { id: string }[], skipped: number): Promise<void> {
    if (!booked.length) return;
    await this.audit.record({
      actor,
      action: 'orders.booked',
      entity: 'order',
      entityId: booked.length === 1 ? booked[0].id : null,
      diff: { inserted: booked.length, skipped, ids: booked.slice(0, 20).map((b) => b.id) },
    });
  }

  private async prepare(list: unknown[], path: (i: number, field: string) => string): Promise<PreparedOrder[]> {
    const issues: FieldIssue[] = [];
    const out: PreparedOrder[] = [];
    for (let i = 0; i < list.length; i++) {
      const r = await prepareOrderInput(list[i], i, (field) => path(i, field), this.config.defaults.currency);
      issues.push(...r.issues);
      if (r.prepared) out.push(r.prepared);
    }
    if (issues.length > 0) throw new BadRequestException({ message: 'Validation failed', details: issues });
    return out;
  }
}
