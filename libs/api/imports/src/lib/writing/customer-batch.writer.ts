import { sql, type SQL } from 'drizzle-orm';
import { customers, rowsOf } from '@mini-crm/db';
import type { ConsentSource } from '@mini-crm/contracts';
import { importedConsentEvents, writeConsentEvents, type ConsentEventInput } from '@mini-crm/api/customers';
import { DuplicateTracker } from '../parsing/duplicate-tracker.util';
import type { CustomerRecord, RowIssue } from '../parsing/import.types';
import { issue } from '../parsing/row-issue.util';
import type { BatchTx } from './batch-session';
import { lineAt, lineBytes } from './packed-lines.util';
import {
  CUSTOMER_STAGE_COLUMNS,
  customerCopyLine,
  SUBSCRIBED_BY_DEFAULT,
  type ConsentDefaults,
  type CustomerValues,
  type CustomerWireBatch,
} from './customer-wire';
import { applyDuplicate, type DuplicatePolicyName, type IdentifierField } from './duplicate-policy.util';

/** What one batch did; `issues` are problems found while writing (e.g. a value owned by another customer). */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  duplicates: number;
  /** Rows that failed while writing (orders naming an unknown customer). */
  failed: number;
  issues: RowIssue[];
}

export interface CustomerBatchOutcome extends BatchOutcome {
  /** What became of each row, by row number (the id is null when a concurrent writer took its identifier). */
  rows: Map<number, RowOutcome>;
  /** Consent moves of stored customers this batch made (also written to the consent history). */
  consentChanges: ConsentEventInput[];
}

export interface RowOutcome {
  status: 'inserted' | 'updated' | 'duplicate';
  id: string | null;
}

interface Owner {
  index: number;
  rowNumber: number;
  /** Parsed lazily: only rows that need more than their ready-made COPY line. */
  values: CustomerValues | null;
  dirty: boolean;
}

interface StoredCustomer {
  id: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  first_name?: string | null;
  last_name?: string | null;
  city?: string | null;
  country?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
  email_status?: string;
  sms_status?: string;
}

interface PendingUpdate {
  id: string;
  values: CustomerValues;
  changed: boolean;
  /** Consent as stored before this batch (history records what the import changed). */
  before: { emailStatus: string | null; smsStatus: string | null };
}

/** How an import writes consent: defaults for rows without a value, and what the history says about it. */
export interface ImportConsentContext {
  defaults: ConsentDefaults;
  /** consent_events.note of this import's events. */
  note: string;
  actorId: string | null;
  /** consent_events.source; `import` unless the rows came through the API. */
  source?: ConsentSource;
}

const NO_CONTEXT: ImportConsentContext = { defaults: SUBSCRIBED_BY_DEFAULT, note: 'import', actorId: null };

const IDENTIFIER_COLUMN: Record<IdentifierField, string> = {
  externalId: 'external id',
  email: 'email',
  phone: 'phone',
};
const UPDATE_CHUNK = 400;
const INSERT_CHUNK = 1000;

/**
 * Writes one batch of customer rows inside the caller's transaction. Duplicates are found within
 * the batch (DuplicateTracker) and against the table, in that order of keys: external id, email,
 * phone. Earlier batches are already committed, so duplicates across batches are found in the
 * table. With `skip`, the table's unique indexes find them: rows ON CONFLICT DO NOTHING left out
 * are the duplicates (no lookup query, the dominant cost of a large import). `update` and `merge`
 * need the stored rows, so they look them up first (one query over the batch's identifiers,
 * locking the matches). New customers go in with one COPY + INSERT … SELECT … ON CONFLICT DO
 * NOTHING (server) or multi-row INSERTs (PGlite); updates are one UPDATE … FROM (VALUES …) per
 * chunk. Every row lands in exactly one counter.
 */
export async function writeCustomerBatch(
  tx: BatchTx,
  batch: CustomerWireBatch,
  policy: DuplicatePolicyName,
  consent: ImportConsentContext = NO_CONTEXT,
): Promise<CustomerBatchOutcome> {
  const out: CustomerBatchOutcome = {
    inserted: 0,
    updated: 0,
    duplicates: 0,
    failed: 0,
    issues: [],
    rows: new Map(),
    consentChanges: [],
  };
  // Rows folded into another row or a stored customer: their id is known once every owner is placed.
  const folded: Array<{ rowNumber: number; into: Owner | string; changed: boolean }> = [];
  const parsed = new Map<number, [CustomerRecord, string[]]>();
  const parse = (i: number): [CustomerRecord, string[]] => {
    let hit = parsed.get(i);
    if (hit === undefined) {
      hit = JSON.parse(lineAt(batch.json, i)) as [CustomerRecord, string[]];
      parsed.set(i, hit);
    }
    return hit;
  };
  const valuesOf = (owner: Owner): CustomerValues => (owner.values ??= cloneValues(parse(owner.index)[0]));

  // 1. Duplicates inside the batch fold into the first row carrying the key.
  const tracker = new DuplicateTracker();
  const owners: Owner[] = [];
  const ownerByRow = new Map<number, Owner>();
  const keys = batch.keys;
  for (let i = 0; i < batch.rowNumbers.length; i++) {
    const rowNumber = batch.rowNumbers[i];
    const match = tracker.check({ externalId: keys[3 * i], email: keys[3 * i + 1], phone: keys[3 * i + 2] }, rowNumber);
    if (match === null) {
      const owner: Owner = { index: i, rowNumber, values: null, dirty: false };
      owners.push(owner);
      ownerByRow.set(rowNumber, owner);
      continue;
    }
    const owner = ownerByRow.get(match.rowNumber) as Owner;
    if (policy === 'skip') {
      out.duplicates++;
      continue;
    }
    const changed = applyDuplicate(valuesOf(owner), cloneValues(parse(i)[0]), policy, () => true);
    folded.push({ rowNumber, into: owner, changed });
    if (changed) {
      owner.dirty = true;
      out.updated++;
    } else out.duplicates++;
  }

  // 2. Matches in the table (locked until commit); `skip` leaves them to ON CONFLICT.
  const ext: string[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  if (policy !== 'skip')
    for (const o of owners) {
      const [e, m, p] = o.values
        ? [o.values.externalId, o.values.email, o.values.phone]
        : [keys[3 * o.index], keys[3 * o.index + 1], keys[3 * o.index + 2]];
      if (e) ext.push(e);
      if (m) emails.push(m);
      if (p) phones.push(p);
    }
  const matches =
    ext.length + emails.length + phones.length === 0
      ? []
      : rowsOf<StoredCustomer>(
          await tx.db.execute(
            sql`select id, external_id, email, phone, first_name, last_name, city, country, tags, attributes, email_status, sms_status from customers where external_id = any(${sql.param(ext)}::text[]) or email = any(${sql.param(emails)}::text[]) or phone = any(${sql.param(phones)}::text[]) for update`,
          ),
        );
  const byExt = new Map<string, StoredCustomer>();
  const byEmail = new Map<string, StoredCustomer>();
  const byPhone = new Map<string, StoredCustomer>();
  for (const c of matches) {
    if (c.external_id) byExt.set(c.external_id, c);
    if (c.email) byEmail.set(c.email, c);
    if (c.phone) byPhone.set(c.phone, c);
  }

  // 3. Each distinct row: insert, or apply the policy to the stored customer it matches.
  const inserts: Owner[] = [];
  const updates = new Map<string, PendingUpdate>();
  /** Owners that matched a stored customer: that customer's id. */
  const stored = new Map<Owner, string>();
  for (const o of owners) {
    const e = o.values ? o.values.externalId : keys[3 * o.index];
    const m = o.values ? o.values.email : keys[3 * o.index + 1];
    const p = o.values ? o.values.phone : keys[3 * o.index + 2];
    const hit = (e ? byExt.get(e) : undefined) ?? (m ? byEmail.get(m) : undefined) ?? (p ? byPhone.get(p) : undefined);
    if (hit === undefined) {
      inserts.push(o);
      continue;
    }
    if (policy === 'skip') {
      out.duplicates++;
      folded.push({ rowNumber: o.rowNumber, into: hit.id, changed: false });
      continue;
    }
    let pending = updates.get(hit.id);
    if (pending === undefined) {
      pending = {
        id: hit.id,
        values: storedValues(hit),
        changed: false,
        before: { emailStatus: hit.email_status ?? null, smsStatus: hit.sms_status ?? null },
      };
      updates.set(hit.id, pending);
    }
    const target = pending;
    const refused: IdentifierField[] = [];
    const changed = applyDuplicate(target.values, valuesOf(o), policy, (field, value) => {
      const owner = (field === 'externalId' ? byExt : field === 'email' ? byEmail : byPhone).get(value);
      if (owner !== undefined && owner.id !== target.id) {
        refused.push(field);
        return false;
      }
      return true;
    });
    for (const field of refused) {
      out.issues.push(
        issue(
          'warning',
          o.rowNumber,
          IDENTIFIER_COLUMN[field],
          `${IDENTIFIER_COLUMN[field]} belongs to another customer; value not applied`,
          parse(o.index)[1],
        ),
      );
    }
    folded.push({ rowNumber: o.rowNumber, into: hit.id, changed });
    stored.set(o, hit.id);
    if (changed) {
      target.changed = true;
      out.updated++;
    } else out.duplicates++;
  }

  // 4. Identifiers must stay unique among everything this batch writes.
  const claimed = { externalId: new Set<string>(), email: new Set<string>(), phone: new Set<string>() };
  for (const u of updates.values()) claim(claimed, u.values);
  for (const o of inserts) {
    if (!o.dirty && o.values === null) {
      claim(claimed, { externalId: keys[3 * o.index], email: keys[3 * o.index + 1], phone: keys[3 * o.index + 2] });
      continue;
    }
    const v = valuesOf(o);
    for (const field of ['externalId', 'email', 'phone'] as const) {
      const value = v[field];
      if (value === null) continue;
      if (claimed[field].has(value)) {
        v[field] = null;
        o.dirty = true;
        out.issues.push(
          issue(
            'warning',
            o.rowNumber,
            IDENTIFIER_COLUMN[field],
            `${IDENTIFIER_COLUMN[field]} already used by another row of this file; value not applied`,
            parse(o.index)[1],
          ),
        );
      } else claimed[field].add(value);
    }
  }

  // 5. Write.
  const insertedIds = new Set<string>();
  if (inserts.length > 0) {
    for (const id of await insertCustomers(tx, batch, inserts, valuesOf, consent)) insertedIds.add(id);
    out.inserted += insertedIds.size;
    // Rows ON CONFLICT DO NOTHING left out matched a stored customer (skip) or lost a race with a concurrent writer: duplicates.
    out.duplicates += inserts.length - insertedIds.size;
  }
  const idOf = (o: Owner): string | null => {
    const id = stored.get(o) ?? batch.ids[o.index];
    return stored.has(o) || insertedIds.has(id) ? id : null;
  };
  for (const o of inserts) {
    const id = idOf(o);
    out.rows.set(o.rowNumber, { status: id === null ? 'duplicate' : 'inserted', id });
  }
  for (const f of folded) {
    const id = typeof f.into === 'string' ? f.into : idOf(f.into);
    out.rows.set(f.rowNumber, { status: f.changed && id !== null ? 'updated' : 'duplicate', id });
  }
  const changedUpdates = [...updates.values()].filter((u) => u.changed);
  for (let i = 0; i < changedUpdates.length; i += UPDATE_CHUNK)
    await updateCustomers(tx, changedUpdates.slice(i, i + UPDATE_CHUNK));
  out.consentChanges = consentChangesOf(changedUpdates, consent);
  await writeConsentEvents(tx.db, out.consentChanges);
  return out;
}

async function insertCustomers(
  tx: BatchTx,
  batch: CustomerWireBatch,
  inserts: Owner[],
  valuesOf: (o: Owner) => CustomerValues,
  consent: ImportConsentContext,
): Promise<string[]> {
  const { defaults } = consent;
  if (tx.copy) {
    const copy = batch.copy;
    const whole = copy !== null && inserts.length === batch.rowNumbers.length && inserts.every((o) => !o.dirty);
    const payload = whole
      ? copy.bytes
      : Buffer.concat(
          inserts.map((o) =>
            o.dirty || !copy
              ? Buffer.from(customerCopyLine(batch.ids[o.index], valuesOf(o), defaults) + '\n')
              : lineBytes(copy, o.index),
          ),
        );
    await tx.copy(`import_stage_customers (${CUSTOMER_STAGE_COLUMNS})`, payload);
    // The inserted customers' initial consent goes into the history in the same statement.
    const res = await tx.db.execute(sql`
      with ins as (
        ${sql.raw(`insert into customers (${CUSTOMER_STAGE_COLUMNS}) select ${CUSTOMER_STAGE_COLUMNS} from import_stage_customers on conflict do nothing`)}
        returning id, email_status, sms_status
      ), ev as (${importedConsentEvents(sql`select id, email_status, sms_status from ins`, consent.note, consent.actorId, consent.source)})
      select id from ins`);
    return rowsOf<{ id: string }>(res).map((r) => r.id);
  }
  const inserted: string[] = [];
  for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
    const rows = inserts.slice(i, i + INSERT_CHUNK).map((o) => {
      const v = valuesOf(o);
      return {
        id: batch.ids[o.index],
        externalId: v.externalId,
        email: v.email,
        phone: v.phone,
        firstName: v.firstName,
        lastName: v.lastName,
        city: v.city,
        country: v.country,
        tags: v.tags,
        attributes: v.attributes,
        emailStatus: v.emailStatus ?? defaults.email,
        smsStatus: v.smsStatus ?? defaults.sms,
      };
    });
    const ids = (await tx.db.insert(customers).values(rows).onConflictDoNothing().returning({ id: customers.id })).map(
      (r) => r.id,
    );
    if (ids.length > 0)
      await tx.db.execute(
        importedConsentEvents(
          sql`select id, email_status, sms_status from customers where id = any(${sql.param(ids)}::uuid[])`,
          consent.note,
          consent.actorId,
          consent.source,
        ),
      );
    inserted.push(...ids);
  }
  return inserted;
}

async function updateCustomers(tx: BatchTx, updates: PendingUpdate[]): Promise<void> {
  const rows: SQL[] = updates.map(
    ({ id, values: v }) =>
      sql`(${id}::uuid, ${v.externalId}::text, ${v.email}::text, ${v.phone}::text, ${v.firstName}::text, ${v.lastName}::text, ${v.city}::text, ${v.country}::text, ${sql.param(v.tags)}::text[], ${JSON.stringify(v.attributes)}::jsonb, ${v.emailStatus ?? 'subscribed'}::text, ${v.smsStatus ?? 'subscribed'}::text)`,
  );
  await tx.db.execute(sql`
    update customers as c set external_id = v.external_id, email = v.email, phone = v.phone, first_name = v.first_name,
      last_name = v.last_name, city = v.city, country = v.country, tags = v.tags, attributes = v.attributes,
      email_status = v.email_status, sms_status = v.sms_status, updated_at = now()
    from (values ${sql.join(rows, sql`, `)}) as v(id, external_id, email, phone, first_name, last_name, city, country, tags, attributes, email_status, sms_status)
    where c.id = v.id`);
}

/** One history event per channel whose consent an update changed (imports only ever tighten it). */
function consentChangesOf(updates: PendingUpdate[], consent: ImportConsentContext): ConsentEventInput[] {
  const events: ConsentEventInput[] = [];
  for (const u of updates) {
    for (const [channel, key] of [
      ['email', 'emailStatus'],
      ['sms', 'smsStatus'],
    ] as const) {
      const to = u.values[key];
      if (to !== null && to !== u.before[key])
        events.push({
          customerId: u.id,
          channel,
          status: to,
          source: consent.source ?? 'import',
          note: consent.note,
          actorId: consent.actorId,
        });
    }
  }
  return events;
}

function claim(
  claimed: Record<IdentifierField, Set<string>>,
  v: { externalId: string | null; email: string | null; phone: string | null },
): void {
  if (v.externalId) claimed.externalId.add(v.externalId);
  if (v.email) claimed.email.add(v.email);
  if (v.phone) claimed.phone.add(v.phone);
}

function cloneValues(r: CustomerRecord | CustomerValues): CustomerValues {
  return { ...r, tags: [...r.tags], attributes: { ...r.attributes } };
}

function storedValues(c: StoredCustomer): CustomerValues {
  return {
    externalId: c.external_id,
    email: c.email,
    phone: c.phone,
    firstName: c.first_name ?? null,
    lastName: c.last_name ?? null,
    city: c.city ?? null,
    country: c.country ?? null,
    tags: [...(c.tags ?? [])],
    attributes: { ...(c.attributes ?? {}) },
    emailStatus: (c.email_status ?? null) as CustomerValues['emailStatus'],
    smsStatus: (c.sms_status ?? null) as CustomerValues['smsStatus'],
  };
}
