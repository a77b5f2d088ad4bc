import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { consentOnlyTightens } from '@mini-crm/contracts';
import type {
  CreateCustomerDto,
  CustomerDetailDto,
  CustomerDto,
  CustomerListQueryDto,
  OrderPageDto,
  UpdateCustomerDto,
} from '@mini-crm/contracts';
import { isUniqueViolation, pgErrorOf, withTransaction } from '@mini-crm/db';
import {
  APP_CONFIG,
  AuditService,
  decodeCursor,
  encodeCursor,
  fieldChanges,
  jsonPage,
  type AppConfig,
  type AuthUser,
  type FieldIssue,
  type JsonText,
  WebhookEvents,
} from '@mini-crm/api/core';
import { CityAliasesService } from './city-aliases/city-aliases.service';
import { consentChanges } from './consent/consent-changes.util';
import { ConsentEventsRepository } from './consent/history/consent-events.repository';
import { SuppressionService } from './consent/suppression/suppression.service';
import { toCustomerDto, toOrderDto, toOutlookDto, type CustomerRow } from './customer.mapper';
import { consentEventsOf, consentSourceOf, publishUnsubscribes, suppressTightened } from './customer-consent.util';
import { normalizeCustomerInput, type CustomerChanges } from './customer-input.util';
import { CustomersRepository } from './customers.repository';

const IDENTIFIERS = [
  ['externalId', 'external id'],
  ['email', 'email'],
  ['phone', 'phone'],
] as const;

@Injectable()
export class CustomersService {
  constructor(
    private readonly repo: CustomersRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly aliases: CityAliasesService,
    private readonly consentEvents: ConsentEventsRepository,
    private readonly suppressions: SuppressionService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** The alias map when the input sets a city (one small read), else nothing to look up. */
  private async cityAliases(input: { city?: string | null }): Promise<Record<string, string> | undefined> {
    return input.city ? this.aliases.aliasMap() : undefined;
  }

  /** The page as `CustomerPageDto`'s JSON text, built by PostgreSQL. */
  async list(q: CustomerListQueryDto): Promise<JsonText> {
    const sync = q.updatedSince !== undefined;
    const sort = q.sort ?? (sync ? 'updated' : 'created');
    const order = q.order ?? (sort === 'name' || sync ? 'asc' : 'desc');
    if (sync && (sort !== 'updated' || order !== 'asc'))
      throw new BadRequestException({
        message: 'updatedSince lists changes oldest first',
        details: [
          { path: sort !== 'updated' ? 'sort' : 'order', message: 'with updatedSince, sort is updated and order asc' },
        ],
      });
    const limit = q.limit ?? 50;
    const arity = sort === 'name' ? 2 : 1;
    // The cursor carries its sort and order so that a cursor from another listing is refused.
    const decoded = decodeCursor(q.cursor, arity + 3);
    if (decoded && (decoded[0] !== sort || decoded[1] !== order)) {
      throw new BadRequestException({
        message: 'Invalid cursor',
        details: [{ path: 'cursor', message: 'cursor belongs to another sort or order' }],
      });
    }
    const rows = await this.repo.list({
      limit,
      q: q.q,
      city: q.city,
      tag: q.tag,
      sort,
      desc: order === 'desc',
      after: decoded ? decoded.slice(2) : null,
      updatedSince: sync ? new Date(q.updatedSince as string) : undefined,
      outlook: q.include === 'outlook',
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor([sort, order, ...last.keys, last.id]) : null;
    return jsonPage(
      page.map((r) => r.json),
      nextCursor,
    );
  }

  async get(id: string): Promise<CustomerDetailDto> {
    const row = await this.mustGet(id);
    const recent = await this.repo.recentOrders(id, 10);
    return { ...toCustomerDto(row), outlook: toOutlookDto(row), recentOrders: recent.map(toOrderDto) };
  }

  async create(input: CreateCustomerDto, actor: AuthUser): Promise<CustomerDto> {
    const { changes, issues } = normalizeCustomerInput(
      input,
      this.config.defaults.country,
      await this.cityAliases(input),
    );
    this.assertValid(issues);
    if (!changes.externalId && !changes.email && !changes.phone) {
      throw new BadRequestException({
        message: 'A customer needs an email, a phone or an external id',
        details: [{ path: 'email', message: 'one of email, phone or externalId is required' }],
      });
    }
    await this.assertUnique(changes);
    const created = await withTransaction(this.repo.db, async (tx) => {
      const row = await this.withUniqueErrors(() => this.repo.insert(changes, tx));
      await this.audit.record({ actor, action: 'customer.created', entity: 'customer', entityId: row.id }, tx);
      await this.consentEvents.insert(
        (['email', 'sms'] as const).map((channel) => ({
          customerId: row.id,
          channel,
          status: channel === 'email' ? row.emailStatus : row.smsStatus,
          source: consentSourceOf(actor),
          note: 'customer created',
          actorId: actor.id,
        })),
        tx,
      );
      await suppressTightened(
        this.suppressions,
        row,
        consentChanges({ emailStatus: 'subscribed', smsStatus: 'subscribed' }, row),
        tx,
      );
      return toCustomerDto(row);
    });
    await this.webhooks.publish('customer.created', { customer: created });
    return created;
  }

  async update(id: string, input: UpdateCustomerDto, actor: AuthUser): Promise<CustomerDto> {
    const current = await this.mustGet(id);
    const { changes, issues } = normalizeCustomerInput(
      input,
      (input.country === undefined ? current.country : null) ?? this.config.defaults.country,
      await this.cityAliases(input),
    );
    this.assertValid(issues);
    this.assertConsentOnlyTightens(id, current, changes);
    const next = { externalId: current.externalId, email: current.email, phone: current.phone, ...pickIds(changes) };
    if (!next.externalId && !next.email && !next.phone) {
      throw new BadRequestException({
        message: 'A customer needs an email, a phone or an external id',
        details: [{ path: 'email', message: 'a customer must keep one of email, phone or externalId' }],
      });
    }
    await this.assertUnique(pickIds(changes), id);
    let consent: Record<string, { from: string; to: string }> = {};
    const updated = await withTransaction(this.repo.db, async (tx) => {
      const row = await this.withUniqueErrors(() => this.repo.update(id, changes, tx));
      if (!row) throw new NotFoundException(`Customer ${id} not found`);
      await this.audit.record(
        {
          actor,
          action: 'customer.updated',
          entity: 'customer',
          entityId: id,
          diff: fieldChanges(current, row, Object.keys(changes)),
        },
        tx,
      );
      consent = consentChanges(current, row);
      if (Object.keys(consent).length > 0) {
        await this.audit.record(
          { actor, action: 'customer.consent_changed', entity: 'customer', entityId: id, diff: consent },
          tx,
        );
        await this.consentEvents.insert(
          consentEventsOf(id, consent, consentSourceOf(actor), 'customer update', actor),
          tx,
        );
        await suppressTightened(this.suppressions, row, consent, tx);
      }
      return toCustomerDto(row);
    });
    await this.webhooks.publish('customer.updated', { customer: updated, changed: Object.keys(changes) });
    await publishUnsubscribes(this.webhooks, id, consent, 'api');
    return updated;
  }

  /** Deletes a customer; channels they had left stay suppressed (the list outlives the row). No PII in the audit. */
  async remove(id: string, actor: AuthUser): Promise<void> {
    await withTransaction(this.repo.db, async (tx) => {
      const row = await this.repo.delete(id, tx);
      if (!row) throw new NotFoundException(`Customer ${id} not found`);
      await suppressTightened(
        this.suppressions,
        row,
        consentChanges({ emailStatus: 'subscribed', smsStatus: 'subscribed' }, row),
        tx,
      );
      await this.audit.record(
        {
          actor,
          action: 'customer.deleted',
          entity: 'customer',
          entityId: id,
          diff: { hadExternalId: !!row.externalId },
        },
        tx,
      );
    });
    await this.webhooks.publish('customer.deleted', { customerId: id });
  }

  async recordVisit(id: string, at: string | undefined, actor: AuthUser): Promise<CustomerDto> {
    const when = at ? new Date(at) : new Date();
    const row = await this.repo.recordVisit(id, when);
    if (!row) throw new NotFoundException(`Customer ${id} not found`);
    await this.audit.record({
      actor,
      action: 'customer.visit_recorded',
      entity: 'customer',
      entityId: id,
      diff: { at: when.toISOString() },
    });
    return toCustomerDto(row);
  }

  async orders(id: string, limit: number, cursor?: string): Promise<OrderPageDto> {
    await this.mustGet(id);
    const key = decodeCursor(cursor, 2);
    const rows = await this.repo.orders(id, limit, key ? [String(key[0]), String(key[1])] : null);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toOrderDto),
      nextCursor: rows.length > limit && last ? encodeCursor([last.key, last.id]) : null,
    };
  }

  private async mustGet(id: string): Promise<CustomerRow> {
    const row = await this.repo.get(id);
    if (!row) throw new NotFoundException(`Customer ${id} not found`);
    return row;
  }

  /** An ordinary update may only tighten consent (409 naming each channel it would loosen). */
  private assertConsentOnlyTightens(id: string, current: CustomerRow, changes: CustomerChanges): void {
    const details: FieldIssue[] = [];
    for (const key of ['emailStatus', 'smsStatus'] as const) {
      const to = changes[key];
      if (to !== undefined && !consentOnlyTightens(current[key], to))
        details.push({
          path: key,
          message: `${current[key]} → ${to} is a re-subscription: use POST /api/customers/${id}/consent with the consent's source`,
        });
    }
    if (details.length > 0)
      throw new ConflictException({ message: 'An update cannot re-subscribe a customer', details });
  }

  private assertValid(issues: FieldIssue[]): void {
    if (issues.length > 0) throw new BadRequestException({ message: 'Validation failed', details: issues });
  }

  /** 409 naming each identifier another customer already has. */
  private async assertUnique(
    ids: Pick<CustomerChanges, 'externalId' | 'email' | 'phone'>,
    exceptId?: string,
  ): Promise<void> {
    const holders = await this.repo.holders(ids, exceptId);
    const details: FieldIssue[] = [];
    for (const [field, label] of IDENTIFIERS) {
      const value = ids[field];
      if (value && holders.some((h) => h[field] === value))
        details.push({ path: field, message: `another customer already has this ${label}` });
    }
    if (details.length > 0)
      throw new ConflictException({ message: `Duplicate ${details.map((d) => d.path).join(', ')}`, details });
  }

  /** A concurrent writer can still win the race: the unique index answers, mapped to the same 409. */
  private async withUniqueErrors<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const pg = pgErrorOf(err);
      if (pg && isUniqueViolation(err)) {
        const constraint = pg.constraint ?? pg.message ?? '';
        const field = constraint.includes('email') ? 'email' : constraint.includes('phone') ? 'phone' : 'externalId';
        throw new ConflictException({
          message: `Duplicate ${field}`,
          details: [{ path: field, message: `another customer already has this ${field}` }],
        });
      }
      throw err;
    }
  }
}

function pickIds(c: CustomerChanges): Pick<CustomerChanges, 'externalId' | 'email' | 'phone'> {
  const out: Pick<CustomerChanges, 'externalId' | 'email' | 'phone'> = {};
  if (c.externalId !== undefined) out.externalId = c.externalId;
  if (c.email !== undefined) out.email = c.email;
  if (c.phone !== undefined) out.phone = c.phone;
  return out;
}
